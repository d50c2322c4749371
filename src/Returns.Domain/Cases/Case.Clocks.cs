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
            // The marketplace's own due time, when it gave one, wins over the shop's configured length (issue 13, item 10).
            if (clock.IsPlatformClock && PlatformDueTimes.FirstOrDefault(t => t.Kind == clock.Kind && !t.Applied) is { } given)
            {
                _deadlines.Add(new CaseDeadline(Id, clock.Kind, start, given.DueAt, clock.WarningsBefore(start, given.DueAt), DeadlineSource.Platform));
                PlatformDueTimes = [.. PlatformDueTimes.Select(t => t == given ? t with { Applied = true } : t)];
            }
            else
            {
                var (due, warnings) = clock.Plan(start, policy, Platform);
                _deadlines.Add(new CaseDeadline(Id, clock.Kind, start, due, warnings));
            }
        }
    }

    /// <summary>
    /// The marketplace sent its own due times for this case's clocks (issue 13, item 10): they are kept for clocks that
    /// start later, and a running clock of that kind is planned again from the time given, its warnings with it.
    /// </summary>
    public void SyncPlatformDeadlines(IReadOnlyList<PlatformDueTime> times, ActionContext at)
    {
        var changes = new List<object>();
        Apply(CaseAction.SyncPlatformDeadlines, at, new { deadlines = changes }, () =>
        {
            PlatformDueTimes = PlatformTimes(Definition, PlatformDueTimes, times,
                kind => _deadlines.Any(d => d.Kind == kind && d.IsRunning));
            foreach (var time in times)
            {
                var clock = Definition.ClockOf(time.Kind)!;
                var running = _deadlines.FirstOrDefault(d => d.Kind == time.Kind && d.IsRunning);
                var previous = running?.DueAt;
                running?.Replan(time.DueAt, clock.WarningsBefore(running.StartedAt, time.DueAt), DeadlineSource.Platform, at.Now);
                changes.Add(new { kind = time.Kind, dueAt = Instants.Stored(time.DueAt), previousDueAt = previous, running = running is not null });
            }
        });
    }

    /// <summary>
    /// <paramref name="known"/> updated with <paramref name="given"/>: each a clock the marketplace runs on this type of
    /// case (else 422 not-a-platform-clock), the last time given for a kind winning; one for a clock
    /// <paramref name="running"/> now is applied at once.
    /// </summary>
    private static IReadOnlyList<PlatformDueTime> PlatformTimes(Workflows.WorkflowDefinition definition,
        IReadOnlyList<PlatformDueTime> known, IReadOnlyList<PlatformDueTime> given, Func<DeadlineKind, bool>? running = null)
    {
        foreach (var time in given)
            if (definition.ClockOf(time.Kind) is not { IsPlatformClock: true })
                throw new PolicyViolationException(PolicyCodes.NotAPlatformClock,
                    $"'{time.Kind}' is not a clock the marketplace runs on a {definition.Type} case.");
        var byKind = known.ToDictionary(t => t.Kind);
        foreach (var time in given)
            byKind[time.Kind] = time with { DueAt = Instants.Stored(time.DueAt), Applied = running?.Invoke(time.Kind) ?? false };
        return byKind.Values.OrderBy(t => t.Kind).ToList();
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
        var text = clock is null ? null : new ClockText(clock, LengthOf(deadline, clock, at.Policy), $"{local:yyyy-MM-dd HH:mm}");
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

    /// <summary>How long the clock ran as its texts say it: the time the marketplace gave, else the configured length.</summary>
    private ClockDuration LengthOf(CaseDeadline deadline, ClockRule clock, Policies.ShopPolicy policy)
    {
        if (deadline.Source != DeadlineSource.Platform) return clock.DurationFor(policy, Platform);
        var span = deadline.DueAt - deadline.StartedAt;
        return span.TotalHours % 24 == 0 && span.TotalDays >= 1
            ? new ClockDuration(span.TotalDays, DurationUnit.Days)
            : new ClockDuration(Math.Round(span.TotalHours, 1), DurationUnit.Hours);
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
