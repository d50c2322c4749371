using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Returns.Data;
using Returns.Domain;
using Returns.Domain.Cases;
using Returns.Web.Infrastructure;

namespace Returns.Web.Features.Cases;

/// <summary>Log a return or exchange for an order (POST /cases).</summary>
public static class CreateCase
{
    public sealed record OrderItemBody(string? Sku, string? Name, int? Quantity, decimal? UnitPrice);

    public sealed record OrderBody(
        string? OrderNumber, DateTimeOffset? PaidAt, DateTimeOffset? DeliveredAt, DateTimeOffset? CompletedAt,
        decimal? ShippingFee, IReadOnlyList<OrderItemBody>? Items);

    public sealed record BuyerBody(string? Nickname, string? Phone);

    public sealed record ItemBody(string? Sku, int? Quantity);

    public sealed record ExchangeItemBody(string? Sku, int? Quantity, string? Name);

    /// <summary>折价: how much the buyer gets back, and the defect it compensates.</summary>
    public sealed record CompensationBody(decimal? Amount, string? Defect);

    /// <summary>中差评: the review as the marketplace shows it.</summary>
    public sealed record ReviewBody(ReviewRating? Rating, string? Content, DateTimeOffset? PostedAt);

    /// <summary>A new case. Which fields apply depends on <c>type</c>; the others must be left out.</summary>
    /// <param name="Type">return, exchange, discount or badReview: decides which of the other fields apply.</param>
    /// <param name="Shop">The shop's code (letters, digits, '_', '.', '-'); a shop-restricted key may only name its own.</param>
    /// <param name="Currency">ISO 4217; the shop's currency (CNY by default) when left out.</param>
    /// <param name="Order">The marketplace order as the order system has it: the window and the amounts come from it.</param>
    /// <param name="Buyer">The buyer's marketplace nickname, and phone when known.</param>
    /// <param name="Reason">A reason code from GET /api/v1/reasons. Required for every type but badReview.</param>
    /// <param name="Description">What the buyer says, in their words.</param>
    /// <param name="Items">The order's items the case is about. Required for return, exchange and discount; not for badReview.</param>
    /// <param name="ExchangeFor">exchange only, and required there: what the buyer wants instead.</param>
    /// <param name="Priority">normal when left out.</param>
    /// <param name="Assignee">The user name of an active agent or supervisor to work the case (else 422 unknown-assignee); unassigned when left out.</param>
    /// <param name="Compensation">discount only, and required there: the amount the buyer gets back and the defect.</param>
    /// <param name="Review">badReview only, and required there: the review as the marketplace shows it.</param>
    /// <param name="Platform">The marketplace the request was filed on; the shop's default (taobao unless configured) when left out.</param>
    /// <param name="PlatformRef">The marketplace's own reference of the request (e.g. its refund id).</param>
    /// <param name="PlatformDeadlines">return and exchange only: the marketplace's own due times for its clocks; each wins over the shop's configured length.</param>
    public sealed record Command(
        CaseType? Type,
        string? Shop,
        string? Currency,
        OrderBody? Order,
        BuyerBody? Buyer,
        string? Reason,
        string? Description,
        IReadOnlyList<ItemBody>? Items,
        IReadOnlyList<ExchangeItemBody>? ExchangeFor,
        Priority? Priority,
        string? Assignee,
        CompensationBody? Compensation = null,
        ReviewBody? Review = null,
        Platform? Platform = null,
        string? PlatformRef = null,
        PlatformDeadlinesBody? PlatformDeadlines = null) : ICommand<CaseView>;

    /// <summary>No marketplace order or review is older: earlier dates are typing errors (and break the clocks).</summary>
    public static readonly DateTimeOffset EarliestDate = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Type).NotNull().WithMessage("Required: return, exchange, discount or badReview.");
            RuleFor(c => c.Shop).RequiredText(64).Matches("^[A-Za-z0-9_.-]+$").WithMessage("Letters, digits, '_', '.', '-' only.");
            RuleFor(c => c.Currency).Matches("^[A-Z]{3}$").WithMessage("An ISO 4217 code such as CNY.");
            RuleFor(c => c.Order).NotNull().WithMessage("Required.");
            RuleFor(c => c.Order!).SetValidator(new OrderValidator(clock)).When(c => c.Order is not null);
            RuleFor(c => c.Buyer).NotNull().WithMessage("Required.");
            RuleFor(c => c.Buyer!.Nickname).RequiredText(128).When(c => c.Buyer is not null);
            RuleFor(c => c.Buyer!.Phone).MaxCharacters(32).Matches(@"^\+?[0-9 -]{5,32}$").When(c => c.Buyer?.Phone is not null);
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Required.").When(c => c.Type != CaseType.BadReview);
            RuleFor(c => c.Reason).Must(r => ReasonCatalog.TryGet(r, out _)).When(c => c.Reason is not null)
                .WithMessage("Not in the reason catalog (GET /api/v1/reasons).");
            RuleFor(c => c.Description).MaxCharacters(2000);
            RuleFor(c => c.Assignee).MaxCharacters(128);
            RuleFor(c => c.Items).NotEmpty().When(c => c.Type != CaseType.BadReview).WithMessage("Name the order items concerned.");
            RuleFor(c => c.Items).Must(items => items!.Select(i => i?.Sku).Distinct().Count() == items!.Count)
                .When(c => c.Items is { Count: > 0 }).WithMessage("Each SKU once.");
            RuleForEach(c => c.Items).NotNull().WithMessage("Required.");
            RuleForEach(c => c.Items).ChildRules(item =>
            {
                item.RuleFor(i => i.Sku).RequiredText(64);
                item.RuleFor(i => i.Quantity).NotNull().WithMessage("Required.").GreaterThan(0);
            });
            RuleForEach(c => c.Items).Custom((item, context) =>
            {
                var order = context.InstanceToValidate.Order;
                if (item?.Sku is null || order?.Items is null) return;
                var line = order.Items.FirstOrDefault(l => l is not null && l.Sku == item.Sku);
                if (line is null)
                    context.AddFailure(new FluentValidation.Results.ValidationFailure($"{context.PropertyPath}.Sku", $"SKU '{item.Sku}' is not on the order."));
                else if (item.Quantity > line.Quantity)
                    context.AddFailure(new FluentValidation.Results.ValidationFailure($"{context.PropertyPath}.Quantity", $"Only {line.Quantity} ordered."));
            });
            RuleFor(c => c.ExchangeFor).NotEmpty().When(c => c.Type == CaseType.Exchange)
                .WithMessage("Required for an exchange: what the buyer wants instead.");
            RuleFor(c => c.ExchangeFor).Empty().When(c => c.Type != CaseType.Exchange)
                .WithMessage("Only for an exchange.");
            RuleFor(c => c.Compensation).NotNull().When(c => c.Type == CaseType.Discount)
                .WithMessage("Required for a discount: { amount, defect }.");
            RuleFor(c => c.Compensation).Null().When(c => c.Type != CaseType.Discount).WithMessage("Only for a discount.");
            RuleFor(c => c.Compensation!.Amount).NotNull().WithMessage("Required.").GreaterThan(0m).WithMessage("Must be more than zero.")
                .Amount().When(c => c.Compensation is not null);
            RuleFor(c => c.Compensation!.Defect).RequiredText(500).When(c => c.Compensation is not null);
            RuleFor(c => c.Review).NotNull().When(c => c.Type == CaseType.BadReview)
                .WithMessage("Required for a bad review: { rating, content, postedAt }.");
            RuleFor(c => c.Review).Null().When(c => c.Type != CaseType.BadReview).WithMessage("Only for a bad review.");
            RuleFor(c => c.Review!.Rating).NotNull().WithMessage("Required: medium or bad.")
                .NotEqual(ReviewRating.Good).WithMessage("Only medium and bad reviews are cases.").When(c => c.Review is not null);
            RuleFor(c => c.Review!.Content).RequiredText(2000).When(c => c.Review is not null);
            RuleFor(c => c.Review!.PostedAt).NotNull().WithMessage("Required.")
                .Must(t => t <= clock.GetUtcNow().AddMinutes(5)).WithMessage("Cannot be in the future.")
                .Must(t => t >= EarliestDate).WithMessage("Not before 2000-01-01.")
                .Must((c, t) => c.Order?.PaidAt is not { } paid || t >= paid).WithMessage("Not before the order's paidAt.")
                .When(c => c.Review is not null);
            RuleFor(c => c.PlatformRef).MaxCharacters(64);
            RuleFor(c => c.PlatformDeadlines!.SellerDecision).PlatformDueTime(clock).When(c => c.PlatformDeadlines is not null);
            RuleFor(c => c.PlatformDeadlines!.EvidenceFromBuyer).PlatformDueTime(clock).When(c => c.PlatformDeadlines is not null);
            RuleFor(c => c.PlatformDeadlines!.BuyerShipsReturn).PlatformDueTime(clock).When(c => c.PlatformDeadlines is not null);
            RuleFor(c => c.PlatformDeadlines!.SellerConfirmsReceipt).PlatformDueTime(clock).When(c => c.PlatformDeadlines is not null);
            RuleForEach(c => c.ExchangeFor).NotNull().WithMessage("Required.");
            RuleForEach(c => c.ExchangeFor).ChildRules(item =>
            {
                item.RuleFor(i => i.Sku).RequiredText(64);
                item.RuleFor(i => i.Quantity).NotNull().WithMessage("Required.").GreaterThan(0).LessThanOrEqualTo(10_000);
                item.RuleFor(i => i.Name).MaxCharacters(200);
            });
        }
    }

    public sealed class OrderValidator : AbstractValidator<OrderBody>
    {
        public OrderValidator(TimeProvider clock)
        {
            // Clocks of the order system and ours may differ a little.
            var latest = () => clock.GetUtcNow().AddMinutes(5);
            RuleFor(o => o.OrderNumber).RequiredText(64);
            RuleFor(o => o.PaidAt).NotNull().WithMessage("Required.").Must(t => t <= latest()).WithMessage("Cannot be in the future.")
                .Must(t => t >= EarliestDate).WithMessage("Not before 2000-01-01.");
            RuleFor(o => o.DeliveredAt).Must((o, t) => t is null || (t <= latest() && (o.PaidAt is null || t >= o.PaidAt)))
                .WithMessage("Between paidAt and now.");
            RuleFor(o => o.CompletedAt).Must((o, t) => t is null || (t <= latest() && (o.PaidAt is null || t >= o.PaidAt)))
                .WithMessage("Between paidAt and now.");
            RuleFor(o => o.ShippingFee).Amount();
            RuleFor(o => o.Items).NotEmpty().WithMessage("The order's items are required.");
            RuleFor(o => o.Items).Must(items => items!.Select(i => i?.Sku).Distinct().Count() == items!.Count)
                .When(o => o.Items is { Count: > 0 }).WithMessage("Each SKU once.");
            RuleForEach(o => o.Items).NotNull().WithMessage("Required.");
            RuleForEach(o => o.Items).ChildRules(item =>
            {
                item.RuleFor(i => i.Sku).RequiredText(64);
                item.RuleFor(i => i.Name).RequiredText(200);
                item.RuleFor(i => i.Quantity).NotNull().WithMessage("Required.").GreaterThan(0).LessThanOrEqualTo(10_000);
                item.RuleFor(i => i.UnitPrice).NotNull().WithMessage("Required.").Amount();
            });
        }
    }

    public sealed class Handler(CaseContext context, CaseNumbers numbers) : ICommandHandler<Command, CaseView>
    {
        public async ValueTask<CaseView> Handle(Command command, CancellationToken ct)
        {
            context.EnsureShopAllowed(command.Shop!.Trim());
            context.EnsureMayLog(command.Type!.Value);
            var policy = context.PolicyFor(command.Shop!);
            var order = command.Order!;
            var opening = new Case.Opening(
                command.Type!.Value,
                command.Shop!.Trim(),
                command.Currency ?? policy.Currency,
                new OrderSnapshot(order.OrderNumber!.Trim(), Instants.Stored(order.PaidAt!.Value), Stored(order.DeliveredAt),
                    Stored(order.CompletedAt), order.ShippingFee,
                    order.Items!.Select(i => new OrderItem(i.Sku!.Trim(), i.Name!.Trim(), i.Quantity!.Value, i.UnitPrice!.Value)).ToList()),
                new Buyer(command.Buyer!.Nickname!.Trim(), command.Buyer.Phone?.Trim()),
                command.Reason!,
                command.Description,
                (command.Items ?? []).Select(i => new CaseItem(i.Sku!.Trim(), i.Quantity!.Value)).ToList(),
                (command.ExchangeFor ?? []).Select(i => new ExchangeItem(i.Sku!.Trim(), i.Quantity!.Value, i.Name?.Trim())).ToList(),
                command.Priority ?? Priority.Normal,
                string.IsNullOrWhiteSpace(command.Assignee) ? null : command.Assignee.Trim(),
                command.Compensation is { } c ? (c.Amount!.Value, c.Defect!.Trim()) : null,
                command.Review is { } r ? new Review(r.Rating!.Value, r.Content!, Instants.Stored(r.PostedAt!.Value)) : null,
                command.Platform,
                string.IsNullOrWhiteSpace(command.PlatformRef) ? null : command.PlatformRef.Trim(),
                command.PlatformDeadlines?.DueTimes());

            // The order's cases in this shop are few; the domain decides whether the new one repeats one of them.
            var casesOfOrder = await context.Db.Cases.AsNoTracking()
                .Where(c => c.Shop == opening.Shop && c.OrderNumber == opening.Order.OrderNumber)
                .ToListAsync(ct);
            OpenCaseRule.EnsureNoDuplicate(opening, casesOfOrder);
            var assignee = opening.Assignee is null ? null : await context.FindPerson(opening.Assignee);
            var sequence = await numbers.Next(context.Db, ct);
            var @case = Case.Open(opening, sequence, context.At(opening.Shop), assignee);
            context.Db.Cases.Add(@case);
            return context.View(@case);
        }
    }

    private static DateTimeOffset? Stored(DateTimeOffset? instant) => instant is { } value ? Instants.Stored(value) : null;

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapPost("", async (Command command, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var view = await mediator.Send(command, ct);
                http.Response.Headers[CaseEndpoints.ETagHeader] = CaseEndpoints.ETag(view.Version);
                return Results.Created($"/api/v1/cases/{view.Id}", view);
            })
            .WithName("CreateCase")
            .WithSummary("Log a case for an order: return, exchange, discount (with compensation) or badReview (with review).")
            .Produces<CaseView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
