using System.Text.Json;
using FluentValidation;
using Mapster;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Returns.Domain.Cases;

namespace Returns.Web.Features.Cases;

/// <summary>Cases, newest first, filtered, in pages with an opaque cursor (GET /cases).</summary>
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
        [FromQuery(Name = "cursor")] string? Cursor) : IQuery<Page>
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
            RuleFor(q => q.Cursor).Must(c => c is null || DecodeCursor(c) is not null).WithMessage("Not a cursor this API gave out.");
            RuleFor(q => q.Q).MaximumLength(100);
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
            if (query.Cursor is not null && DecodeCursor(query.Cursor) is { } before)
                cases = cases.Where(c => c.Sequence < before);

            var limit = query.Limit ?? Query.DefaultLimit;
            var rows = await cases.OrderByDescending(c => c.Sequence).Take(limit + 1).ToListAsync(ct);
            var page = rows.Take(limit).ToList();
            var next = rows.Count > limit ? EncodeCursor(page[^1].Sequence) : null;
            return new Page(page.Select(c => c.ToSummary(now, mapping)).ToList(), next);
        }
    }

    private static System.Linq.Expressions.Expression<Func<Case, bool>> Not(System.Linq.Expressions.Expression<Func<Case, bool>> rule) =>
        System.Linq.Expressions.Expression.Lambda<Func<Case, bool>>(System.Linq.Expressions.Expression.Not(rule.Body), rule.Parameters);

    internal static string EncodeCursor(long sequence) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new { before = sequence })).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static long? DecodeCursor(string cursor)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            using var json = JsonDocument.Parse(Convert.FromBase64String(base64));
            return json.RootElement.GetProperty("before").GetInt64();
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

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
            .WithSummary("List cases, newest first; filter and page with limit (≤ 200) and cursor.")
            .Produces<Page>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
}
