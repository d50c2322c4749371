using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Returns.Data;
using Returns.Web.Infrastructure;
using Returns.Web.Infrastructure.Security;

namespace Returns.Web.Features.Webhooks;

/// <summary>
/// GET /events: every event the webhooks deliver (same id, type and payload), oldest first, for an integration that
/// missed deliveries to catch up by polling. A shop-restricted key reads its shop's events only. The cursor is a
/// place in the feed: keep the last <c>nextCursor</c> and ask again later; nothing is skipped or repeated.
/// </summary>
public static class EventFeed
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    /// <summary>One event: its payload is the body of its webhook delivery, its id the delivery's X-Returns-Event-Id.</summary>
    public sealed record Event(long Id, string Type, Guid? CaseId, DateTimeOffset CreatedAt, JsonElement Payload);

    /// <summary>A page of events; nextCursor is always given: where the next call continues, now or after new events.</summary>
    public sealed record Page(IReadOnlyList<Event> Items, string NextCursor, bool HasMore);

    public sealed record Query(
        [FromQuery(Name = "after")] string? After,
        [FromQuery(Name = "limit")] int? Limit) : IQuery<Page>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.After).Must(c => c is null || Cursor.Decode(c) is not null).WithMessage("Not a cursor this API gave out.");
            RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit);
        }
    }

    public sealed class Handler(ReturnsDbContext db, IActorAccessor actors) : IQueryHandler<Query, Page>
    {
        public async ValueTask<Page> Handle(Query query, CancellationToken ct)
        {
            await EventSequence.Assign(db, ct);
            var after = query.After is null ? 0 : Cursor.Decode(query.After) ?? 0;
            var events = db.Outbox.AsNoTracking().Where(m => m.Position > after);
            // Every event is about a case (a notification too): the case's shop is the event's.
            if (actors.Principal?.RestrictedShop() is { } shop)
                events = events.Where(m => db.Cases.Any(c => c.Id == m.CaseId && c.Shop == shop));
            var limit = query.Limit ?? DefaultLimit;
            var rows = await events.OrderBy(m => m.Position).Take(limit + 1).ToListAsync(ct);
            var page = rows.Take(limit).ToList();
            var last = page.Count > 0 ? page[^1].Position!.Value : after;
            return new Page(
                page.Select(m => new Event(m.Id, m.Type, m.CaseId, m.CreatedAt, JsonDocument.Parse(m.Payload).RootElement.Clone())).ToList(),
                Cursor.Encode(last), rows.Count > limit);
        }
    }

    /// <summary>The place after which the next page starts.</summary>
    private sealed record Place(long After);

    private static class Cursor
    {
        public static string Encode(long position) => OpaqueCursor.Encode(new Place(position));

        public static long? Decode(string cursor) => OpaqueCursor.Decode<Place>(cursor) is { After: >= 0 } place ? place.After : null;
    }

    public static void Map(RouteGroupBuilder events) =>
        events.MapGet("", async ([AsParameters] Query query, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(query, ct)))
            .WithName("ListEvents")
            .WithSummary("Every event the webhooks deliver (same id, type and payload), oldest first, from a cursor; a shop-restricted key sees its shop's.")
            .WithDescription("Poll with the last nextCursor to catch up on what a webhook missed: no event is skipped or repeated. " +
                             "Events are kept at least 30 days. Supervisors, admins, and keys with webhooks, cases:read or cases:write.")
            .Produces<Page>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
}
