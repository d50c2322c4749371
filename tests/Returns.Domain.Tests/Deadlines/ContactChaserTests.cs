using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Returns.Domain.Policies;
using Returns.Domain.Tests.Support;
using Returns.Domain.Workflows;
using Returns.Domain.Notifications;

namespace Returns.Domain.Tests.Deadlines;

/// <summary>
/// Issue 5, contact chaser: every unanswered attempt to reach the buyer about a review is tried again the next
/// day; the chaser reminds, and escalates once three attempts in a row went unanswered.
/// </summary>
public sealed class ContactChaserTests
{
    private static readonly DateTimeOffset T = DeadlineScenarios.StartsAt;

    /// <summary>What the clock table answers when the running chaser falls due (as the case asks it in OnClock).</summary>
    private static ClockOutcome ResponseWhenDue(PlannedCase c)
    {
        var chaser = c.Running(DeadlineKind.ContactChaser);
        Assert.Equal(DeadlineEvent.Due, chaser.EventAt(chaser.DueAt));
        return Workflow.For(CaseType.BadReview).ClockOf(DeadlineKind.ContactChaser)!.OutcomeWhenDue(c.Case, c.Builder.Policy);
    }

    private static PlannedCase Unanswered(int attempts, ShopPolicy? policy = null)
    {
        var c = PlannedCase.Open(new CaseBuilder().BadReview().WithPolicy(policy ?? ShopPolicy.Default)).At(T);
        for (var i = 0; i < attempts; i++)
            c.After(TimeSpan.FromHours(i == 0 ? 0 : 24)).ContactBuyer(ContactOutcome.NoAnswer);
        return c;
    }

    [Theory]
    [InlineData(1, ClockOutcome.Remind)]
    [InlineData(2, ClockOutcome.Remind)]
    [InlineData(3, ClockOutcome.Escalate)]
    [InlineData(4, ClockOutcome.Escalate)]
    public void Chaser_escalates_after_three_unanswered_attempts(int attempts, ClockOutcome expected)
    {
        var c = Unanswered(attempts);

        Assert.Equal(attempts, c.All(DeadlineKind.ContactChaser).Count);
        Assert.Equal(expected, ResponseWhenDue(c));
    }

    [Fact]
    public void Buyer_reached_in_between_starts_the_count_again()
    {
        var c = Unanswered(2)
            .After(TimeSpan.FromHours(1)).ContactBuyer(ContactOutcome.Reached)
            .After(TimeSpan.FromDays(1)).ContactBuyer(ContactOutcome.NoAnswer);

        Assert.Equal(1, c.Case.UnansweredContactAttempts);
        Assert.Equal(ClockOutcome.Remind, ResponseWhenDue(c));
    }

    [Fact]
    public void Shop_threshold_decides_when_the_chaser_escalates()
    {
        var policy = new ShopPolicy { Deadlines = new DeadlineDurations { ContactChaserEscalateAfter = 2 } };

        Assert.Equal(ClockOutcome.Remind, ResponseWhenDue(Unanswered(1, policy)));
        Assert.Equal(ClockOutcome.Escalate, ResponseWhenDue(Unanswered(2, policy)));
    }

    [Theory]
    [InlineData(2, NotificationKind.Reminder, "wang.fang")]
    [InlineData(3, NotificationKind.Escalation, Notification.Supervisors)]
    public void Chaser_falling_due_reminds_the_assignee_or_escalates_to_the_supervisors(int attempts, NotificationKind kind, string recipient)
    {
        var c = PlannedCase.Open(new CaseBuilder().BadReview()).At(T).Assign(Actors.Agent.Name);
        for (var i = 0; i < attempts; i++)
            c.After(TimeSpan.FromHours(i == 0 ? 0 : 24)).ContactBuyer(ContactOutcome.NoAnswer);
        var chaser = c.Running(DeadlineKind.ContactChaser);
        var version = c.Case.Version;

        var told = c.At(chaser.DueAt).OnClock(chaser);

        var notification = Assert.Single(told);
        Assert.Equal(kind, notification.Kind);
        Assert.Equal(recipient, notification.Recipient);
        Assert.Equal(DeadlineKind.ContactChaser, notification.Deadline);
        Assert.Equal(DeadlineState.Breached, chaser.State);
        Assert.Equal(CaseStatus.Contacting, c.Case.Status);
        // Only an escalation is written on the timeline.
        Assert.Equal(kind == NotificationKind.Escalation ? version + 1 : version, c.Case.Version);
    }

    [Fact]
    public void Chaser_falls_due_a_day_after_the_attempt_without_any_warning()
    {
        var chaser = Unanswered(1).Running(DeadlineKind.ContactChaser);

        Assert.Equal(T.AddDays(1), chaser.DueAt);
        Assert.Equal(T.AddDays(1), chaser.NextCheckAt);
        Assert.Null(chaser.EventAt(T.AddDays(1).AddTicks(-1)));
        Assert.Equal(DeadlineEvent.Due, chaser.EventAt(T.AddDays(1)));
    }

    [Fact]
    public void Only_one_chaser_runs_at_a_time()
    {
        var c = Unanswered(3);

        Assert.Single(c.Case.Deadlines, d => d.Kind == DeadlineKind.ContactChaser && d.IsRunning);
        Assert.All(c.All(DeadlineKind.ContactChaser).SkipLast(1), d => Assert.Equal(DeadlineState.Met, d.State));
    }
}
