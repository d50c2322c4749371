using FluentValidation;
using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Returns.Web.Features.Cases;
using Returns.Web.Infrastructure;

namespace Returns.Web.Features.Handover;

/// <summary>
/// 交接班 (docs/business-rules.md §5.3): what the incoming shift must pick up — every open case with a deadline inside the
/// shift or already breached, unassigned cases, and cases waiting on a supervisor; breached first, bad reviews
/// pinned to the top (F3: 把中差评放在首要位置).
/// </summary>
public static class ShiftHandover
{
    public sealed class ShiftDefinition
    {
        public string Name { get; set; } = "";
        public string Start { get; set; } = "09:00";
        public string End { get; set; } = "17:30";
    }

    /// <summary>F0-d: 白班 9:00–17:30, 晚班 17:00–23:30.</summary>
    public static readonly IReadOnlyList<ShiftDefinition> DefaultShifts =
    [
        new() { Name = "day", Start = "09:00", End = "17:30" },
        new() { Name = "evening", Start = "17:00", End = "23:30" },
    ];

    public enum Why
    {
        Breached,
        DueInShift,
        Unassigned,
        AwaitingSupervisor,
    }

    public sealed record ShiftView(string Name, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone);

    public sealed record Item(CaseSummary Case, IReadOnlyList<Why> Reasons, DateTimeOffset? NextDueAt, IReadOnlyList<DeadlineView> Deadlines);

    public sealed record Result(ShiftView Shift, IReadOnlyList<Item> Items, DateTimeOffset GeneratedAt);

    public sealed record Query(string? Shift, DateOnly? Date) : IQuery<Result>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IConfiguration configuration) =>
            RuleFor(q => q.Shift).Must(s => s is null || Shifts(configuration).Any(d => d.Name == s))
                .WithMessage(_ => $"One of: {string.Join(", ", Shifts(configuration).Select(d => d.Name))}.");
    }

    public static IReadOnlyList<ShiftDefinition> Shifts(IConfiguration configuration)
    {
        var configured = configuration.GetSection("Returns:Shifts").Get<List<ShiftDefinition>>();
        return configured is { Count: > 0 } ? configured : DefaultShifts;
    }

    public sealed class Handler(CaseContext context, IConfiguration configuration, TypeAdapterConfig mapping) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var now = context.Now;
            var timeZone = ShopPolicyTimeZone();
            var shift = Window(query, now, timeZone);
            var open = CaseStatuses.Terminal.ToList();
            var end = shift.EndsAt;

            // Candidates: unassigned, awaiting a supervisor, or with a clock that ran out or runs out before the shift ends.
            var cases = await context.Cases.AsNoTracking().Include(c => c.Deadlines)
                .Where(c => !open.Contains(c.Status))
                .Where(c => c.Assignee == null
                    || c.Status == CaseStatus.AwaitingApproval || c.Status == CaseStatus.Submitted
                    || c.Deadlines.Any(d => d.State == DeadlineState.Breached || (d.NextCheckAt != null && d.DueAt < end)))
                .ToListAsync(ct);

            var items = cases.Select(c =>
            {
                var reasons = new List<Why>();
                if (CaseRules.IsOverdue(c, now)) reasons.Add(Why.Breached);
                if (c.Deadlines.Any(d => d.IsRunning && d.DueAt > now && d.DueAt < end)) reasons.Add(Why.DueInShift);
                if (c.Assignee is null) reasons.Add(Why.Unassigned);
                if (c.AwaitingSupervisor) reasons.Add(Why.AwaitingSupervisor);
                var running = c.Deadlines.Where(d => d.IsRunning).OrderBy(d => d.DueAt).ToList();
                return new Item(c.ToSummary(now, mapping), reasons, running.FirstOrDefault()?.DueAt,
                    running.Concat(c.Deadlines.Where(d => d.State == DeadlineState.Breached))
                        .Select(DeadlineView.Of).ToList());
            })
            .Where(i => i.Reasons.Count > 0)
            .OrderByDescending(i => i.Case.Type == CaseType.BadReview)
            .ThenByDescending(i => i.Reasons.Contains(Why.Breached))
            .ThenBy(i => i.NextDueAt ?? DateTimeOffset.MaxValue)
            .ThenBy(i => i.Case.Number, StringComparer.Ordinal)
            .ToList();

            return new Result(new ShiftView(shift.Name, shift.StartsAt, shift.EndsAt, timeZone.Id), items, now);
        }

        private TimeZoneInfo ShopPolicyTimeZone() =>
            TimeZoneInfo.FindSystemTimeZoneById(configuration["Returns:Policies:Default:TimeZone"] ?? "Asia/Shanghai");

        /// <summary>The named shift on the given date, or the next one to begin (the incoming shift).</summary>
        private ShiftView Window(Query query, DateTimeOffset now, TimeZoneInfo timeZone)
        {
            var shifts = Shifts(configuration).Where(s => query.Shift is null || s.Name == query.Shift).ToList();
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, timeZone).DateTime);
            var days = query.Date is { } date ? [date] : new[] { today, today.AddDays(1), today.AddDays(2) };
            var candidates = days.SelectMany(day => shifts.Select(s =>
            {
                var starts = At(day, TimeOnly.Parse(s.Start), timeZone);
                var ends = At(TimeOnly.Parse(s.End) > TimeOnly.Parse(s.Start) ? day : day.AddDays(1), TimeOnly.Parse(s.End), timeZone);
                return new ShiftView(s.Name, starts, ends, timeZone.Id);
            })).OrderBy(s => s.StartsAt).ToList();
            return query.Date is not null ? candidates[0] : candidates.FirstOrDefault(s => s.StartsAt >= now) ?? candidates[^1];
        }

        private static DateTimeOffset At(DateOnly day, TimeOnly time, TimeZoneInfo timeZone)
        {
            var local = day.ToDateTime(time);
            return new DateTimeOffset(local, timeZone.GetUtcOffset(local)).ToUniversalTime();
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("handover", async (string? shift, DateOnly? date, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Query(shift, date), ct)))
            .WithName("ShiftHandover")
            .WithSummary("交接班: what the incoming shift must pick up (shift = day | evening, optional date yyyy-MM-dd).")
            .Produces<Result>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
}
