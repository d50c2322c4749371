using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Returns.Domain.Cases;
using Returns.Domain.Privacy;
using Returns.Web.Features.Cases;
using Returns.Web.Infrastructure;
using Returns.Web.Infrastructure.Security;

namespace Returns.Web.Features.Privacy;

/// <summary>
/// GET /audit/access: who revealed which buyer's contact data, when and why, newest first (supervisors, admins, an
/// <c>audit</c> key; a shop-restricted caller reads its shop's entries only).
/// </summary>
public static class ListContactAccess
{
    /// <summary>Where a newest-first page of the log ended: the next page has older entries.</summary>
    private sealed record Before(long Id);

    public sealed record Entry(long Id, DateTimeOffset At, string Actor, Role ActorRole, Guid CaseId, string CaseNumber, string Shop, string Reason)
    {
        public static Entry Of(ContactAccess a) => new(a.Id, a.At, a.Actor, a.ActorRole, a.CaseId, a.CaseNumber, a.Shop, a.Reason);
    }

    public sealed record Page(IReadOnlyList<Entry> Items, string? NextCursor);

    /// <param name="Case">One case: its id or its number (AS-000042).</param>
    /// <param name="Actor">One person or key, as the log names them (<c>li.na</c>, <c>key:erp</c>).</param>
    /// <param name="From">Entries at or after this instant.</param>
    /// <param name="To">Entries before this instant.</param>
    /// <param name="Limit">At most this many entries (1–200, default 50).</param>
    /// <param name="Cursor">The nextCursor of the previous page.</param>
    public sealed record Query(
        [FromQuery(Name = "case")] string? Case,
        [FromQuery(Name = "actor")] string? Actor,
        [FromQuery(Name = "from")] DateTimeOffset? From,
        [FromQuery(Name = "to")] DateTimeOffset? To,
        [FromQuery(Name = "limit")] int? Limit,
        [FromQuery(Name = "cursor")] string? Cursor) : IQuery<Page>
    {
        public const int DefaultLimit = 50;
        public const int MaxLimit = 200;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Limit).InclusiveBetween(1, Query.MaxLimit);
            RuleFor(q => q.Case).MaximumLength(64);
            RuleFor(q => q.Actor).MaximumLength(256);
            RuleFor(q => q.Cursor).Must(c => c is null || OpaqueCursor.Decode<Before>(c) is not null).WithMessage("Not a cursor this API gave out.");
            RuleFor(q => q.To).GreaterThan(q => q.From).When(q => q.From is not null && q.To is not null).WithMessage("Must be after from.");
            RuleFor(q => new[] { q.Case, q.Actor, q.Cursor }).Must(values => values.All(v => v is null || !v.Contains('\0')))
                .OverridePropertyName("filters").WithMessage("Filters cannot contain NUL characters.");
        }
    }

    public sealed class Handler(CaseContext context, IActorAccessor actors) : IQueryHandler<Query, Page>
    {
        public async ValueTask<Page> Handle(Query query, CancellationToken ct)
        {
            var log = context.Db.ContactAccessLog.AsNoTracking();
            if (actors.Principal?.RestrictedShop() is { } shop) log = log.Where(a => a.Shop == shop);
            if (!string.IsNullOrWhiteSpace(query.Case))
            {
                var key = query.Case.Trim();
                log = Guid.TryParse(key, out var id) ? log.Where(a => a.CaseId == id) : log.Where(a => a.CaseNumber == key.ToUpperInvariant());
            }
            if (!string.IsNullOrWhiteSpace(query.Actor)) log = log.Where(a => a.Actor == query.Actor.Trim());
            if (query.From is { } from) log = log.Where(a => a.At >= from);
            if (query.To is { } to) log = log.Where(a => a.At < to);
            if (query.Cursor is not null && OpaqueCursor.Decode<Before>(query.Cursor) is { } place) { var before = place.Id; log = log.Where(a => a.Id < before); }

            var limit = query.Limit ?? Query.DefaultLimit;
            var rows = await log.OrderByDescending(a => a.Id).Take(limit + 1).ToListAsync(ct);
            var page = rows.Take(limit).ToList();
            return new Page(page.Select(Entry.Of).ToList(), rows.Count > limit ? OpaqueCursor.Encode(new Before(page[^1].Id)) : null);
        }
    }

    public static void Map(RouteGroupBuilder audit) =>
        audit.MapGet("access", async ([AsParameters] Query query, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(query, ct)))
            .WithName("ListContactAccess")
            .WithSummary("The access log of buyers' contact data, newest first; filter by case, actor, from and to; page with limit (≤ 200) and cursor.")
            .Produces<Page>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
}
