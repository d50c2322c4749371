using System.Linq.Expressions;
using Returns.Domain.Deadlines;

namespace Returns.Domain.Cases;

/// <summary>
/// The rules the list filters, the queue, the handover, the dashboard and the reports share, each written once as an
/// expression (so the database can evaluate it) with a compiled copy for cases already in memory.
/// </summary>
public static class CaseRules
{
    /// <summary>
    /// docs/design.md §2: the case waits for a supervisor's decision: a discount above the agent's cap (or outside the window)
    /// awaiting approval, or a return or exchange outside its window not yet approved.
    /// </summary>
    public static readonly Expression<Func<Case, bool>> AwaitsSupervisor =
        c => c.Status == CaseStatus.AwaitingApproval || (c.Status == CaseStatus.Submitted && c.OutsideWindow);

    private static readonly Func<Case, bool> AwaitsSupervisorCompiled = AwaitsSupervisor.Compile();

    public static bool IsAwaitingSupervisor(Case @case) => AwaitsSupervisorCompiled(@case);

    private static readonly CaseStatus[] TerminalStatuses = [.. CaseStatuses.Terminal];

    /// <summary>A clock that ran out: breached, or due and not yet swept.</summary>
    public static Expression<Func<CaseDeadline, bool>> RanOut(DateTimeOffset now) =>
        d => d.State == DeadlineState.Breached || (d.NextCheckAt != null && d.DueAt <= now);

    /// <summary>The same rule for a clock in memory.</summary>
    public static bool HasRunOut(CaseDeadline deadline, DateTimeOffset now) =>
        deadline.State == DeadlineState.Breached || (deadline.NextCheckAt != null && deadline.DueAt <= now);

    /// <summary>Overdue: an open case with a clock that ran out.</summary>
    public static Expression<Func<Case, bool>> Overdue(DateTimeOffset now)
    {
        var ranOut = RanOut(now);
        return c => !TerminalStatuses.Contains(c.Status) && c.Deadlines.AsQueryable().Any(ranOut);
    }

    public static bool IsOverdue(Case @case, DateTimeOffset now) =>
        @case.Status.IsOpen() && @case.Deadlines.Any(d => HasRunOut(d, now));
}
