using System.Text.Json;
using FluentValidation;
using Mapster;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Returns.Domain.Cases;
using Returns.Web.Infrastructure;

namespace Returns.Web.Features.Cases;

/// <summary>
/// Cases, newest first, filtered, in pages with an opaque cursor (GET /cases). With <c>updatedSince</c> they come by last
/// change instead, oldest change first, so an integration polling "changed since" pages through them stably: a case
/// changed while it pages moves behind the cursor and comes again, with its change, rather than being skipped.
/// </summary>
public static class ListCases
{
    public sealed record Page(IReadOnlyList<CaseSummary> Items, string? NextCursor);

    public sealed record Query(
        [FromQuery(Name = "type")] string? Type,
        [FromQuery(Name = "status")] string? Status,
        [FromQuery(Name = "shop")] string? Shop,
        [FromQuery(Name = "assignee")] string? Assignee,
        [FromQuery(Name = "orderNumber")] string? OrderNumber,
        [FromQuery(Name = "trackingNumber")] string? TrackingNumber,
        [FromQuery(Name = "q")] string? Q,
        [FromQuery(Name = "overdue")] bool? Overdue,
        [FromQuery(Name = "limit")] int? Limit,
        [FromQuery(Name = "cursor")] string? Cursor,
        [FromQuery(Name = "updatedSince")] DateTimeOffset? UpdatedSince = null) : IQuery<Page>
    {
        public const int DefaultLimit = 50;
        public const int MaxLimit = 200;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Type).Must(t => t is null || TryParseEnum<CaseType>(t, out _))
                .WithMessage($"One of {string.Join(", ", Enum.GetNames<CaseType>().Select(Camel))}.");
            RuleFor(q => q.Status).Must(s => s is null || s.Split(',').All(v => TryParseEnum<CaseStatus>(v, out _)))
                .WithMessage("Comma-separated statuses, e.g. submitted,awaitingEvidence.");
            RuleFor(q => q.Limit).InclusiveBetween(1, Query.MaxLimit);
            RuleFor(q => q.Cursor).Must((q, c) => c is null || (q.UpdatedSince is null ? OpaqueCursor.Decode<NewestFirst>(c) as object : OpaqueCursor.Decode<ByChange>(c)) is not null)
                .WithMessage("Not a cursor this API gave out for this listing (a cursor of a listing with updatedSince goes with updatedSince).");
            RuleFor(q => q.Q).MaxCharacters(100);
            RuleFor(q => new[] { q.Type, q.Status, q.Shop, q.Assignee, q.OrderNumber, q.TrackingNumber, q.Q, q.Cursor })
                .Must(values => values.All(v => v is null || !v.Contains('\0'))).OverridePropertyName("filters")
                .WithMessage("Filters cannot contain NUL characters.");
        }
    }

    public sealed class Handler(CaseContext context, TypeAdapterConfig mapping) : IQueryHandler<Query, Page>
    {
        public async ValueTask<Page> Handle(Query query, CancellationToken ct)
        {
            var cases = context.Cases.AsNoTracking().Include(c => c.Deadlines).AsQueryable();
            if (query.Type is not null && TryParseEnum<CaseType>(query.Type, out var type))
                cases = cases.Where(c => c.Type == type);
            if (query.Status is not null)
            {
                var statuses = query.Status.Split(',').Select(s => TryParseEnum<CaseStatus>(s, out var v) ? v : default).ToList();
                cases = cases.Where(c => statuses.Contains(c.Status));
            }
            if (!string.IsNullOrWhiteSpace(query.Shop)) cases = cases.Where(c => c.Shop == query.Shop.Trim());
            if (!string.IsNullOrWhiteSpace(query.Assignee)) cases = cases.Where(c => c.Assignee == query.Assignee.Trim());
            if (!string.IsNullOrWhiteSpace(query.OrderNumber)) cases = cases.Where(c => c.OrderNumber == query.OrderNumber.Trim());
            if (!string.IsNullOrWhiteSpace(query.TrackingNumber))
            {
                var tracking = ReturnShipment.Normalize(query.TrackingNumber);
                cases = cases.Where(c => c.ReturnTrackingNumber == tracking || c.ReplacementTrackingNumber == tracking);
            }
            if (!string.IsNullOrWhiteSpace(query.Q))
            {
                var q = query.Q.Trim().ToLower();
                cases = cases.Where(c => c.Number.ToLower().Contains(q) || c.OrderNumber.ToLower().Contains(q)
                    || c.BuyerNickname.ToLower().Contains(q) || (c.Description != null && c.Description.ToLower().Contains(q)));
            }
            var now = context.Now;
            if (query.Overdue is { } overdue)
            {
                var isOverdue = CaseRules.Overdue(now);
                cases = overdue ? cases.Where(isOverdue) : cases.Where(Not(isOverdue));
            }
            var limit = query.Limit ?? Query.DefaultLimit;
            List<Case> rows;
            if (query.UpdatedSince is { } since)
            {
                cases = cases.Where(c => c.UpdatedAt >= since);
                if (query.Cursor is not null && OpaqueCursor.Decode<ByChange>(query.Cursor) is { } after)
                    cases = cases.Where(c => c.UpdatedAt > after.UpdatedAt || (c.UpdatedAt == after.UpdatedAt && c.Sequence > after.Sequence));
                rows = await cases.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Sequence).Take(limit + 1).ToListAsync(ct);
            }
            else
            {
                if (query.Cursor is not null && OpaqueCursor.Decode<NewestFirst>(query.Cursor) is { } before)
                    cases = cases.Where(c => c.Sequence < before.Before);
                rows = await cases.OrderByDescending(c => c.Sequence).Take(limit + 1).ToListAsync(ct);
            }
            var page = rows.Take(limit).ToList();
            var next = rows.Count <= limit ? null
                : query.UpdatedSince is null ? OpaqueCursor.Encode(new NewestFirst(page[^1].Sequence))
                : OpaqueCursor.Encode(new ByChange(page[^1].UpdatedAt, page[^1].Sequence));
            return new Page(page.Select(c => c.ToSummary(now, mapping)).ToList(), next);
        }
    }

    private static System.Linq.Expressions.Expression<Func<Case, bool>> Not(System.Linq.Expressions.Expression<Func<Case, bool>> rule) =>
        System.Linq.Expressions.Expression.Lambda<Func<Case, bool>>(System.Linq.Expressions.Expression.Not(rule.Body), rule.Parameters);

    /// <summary>Where a newest-first page ended: the next page has older cases.</summary>
    private sealed record NewestFirst(long Before);

    /// <summary>Where a page by last change ended: the next page has later changes (the sequence breaks ties).</summary>
    private sealed record ByChange(DateTimeOffset UpdatedAt, long Sequence);

    /// <summary>Filters use the API's camelCase names; numbers are not accepted for enums.</summary>
    private static bool TryParseEnum<T>(string text, out T value) where T : struct, Enum
    {
        value = default;
        var name = Enum.GetNames<T>().FirstOrDefault(n => Camel(n) == text.Trim());
        return name is not null && Enum.TryParse(name, out value);
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapGet("", async ([AsParameters] Query query, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(query, ct)))
            .WithName("ListCases")
            .WithSummary("List cases, newest first (with updatedSince: by last change, oldest first); filter and page with limit (≤ 200) and cursor.")
            .Produces<Page>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
}
