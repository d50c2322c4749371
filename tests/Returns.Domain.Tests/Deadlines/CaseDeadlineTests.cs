using Returns.Domain.Deadlines;

namespace Returns.Domain.Tests.Deadlines;

/// <summary>
/// docs/design.md §4: one clock of a case. The sweep finds it by NextCheckAt and acts once per warning and once at the
/// due time; meeting, breaching or cancelling it ends it.
/// </summary>
public sealed class CaseDeadlineTests
{
    private static readonly Guid CaseId = Guid.Parse("0193a1b2-0000-7000-8000-000000000001");
    private static readonly DateTimeOffset Started = new(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset FirstWarning = Started.AddDays(3);
    private static readonly DateTimeOffset SecondWarning = Started.AddDays(6);
    private static readonly DateTimeOffset Due = Started.AddDays(7);

    /// <summary>Like BuyerShipsReturn: 7 days, warnings on day 3 and day 6 (given out of order on purpose).</summary>
    private static CaseDeadline Deadline() =>
        new(CaseId, DeadlineKind.BuyerShipsReturn, Started, Due, [SecondWarning, FirstWarning]);

    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Fact]
    public void New_deadline_is_pending_with_what_it_was_given()
    {
        var deadline = Deadline();

        Assert.Equal(CaseId, deadline.CaseId);
        Assert.Equal(DeadlineKind.BuyerShipsReturn, deadline.Kind);
        Assert.Equal(Started, deadline.StartedAt);
        Assert.Equal(Due, deadline.DueAt);
        Assert.Equal([FirstWarning, SecondWarning], deadline.WarnAt);
        Assert.Equal(DeadlineState.Pending, deadline.State);
        Assert.True(deadline.IsRunning);
        Assert.Equal(0, deadline.WarningsSent);
        Assert.Null(deadline.ResolvedAt);
        Assert.Null(deadline.ClaimedBy);
        Assert.Null(deadline.ClaimedUntil);
        Assert.Equal(1, deadline.Version);
    }

    [Fact]
    public void NextCheckAt_starts_at_the_first_warning()
    {
        Assert.Equal(FirstWarning, Deadline().NextCheckAt);
    }

    [Fact]
    public void NextCheckAt_is_the_due_time_when_there_is_no_warning()
    {
        var deadline = new CaseDeadline(CaseId, DeadlineKind.ContactChaser, Started, Due, []);

        Assert.Equal(Due, deadline.NextCheckAt);
        Assert.Equal(DeadlineEvent.Due, deadline.EventAt(Due));
        Assert.Null(deadline.EventAt(Due - Tick));
    }

    [Fact]
    public void Warnings_at_or_after_the_due_time_are_dropped()
    {
        var deadline = new CaseDeadline(CaseId, DeadlineKind.ExchangeReship, Started, Due, [Due, Due.AddHours(1), FirstWarning]);

        Assert.Equal([FirstWarning], deadline.WarnAt);
    }

    public static TheoryData<string, TimeSpan, DeadlineEvent?> Moments => new()
    {
        { "at the start", TimeSpan.Zero, null },
        { "a tick before the first warning", FirstWarning - Started - Tick, null },
        { "at the first warning", FirstWarning - Started, DeadlineEvent.Warning },
        { "between the warnings", TimeSpan.FromDays(4), DeadlineEvent.Warning },
        { "at the second warning", SecondWarning - Started, DeadlineEvent.Warning },
        { "a tick before the due time", Due - Started - Tick, DeadlineEvent.Warning },
        { "at the due time, with both warnings unsent", Due - Started, DeadlineEvent.Due },
        { "a day after the due time", Due - Started + TimeSpan.FromDays(1), DeadlineEvent.Due },
    };

    [Theory]
    [MemberData(nameof(Moments))]
    public void EventAt_is_nothing_before_the_first_warning_then_a_warning_then_due(string moment, TimeSpan sinceStart, DeadlineEvent? expected)
    {
        Assert.True(expected == Deadline().EventAt(Started + sinceStart), moment);
    }

    [Fact]
    public void Warned_moves_NextCheckAt_to_the_next_warning()
    {
        var deadline = Deadline();

        deadline.Warned(FirstWarning);

        Assert.Equal(DeadlineState.Warned, deadline.State);
        Assert.True(deadline.IsRunning);
        Assert.Equal(1, deadline.WarningsSent);
        Assert.Equal(SecondWarning, deadline.NextCheckAt);
        Assert.Null(deadline.EventAt(SecondWarning - Tick));
        Assert.Equal(DeadlineEvent.Warning, deadline.EventAt(SecondWarning));
    }

    [Fact]
    public void Warned_after_the_last_warning_moves_NextCheckAt_to_the_due_time()
    {
        var deadline = Deadline();
        deadline.Warned(FirstWarning);

        deadline.Warned(SecondWarning);

        Assert.Equal(2, deadline.WarningsSent);
        Assert.Equal(Due, deadline.NextCheckAt);
        Assert.Null(deadline.EventAt(Due - Tick));
        Assert.Equal(DeadlineEvent.Due, deadline.EventAt(Due));
    }

    [Fact]
    public void Warned_collapses_every_warning_already_passed_into_one()
    {
        var deadline = Deadline();

        deadline.Warned(SecondWarning.AddHours(1));

        Assert.Equal(2, deadline.WarningsSent);
        Assert.Equal(Due, deadline.NextCheckAt);
        Assert.Equal(2, deadline.Version);
    }

    [Fact]
    public void Warned_keeps_a_warning_still_to_come()
    {
        var deadline = Deadline();

        deadline.Warned(FirstWarning.AddHours(1));

        Assert.Equal(1, deadline.WarningsSent);
        Assert.Equal(SecondWarning, deadline.NextCheckAt);
    }

    public static TheoryData<DeadlineState> Endings => [DeadlineState.Met, DeadlineState.Breached, DeadlineState.Cancelled];

    private static void End(CaseDeadline deadline, DeadlineState how, DateTimeOffset now)
    {
        switch (how)
        {
            case DeadlineState.Met:
                deadline.Met(now);
                break;
            case DeadlineState.Breached:
                deadline.Breached(now);
                break;
            case DeadlineState.Cancelled:
                deadline.Cancel(now);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(how), how, "Not an ending.");
        }
    }

    [Theory]
    [MemberData(nameof(Endings))]
    public void Ending_stops_the_clock(DeadlineState how)
    {
        var deadline = Deadline();
        var at = Started.AddDays(2);

        End(deadline, how, at);

        Assert.Equal(how, deadline.State);
        Assert.False(deadline.IsRunning);
        Assert.Equal(at, deadline.ResolvedAt);
        Assert.Null(deadline.NextCheckAt);
        Assert.Null(deadline.EventAt(Due.AddDays(1)));
    }

    [Theory]
    [MemberData(nameof(Endings))]
    public void Ending_a_warned_clock_stops_it(DeadlineState how)
    {
        var deadline = Deadline();
        deadline.Warned(FirstWarning);

        End(deadline, how, SecondWarning);

        Assert.Equal(how, deadline.State);
        Assert.Null(deadline.NextCheckAt);
        Assert.Equal(SecondWarning, deadline.ResolvedAt);
    }

    [Theory]
    [MemberData(nameof(Endings))]
    public void Ending_is_idempotent_and_the_first_ending_stands(DeadlineState how)
    {
        var deadline = Deadline();
        var at = Started.AddDays(2);
        End(deadline, how, at);
        var version = deadline.Version;

        foreach (var again in new[] { DeadlineState.Met, DeadlineState.Breached, DeadlineState.Cancelled })
            End(deadline, again, at.AddDays(1));

        Assert.Equal(how, deadline.State);
        Assert.Equal(at, deadline.ResolvedAt);
        Assert.Null(deadline.NextCheckAt);
        Assert.Equal(version, deadline.Version);
    }

    [Fact]
    public void Version_increments_on_each_change()
    {
        var deadline = Deadline();
        Assert.Equal(1, deadline.Version);

        deadline.Warned(FirstWarning);
        Assert.Equal(2, deadline.Version);

        deadline.Warned(SecondWarning);
        Assert.Equal(3, deadline.Version);

        deadline.Breached(Due);
        Assert.Equal(4, deadline.Version);
    }
}
