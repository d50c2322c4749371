using System.Security.Cryptography;
using FluentValidation;
using Returns.Web.Features.Cases;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Returns.Data;
using Returns.Data.Security;
using Returns.Domain.Cases;
using Returns.Web.Infrastructure;
using Returns.Web.Infrastructure.Security;

namespace Returns.Web.Features.Webhooks;

/// <summary>
/// Webhook subscriptions (url, events or <c>*</c>, secret) and their delivery log. Every case event is an outbox
/// row written with the change; the dispatcher delivers it signed right after the commit, retrying with backoff for 24 h.
/// Targets are public addresses only (<see cref="WebhookTargets"/>).
/// </summary>
public static class WebhookSubscriptions
{
    /// <summary>
    /// Event names: <c>case.{action}</c> for every action (plus the system's escalate and remove-buyer-data), and
    /// <c>notification.created</c>.
    /// </summary>
    public static readonly IReadOnlySet<string> KnownEvents = Enum.GetValues<CaseAction>().Select(a => $"case.{a.Name()}")
        .Append("case.escalate").Append($"case.{Returns.Domain.Privacy.BuyerDataRetention.Removed}").Append("notification.created").ToHashSet();

    // Shop: the only shop whose events it receives (made by a shop-restricted key), or null for every shop.
    public sealed record SubscriptionView(Guid Id, string Url, IReadOnlyList<string> Events, bool Active, string CreatedBy, DateTimeOffset CreatedAt, string? Shop)
    {
        public static SubscriptionView Of(WebhookSubscription s) => new(s.Id, s.Url, s.Events, s.Active, s.CreatedBy, s.CreatedAt, s.Shop);
    }

    /// <summary>The secret is shown when the subscription is created, never again.</summary>
    public sealed record CreatedSubscription(SubscriptionView Subscription, string Secret);

    public sealed record DeliveryView(
        Guid Id, string EventType, DeliveryStatus Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt,
        DateTimeOffset? DeliveredAt, int? LastStatusCode, string? LastError);

    public sealed record CreateBody(string? Url, IReadOnlyList<string>? Events, string? Secret);

    public sealed record Create(string? Url, IReadOnlyList<string>? Events, string? Secret) : ICommand<CreatedSubscription>;

    public sealed record Delete(Guid Id) : ICommand<SubscriptionView>;

    public sealed record List : IQuery<IReadOnlyList<SubscriptionView>>;

    public sealed record Deliveries(Guid Id, int Limit) : IQuery<IReadOnlyList<DeliveryView>>;

    public sealed class CreateValidator : AbstractValidator<Create>
    {
        public CreateValidator()
        {
            RuleFor(c => c.Url).NotEmpty().MaxCharacters(2000)
                .Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
                .WithMessage("An absolute http(s) URL.");
            RuleFor(c => c.Events).NotEmpty().WithMessage("Event names, or [\"*\"] for all.");
            RuleForEach(c => c.Events).Must(e => e == "*" || KnownEvents.Contains(e)).WithMessage("Unknown event; e.g. case.approve, case.create, notification.created or *.");
            RuleFor(c => c.Secret).MinimumLength(16).MaxCharacters(256).When(c => c.Secret is not null);
        }
    }

    /// <summary>
    /// A shop-restricted key sees, makes and manages only its shop's subscriptions (issue 19, item 1); another shop's is
    /// "not found", as if it did not exist. Admins and unrestricted keys see them all.
    /// </summary>
    public sealed class Handler(ReturnsDbContext db, IActorAccessor actors, TimeProvider clock, WebhookTargets targets)
        : ICommandHandler<Create, CreatedSubscription>, ICommandHandler<Delete, SubscriptionView>,
          IQueryHandler<List, IReadOnlyList<SubscriptionView>>, IQueryHandler<Deliveries, IReadOnlyList<DeliveryView>>
    {
        private IQueryable<WebhookSubscription> Visible(IQueryable<WebhookSubscription> subscriptions) =>
            actors.Principal?.RestrictedShop() is { } shop ? subscriptions.Where(s => s.Shop == shop) : subscriptions;

        public async ValueTask<CreatedSubscription> Handle(Create command, CancellationToken ct)
        {
            await targets.CheckSubscription(new Uri(command.Url!), ct);
            var secret = command.Secret ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            var subscription = new WebhookSubscription
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()), Url = command.Url!, Events = command.Events!.Distinct().ToList(), Secret = secret,
                CreatedBy = actors.Current.Name, CreatedAt = clock.GetUtcNow(), Shop = actors.Principal?.RestrictedShop(),
            };
            db.WebhookSubscriptions.Add(subscription);
            return new CreatedSubscription(SubscriptionView.Of(subscription), secret);
        }

        public async ValueTask<SubscriptionView> Handle(Delete command, CancellationToken ct)
        {
            var subscription = await Visible(db.WebhookSubscriptions).SingleOrDefaultAsync(s => s.Id == command.Id, ct)
                ?? throw ProblemException.NotFound($"Webhook {command.Id}");
            // Kept (inactive) so its delivery log stays readable.
            subscription.Active = false;
            return SubscriptionView.Of(subscription);
        }

        public async ValueTask<IReadOnlyList<SubscriptionView>> Handle(List query, CancellationToken ct) =>
            (await Visible(db.WebhookSubscriptions.AsNoTracking()).OrderBy(s => s.CreatedAt).ToListAsync(ct)).Select(SubscriptionView.Of).ToList();

        public async ValueTask<IReadOnlyList<DeliveryView>> Handle(Deliveries query, CancellationToken ct)
        {
            if (!await Visible(db.WebhookSubscriptions).AnyAsync(s => s.Id == query.Id, ct)) throw ProblemException.NotFound($"Webhook {query.Id}");
            var rows = await db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == query.Id)
                .OrderByDescending(d => d.OutboxId).Take(query.Limit).ToListAsync(ct);
            return rows.Select(d => new DeliveryView(d.Id, d.EventType, d.Status, d.Attempts, d.CreatedAt, d.NextAttemptAt, d.DeliveredAt, d.LastStatusCode, d.LastError)).ToList();
        }
    }

    public static void Map(RouteGroupBuilder webhooks)
    {
        webhooks.MapGet("", async (IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new List(), ct)))
            .WithName("ListWebhooks").WithSummary("Webhook subscriptions.").Produces<IReadOnlyList<SubscriptionView>>();
        webhooks.MapPost("", async (CreateBody b, IMediator m, CancellationToken ct) =>
            {
                var created = await m.Send(new Create(b.Url, b.Events, b.Secret), ct);
                return Results.Created($"/api/v1/webhooks/{created.Subscription.Id}", created);
            })
            .WithName("CreateWebhook")
            .WithSummary("Subscribe a URL to events. Deliveries carry X-Returns-Timestamp and X-Returns-Signature: sha256=HMAC(secret, timestamp + \".\" + body).")
            .Produces<CreatedSubscription>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        webhooks.MapDelete("{id:guid}", async (Guid id, IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new Delete(id), ct)))
            .WithName("DeleteWebhook").WithSummary("Stop a subscription (its delivery log stays).").Produces<SubscriptionView>().ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapGet("{id:guid}/deliveries", async (Guid id, int? limit, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new Deliveries(id, Math.Clamp(limit ?? 100, 1, 500)), ct)))
            .WithName("ListWebhookDeliveries").WithSummary("The delivery log: attempts, status codes, errors, newest first.")
            .Produces<IReadOnlyList<DeliveryView>>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
