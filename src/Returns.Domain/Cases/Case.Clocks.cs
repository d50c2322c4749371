using Returns.Domain.Deadlines;
using Returns.Domain.Notifications;

namespace Returns.Domain.Cases;

/// <summary>
/// The case's clocks (issue 5; docs/design.md §4): started, met and cancelled by its own transitions from its workflow's clock
/// table, and answered by the case itself when the sweep finds one warning or due.
/// </summary>
public sealed partial class Case
{
    private readonly List<CaseDeadline> _deadlines = [];

    public IReadOnlyList<CaseDeadline> Deadlines => _deadlines;

    /// <summary>Every row of the clock table answers the step: met, cancelled, stopped by the end of the case, started.</summary>
    private void RunClocks(CaseStep step, Policies.ShopPolicy policy)
    {
        var clocks = Definition.Clocks;
        foreach (var clock in clocks.Where(c => c.MetBy.Any(m => m.Matches(step))))
            foreach (var deadline in Running(clock.Kind)) deadline.Met(step.At);
        foreach (var clock in clocks.Where(c => c.CancelledBy.Any(m => m.Matches(step))))
            foreach (var deadline in Running(clock.Kind)) deadline.Cancel(step.At);
        if (step.To.IsTerminal())
        {
            foreach (var deadline in _deadlines.Where(d => d.IsRunning)) deadline.Cancel(step.At);
            return;
        }
        foreach (var clock in clocks.Where(c => c.StartsOn.Any(m => m.Matches(step))))
        {
            // A clock restarts (e.g. the buyer must ship again after a refused parcel): the old one stops.
            foreach (var deadline in Running(clock.Kind)) deadline.Cancel(step.At);
            var start = clock.CountsFrom?.Invoke(this) ?? step.At;
            var (due, warnings) = clock.Plan(start, policy);
            _deadlines.Add(new CaseDeadline(Id, clock.Kind, start, due, warnings));
        }
    }

    private IEnumerable<CaseDeadline> Running(DeadlineKind kind) => _deadlines.Where(d => d.Kind == kind && d.IsRunning).ToList();

    /// <summary>
    /// The sweep found <paramref name="deadline"/> warning or due: the case answers it as its clock table says (remind,
    /// escalate, or the marketplace's automatic outcome) and returns who must be told. <paramref name="at"/> is the
    /// system's context; a clock not running or not yet due answers nothing.
    /// </summary>
    public IReadOnlyList<Notification> OnClock(CaseDeadline deadline, ActionContext at)
    {
        if (deadline.CaseId != Id || deadline.EventAt(at.Now) is not { } what) return [];
        var clock = Definition.ClockOf(deadline.Kind);
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(at.Policy.TimeZone);
        var local = TimeZoneInfo.ConvertTime(deadline.DueAt, timeZone);
        var text = clock is null ? null : new ClockText(clock, clock.DurationFor(at.Policy), $"{local:yyyy-MM-dd HH:mm}");
        var outcome = clock is null ? ClockOutcome.Escalate
            : what == DeadlineEvent.Warning ? clock.OnWarning
            : clock.OutcomeWhenDue(this, at.Policy);
        var message = clock is null || text is null ? $"{deadline.Kind} {what} ({local:yyyy-MM-dd HH:mm})" : clock.Message(what, text);
        if (what == DeadlineEvent.Warning) deadline.Warned(at.Now);
        else deadline.Breached(at.Now);

        var system = at.As(Actor.System);
        var kind = deadline.Kind;
        try
        {
            switch (outcome)
            {
                case ClockOutcome.Remind:
                    return [new Notification(Assignee ?? Notification.Supervisors, NotificationKind.Reminder, Id, Number, kind, message, at.Now)];
                case ClockOutcome.Escalate:
                    return [Escalate(deadline, what, message, at.Now)];
                case ClockOutcome.AutoApprove:
                    Approve(clock?.OutcomeNote?.Invoke(text!) ?? message, system);
                    break;
                case ClockOutcome.Expire:
                    Expire(clock?.OutcomeNote?.Invoke(text!) ?? message, system);
                    break;
                case ClockOutcome.PlatformRefund:
                    PlatformRefund(system);
                    break;
                case ClockOutcome.Lock:
                    Lock(system);
                    break;
            }
        }
        catch (Exception e) when (e is InvalidTransitionException or PolicyViolationException)
        {
            // The case moved on in a way the clock did not foresee: a person must look at it.
            return [Escalate(deadline, what, $"{message} 自动处理未执行 / Automatic {outcome} not applied: {e.Message}", at.Now)];
        }
        return [new Notification(Assignee ?? Notification.Supervisors, NotificationKind.AutomaticOutcome, Id, Number, kind, message, at.Now)];
    }

    /// <summary>Supervisors are told, and the timeline says so (a system event: no state change, no clock met).</summary>
    private Notification Escalate(CaseDeadline deadline, DeadlineEvent what, string message, DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now;
        _newTimelineEntries.Add(new TimelineEntry(Id, Version, now, Actor.System, "escalate", Status, Status,
            Serialize(new { deadline = deadline.Kind, @event = what, dueAt = deadline.DueAt, message })));
        return new Notification(Notification.Supervisors, NotificationKind.Escalation, Id, Number, deadline.Kind, message, now);
    }
}
