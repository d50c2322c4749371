using FluentValidation;
using Returns.Domain.Cases;

namespace Returns.Web.Features.Cases.Actions;

/// <summary>
/// The return parcel arrived and was inspected item by item. Every unit passing → refund (or replacement);
/// anything else → inspectionFailed for a partial refund or a rejection.
/// </summary>
public static class ConfirmReceipt
{
    /// <summary>One inspected line: how many units of a SKU arrived in which condition.</summary>
    public sealed record ReceivedItem(string? Sku, int? Quantity, ItemCondition? Condition);

    public sealed record Body(IReadOnlyList<ReceivedItem>? Items, string? Note);

    public sealed record Command(Guid CaseId, IReadOnlyList<ReceivedItem>? Items, string? Note, int? ExpectedVersion) : ICaseCommand;

    public sealed class ReceivedItemValidator : AbstractValidator<ReceivedItem>
    {
        public ReceivedItemValidator()
        {
            RuleFor(i => i.Sku).RequiredText(64);
            RuleFor(i => i.Quantity).NotNull().WithMessage("Required.").GreaterThan(0).LessThanOrEqualTo(10_000);
            RuleFor(i => i.Condition).NotNull().WithMessage("Required: resaleable, damaged, used, missingParts or wrongItem.");
        }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Items).NotEmpty().WithMessage("List what arrived, item by item.");
            RuleForEach(c => c.Items).NotNull().WithMessage("Required.");
            RuleForEach(c => c.Items).SetValidator(new ReceivedItemValidator());
            RuleFor(c => c.Note).MaximumLength(2000);
        }
    }

    public sealed class Handler(CaseContext context) : CaseCommandHandler<Command>(context)
    {
        protected override ValueTask Apply(Case @case, Command command, CaseContext context, CancellationToken ct)
        {
            @case.ConfirmReceipt(ToInspection(command.Items!), command.Note, context.Actor, context.Now);
            return ValueTask.CompletedTask;
        }
    }

    public static IReadOnlyList<(string Sku, int Quantity, ItemCondition Condition)> ToInspection(IEnumerable<ReceivedItem> items) =>
        items.Select(i => (i.Sku!.Trim(), i.Quantity!.Value, i.Condition!.Value)).ToList();

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapCaseAction<Body>(CaseAction.ConfirmReceipt, (id, body, version) => new Command(id, body.Items, body.Note, version),
            "Confirm the return parcel arrived, with each item's condition.");
}
