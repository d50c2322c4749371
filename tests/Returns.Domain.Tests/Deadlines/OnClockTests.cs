using System.Text.Json;
using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Returns.Domain.Notifications;
using Returns.Domain.Policies;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Deadlines;

/// <summary>
/// What the sweep does with a clock it finds warning or due: <see cref="Case.OnClock"/> marks the clock and answers
/// as the clock table says (remind, escalate, or the marketplace's automatic outcome), telling someone every time.
/// Texts are bilingual, give times in the shop's zone and read the durations the shop configured.
/// </summary>
public sealed class OnClockTests
{
    private static readonly DateTimeOffset T = DeadlineScenarios.StartsAt;
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static ShopPolicy With(Action<DeadlineDurations> set)
    {
        var durations = new DeadlineDurations();
        set(durations);
        return new ShopPolicy { Deadlines = durations };
    }

    // ---- nothing to do -------------------------------------------------------------------------

    [Fact]
    public void OnClock_on_a_clock_not_yet_due_does_nothing()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.SellerDecision);
        var deadline = c.Running(DeadlineKind.SellerDecision);
        var (version, entries) = (c.Case.Version, c.Case.NewTimelineEntries.Count);

        // An hour after the start, and a microsecond before the first warning (24 h).
        var early = c.At(T.AddHours(1)).OnClock(deadline);
        var justBefore = c.At(deadline.WarnAt[0].AddTicks(-10)).OnClock(deadline);

        Assert.Empty(early);
        Assert.Empty(justBefore);
        Assert.Equal(DeadlineState.Pending, deadline.State);
        Assert.Equal(0, deadline.WarningsSent);
        Assert.Equal(T.AddHours(24), deadline.NextCheckAt);
        Assert.Equal(1, deadline.Version);
        Assert.Equal((version, entries), (c.Case.Version, c.Case.NewTimelineEntries.Count));
        Assert.Equal(CaseStatus.Submitted, c.Case.Status);
    }

    [Fact]
    public void OnClock_on_a_clock_already_met_does_nothing()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.SellerDecision).After(TimeSpan.FromHours(1)).Reject();
        var deadline = c.Only(DeadlineKind.SellerDecision);
        var version = c.Case.Version;

        var told = c.At(deadline.DueAt).OnClock(deadline);

        Assert.Empty(told);
        Assert.Equal(DeadlineState.Met, deadline.State);
        Assert.Equal(CaseStatus.Rejected, c.Case.Status);
        Assert.Equal(version, c.Case.Version);
    }

    [Fact]
    public void OnClock_with_another_cases_clock_does_nothing()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.SellerDecision);
        var other = DeadlineScenarios.Started(DeadlineKind.SellerDecision).Running(DeadlineKind.SellerDecision);
        var version = c.Case.Version;

        var told = c.At(other.DueAt).OnClock(other);

        Assert.Empty(told);
        Assert.Equal(DeadlineState.Pending, other.State);
        Assert.Equal(CaseStatus.Submitted, c.Case.Status);
        Assert.Equal(version, c.Case.Version);
    }

    // ---- reminders -----------------------------------------------------------------------------

    [Fact]
    public void Warning_reminds_the_assignee_and_waits_for_the_next_warning()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.SellerDecision).Assign("li.na");
        var deadline = c.Running(DeadlineKind.SellerDecision);
        var version = c.Case.Version;

        var told = c.At(T.AddHours(24)).OnClock(deadline);

        var reminder = Assert.Single(told);
        Assert.Equal(NotificationKind.Reminder, reminder.Kind);
        Assert.Equal("li.na", reminder.Recipient);
        Assert.Equal((c.Case.Id, c.Case.Number, DeadlineKind.SellerDecision), (reminder.CaseId, reminder.CaseNumber, reminder.Deadline));
        Assert.Equal(c.Now, reminder.CreatedAt);
        Assert.Equal(DeadlineState.Warned, deadline.State);
        Assert.Equal(1, deadline.WarningsSent);
        Assert.Equal(T.AddHours(44), deadline.NextCheckAt);
        // A reminder changes nothing on the case.
        Assert.Equal(version, c.Case.Version);
        Assert.Equal(CaseStatus.Submitted, c.Case.Status);
    }

    [Fact]
    public void Warning_of_an_unassigned_case_reminds_the_supervisors()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.BuyerShipsReturn);

        var told = c.At(T.AddDays(3)).OnClock(DeadlineKind.BuyerShipsReturn);

        Assert.Equal(Notification.Supervisors, Assert.Single(told).Recipient);
        Assert.Equal(NotificationKind.Reminder, told[0].Kind);
    }

    [Fact]
    public void Warnings_already_passed_collapse_into_one_reminder()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.SellerDecision);
        var deadline = c.Running(DeadlineKind.SellerDecision);

        var told = c.At(T.AddHours(45)).OnClock(deadline);

        Assert.Equal(NotificationKind.Reminder, Assert.Single(told).Kind);
        Assert.Equal(2, deadline.WarningsSent);
        Assert.Equal(deadline.DueAt, deadline.NextCheckAt);
        Assert.Empty(c.At(T.AddHours(46)).OnClock(deadline));
    }

    [Fact]
    public void Due_time_wins_over_warnings_never_sent()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.SellerDecision);
        var deadline = c.Running(DeadlineKind.SellerDecision);

        var told = c.At(T.AddHours(48)).OnClock(deadline);

        Assert.Equal(NotificationKind.AutomaticOutcome, Assert.Single(told).Kind);
        Assert.Equal(DeadlineState.Breached, deadline.State);
        Assert.Equal(CaseStatus.AwaitingReturnShipment, c.Case.Status);
    }

    // ---- escalations ---------------------------------------------------------------------------

    [Fact]
    public void Clock_that_runs_out_is_escalated_to_the_supervisors_and_noted_on_the_timeline()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.RefundAfterReceipt).Assign("li.na");
        var deadline = c.Running(DeadlineKind.RefundAfterReceipt);
        var version = c.Case.Version;

        var told = c.At(deadline.DueAt).OnClock(deadline);

        var escalation = Assert.Single(told);
        Assert.Equal(NotificationKind.Escalation, escalation.Kind);
        Assert.Equal(Notification.Supervisors, escalation.Recipient);
        Assert.Equal(DeadlineState.Breached, deadline.State);
        Assert.Equal(c.Now, deadline.ResolvedAt);
        Assert.Equal(CaseStatus.RefundPending, c.Case.Status);
        Assert.Equal(version + 1, c.Case.Version);
        var entry = c.Case.NewTimelineEntries[^1];
        Assert.Equal(("escalate", Role.System, c.Case.Version), (entry.Action, entry.ActorRole, entry.Version));
        Assert.Equal((CaseStatus?)CaseStatus.RefundPending, entry.From);
        Assert.Equal(CaseStatus.RefundPending, entry.To);
        using var data = JsonDocument.Parse(entry.Data!);
        Assert.Equal("refundAfterReceipt", data.RootElement.GetProperty("deadline").GetString());
        Assert.Equal("due", data.RootElement.GetProperty("event").GetString());
        Assert.Equal(escalation.Message, data.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public void Receipt_warning_escalates_before_the_platform_refunds()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.SellerConfirmsReceipt);
        var deadline = c.Running(DeadlineKind.SellerConfirmsReceipt);

        var told = c.At(T.AddDays(7)).OnClock(deadline);

        var escalation = Assert.Single(told);
        Assert.Equal((NotificationKind.Escalation, Notification.Supervisors), (escalation.Kind, escalation.Recipient));
        Assert.Equal(DeadlineState.Warned, deadline.State);
        Assert.True(deadline.IsRunning);
        Assert.Equal(deadline.DueAt, deadline.NextCheckAt);
        Assert.Equal("escalate", c.Case.NewTimelineEntries[^1].Action);
        Assert.Equal(CaseStatus.ReturnInTransit, c.Case.Status);
    }

    [Fact]
    public void Automatic_outcome_that_no_longer_fits_the_case_is_escalated()
    {
        // The sweep holds a stale seller-decision clock of a case an agent has since approved.
        var c = DeadlineScenarios.Started(DeadlineKind.BuyerShipsReturn);
        var stale = new CaseDeadline(c.Case.Id, DeadlineKind.SellerDecision, CaseBuilder.Start, CaseBuilder.Start.AddHours(48), []);
        var version = c.Case.Version;

        var told = c.OnClock(stale);

        var escalation = Assert.Single(told);
        Assert.Equal((NotificationKind.Escalation, Notification.Supervisors), (escalation.Kind, escalation.Recipient));
        Assert.Contains("not applied", escalation.Message, StringComparison.Ordinal);
        Assert.Equal(DeadlineState.Breached, stale.State);
        Assert.Equal(CaseStatus.AwaitingReturnShipment, c.Case.Status);
        Assert.Equal(version + 1, c.Case.Version);
        Assert.Equal("escalate", c.Case.NewTimelineEntries[^1].Action);
    }

    [Fact]
    public void Clock_the_case_type_does_not_run_is_escalated()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.SellerDecision);
        var foreign = new CaseDeadline(c.Case.Id, DeadlineKind.DiscountPayout, T, T.AddHours(24), []);

        var told = c.At(T.AddHours(24)).OnClock(foreign);

        Assert.Equal(NotificationKind.Escalation, Assert.Single(told).Kind);
        Assert.Equal(DeadlineState.Breached, foreign.State);
        Assert.Equal(CaseStatus.Submitted, c.Case.Status);
    }

    // ---- the marketplace's automatic outcomes ----------------------------------------------------

    [Fact]
    public void The_platform_approves_a_return_the_seller_left_undecided()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.SellerDecision);

        var told = c.At(T.AddHours(48)).OnClock(DeadlineKind.SellerDecision);

        var outcome = Assert.Single(told);
        Assert.Equal((NotificationKind.AutomaticOutcome, Notification.Supervisors), (outcome.Kind, outcome.Recipient));
        Assert.Equal(CaseStatus.AwaitingReturnShipment, c.Case.Status);
        var entry = c.Case.NewTimelineEntries[^1];
        Assert.Equal(("approve", Role.System), (entry.Action, entry.ActorRole));
        Assert.Equal(T.AddHours(48), c.Running(DeadlineKind.BuyerShipsReturn).StartedAt);
    }

    [Fact]
    public void A_shop_with_a_72_hour_seller_decision_reads_72_hours_in_the_automatic_approval()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.SellerDecision, With(d => d.SellerDecisionHours = 72));
        var deadline = c.Running(DeadlineKind.SellerDecision);
        Assert.Equal(T.AddHours(72), deadline.DueAt);

        var message = Assert.Single(c.At(deadline.DueAt).OnClock(deadline)).Message;

        Assert.Contains("72小时", message, StringComparison.Ordinal);
        Assert.Contains("72 h", message, StringComparison.Ordinal);
        Assert.DoesNotContain("48", message, StringComparison.Ordinal);
        var approval = c.Case.NewTimelineEntries[^1];
        Assert.Equal("approve", approval.Action);
        using var data = JsonDocument.Parse(approval.Data!);
        var note = data.RootElement.GetProperty("note").GetString()!;
        Assert.Contains("72小时", note, StringComparison.Ordinal);
        Assert.Contains("72 h", note, StringComparison.Ordinal);
        Assert.DoesNotContain("48", note, StringComparison.Ordinal);
    }

    [Fact]
    public void The_platforms_automatic_approval_is_not_held_for_a_supervisor()
    {
        // A no-reason return delivered ten days ago is outside its 7-day window: only a supervisor may approve it.
        var c = PlannedCase.Open(new CaseBuilder().DeliveredAt(CaseBuilder.Start.AddDays(-10)));
        Assert.True(c.Case.AwaitingSupervisor);

        c.At(CaseBuilder.Start.AddHours(48)).OnClock(DeadlineKind.SellerDecision);

        Assert.Equal(CaseStatus.AwaitingReturnShipment, c.Case.Status);
        Assert.Equal(Role.System, c.Case.NewTimelineEntries[^1].ActorRole);
    }

    [Fact]
    public void The_platform_approves_a_quality_return_even_without_a_photo()
    {
        var c = PlannedCase.Open(new CaseBuilder().WithReason("quality.defective"));
        Assert.Empty(c.Case.Evidence);

        var told = c.At(CaseBuilder.Start.AddHours(48)).OnClock(DeadlineKind.SellerDecision);

        Assert.Equal(NotificationKind.AutomaticOutcome, Assert.Single(told).Kind);
        Assert.Equal(CaseStatus.AwaitingReturnShipment, c.Case.Status);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(10)]
    public void A_buyer_who_never_ships_the_return_lets_the_case_expire_after_the_shops_limit(double days)
    {
        var c = DeadlineScenarios.Started(DeadlineKind.BuyerShipsReturn, With(d => d.BuyerShipsReturnDays = days));
        var deadline = c.Running(DeadlineKind.BuyerShipsReturn);
        Assert.Equal(T.AddDays(days), deadline.DueAt);

        var told = c.At(deadline.DueAt).OnClock(deadline);

        Assert.Equal(CaseStatus.Expired, c.Case.Status);
        Assert.Equal(NotificationKind.AutomaticOutcome, Assert.Single(told).Kind);
        Assert.Contains($"{days}天", told[0].Message, StringComparison.Ordinal);
        Assert.Contains($"{days} days", told[0].Message, StringComparison.Ordinal);
        Assert.Contains($"{days}天", c.Case.ResolutionNote, StringComparison.Ordinal);
        Assert.Contains($"{days} days", c.Case.ResolutionNote, StringComparison.Ordinal);
        Assert.Empty(c.RunningKinds);
    }

    [Fact]
    public void The_platform_refund_is_recorded_when_the_seller_does_not_confirm_receipt()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.SellerConfirmsReceipt);
        var due = c.Case.RefundDue;

        var told = c.At(T.AddDays(10)).OnClock(DeadlineKind.SellerConfirmsReceipt);

        Assert.Equal(NotificationKind.AutomaticOutcome, Assert.Single(told).Kind);
        Assert.Equal(CaseStatus.Completed, c.Case.Status);
        var refund = Assert.Single(c.Case.Refunds);
        Assert.Equal((due, PayoutMethod.PlatformRefund, "system"), (refund.Amount, refund.Method, refund.RefundedBy));
        Assert.Equal(due, c.Case.Refunded);
    }

    [Fact]
    public void The_review_is_locked_when_its_revision_clock_runs_out()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.BadReviewRevision);

        var told = c.At(CaseBuilder.ReviewPostedAt.AddDays(30)).OnClock(DeadlineKind.BadReviewRevision);

        Assert.Equal(NotificationKind.AutomaticOutcome, Assert.Single(told).Kind);
        Assert.Contains("30天", told[0].Message, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Locked, c.Case.Status);
        Assert.Equal(DeadlineState.Breached, c.Only(DeadlineKind.BadReviewRevision).State);
    }

    [Fact]
    public void A_review_posted_at_an_odd_instant_is_locked_when_its_revision_clock_runs_out()
    {
        // Stored instants keep whole microseconds; the revision window must end where its clock does.
        var posted = CaseBuilder.ReviewPostedAt.AddTicks(7);
        var c = PlannedCase.Open(new CaseBuilder().BadReview().WithReview(ReviewRating.Bad, posted));
        var deadline = c.Running(DeadlineKind.BadReviewRevision);

        c.At(deadline.DueAt).OnClock(deadline);

        Assert.Equal(CaseStatus.Locked, c.Case.Status);
        Assert.Equal(deadline.DueAt, c.Case.RevisionDueAt);
        Assert.Equal(c.Only(DeadlineKind.BadReviewExplanation).DueAt, c.Case.ExplanationDueAt);
    }

    // ---- texts ---------------------------------------------------------------------------------

    /// <summary>Every warning and due event of the table (the contact chaser has no warning).</summary>
    public static TheoryData<DeadlineKind, DeadlineEvent> EveryEvent
    {
        get
        {
            var data = new TheoryData<DeadlineKind, DeadlineEvent>();
            foreach (var kind in Enum.GetValues<DeadlineKind>())
            {
                if (kind != DeadlineKind.ContactChaser) data.Add(kind, DeadlineEvent.Warning);
                data.Add(kind, DeadlineEvent.Due);
            }
            return data;
        }
    }

    /// <summary>The automatic outcomes, which report what the platform did instead of asking for something by a time.</summary>
    private static readonly HashSet<DeadlineKind> ActsWhenDue =
        [DeadlineKind.SellerDecision, DeadlineKind.SellerConfirmsReceipt, DeadlineKind.BadReviewRevision];

    public static TheoryData<DeadlineKind, DeadlineEvent> EventsAskingForSomething
    {
        get
        {
            var data = new TheoryData<DeadlineKind, DeadlineEvent>();
            foreach (var row in EveryEvent)
            {
                var (kind, what) = ((DeadlineKind)row[0], (DeadlineEvent)row[1]);
                if (what == DeadlineEvent.Warning || !ActsWhenDue.Contains(kind)) data.Add(kind, what);
            }
            return data;
        }
    }

    /// <summary>The one notification the sweep gets for this event of a freshly started clock.</summary>
    private static (Notification Notification, CaseDeadline Deadline) Sweep(DeadlineKind kind, DeadlineEvent what, ShopPolicy? policy = null)
    {
        var c = DeadlineScenarios.Started(kind, policy);
        var deadline = c.Running(kind);
        var told = c.At(what == DeadlineEvent.Warning ? deadline.WarnAt[0] : deadline.DueAt).OnClock(deadline);
        return (Assert.Single(told), deadline);
    }

    [Theory]
    [MemberData(nameof(EveryEvent))]
    public void Message_is_bilingual_and_names_the_clock_in_both_languages(DeadlineKind kind, DeadlineEvent what)
    {
        var message = Sweep(kind, what).Notification.Message;

        var parts = message.Split(" / ");
        Assert.Equal(2, parts.Length);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", parts[0]);
        Assert.DoesNotContain(kind.ToString(), parts[0]);
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", parts[1]);
    }

    [Theory]
    [MemberData(nameof(EventsAskingForSomething))]
    public void Message_asking_for_something_gives_the_due_time_in_the_shops_zone(DeadlineKind kind, DeadlineEvent what)
    {
        var (notification, deadline) = Sweep(kind, what);

        var local = TimeZoneInfo.ConvertTime(deadline.DueAt, Shanghai);
        Assert.Contains($"{local:yyyy-MM-dd HH:mm}", notification.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DeadlineKind.SellerDecision, "48小时", "48 h")]
    [InlineData(DeadlineKind.SellerConfirmsReceipt, "10天", "10 days")]
    [InlineData(DeadlineKind.BadReviewRevision, "30天", "30 days")]
    [InlineData(DeadlineKind.EvidenceFromBuyer, "3天", "3 days")]
    [InlineData(DeadlineKind.BuyerShipsReturn, "7天", "7 days")]
    public void Automatic_outcome_message_states_the_configured_limit(DeadlineKind kind, string zh, string en)
    {
        var (notification, _) = Sweep(kind, DeadlineEvent.Due);

        Assert.Equal(NotificationKind.AutomaticOutcome, notification.Kind);
        Assert.Contains(zh, notification.Message, StringComparison.Ordinal);
        Assert.Contains(en, notification.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_states_the_due_time_in_the_shops_zone_not_in_utc()
    {
        // Due 48 h after 06:00Z on the 3rd: 06:00Z on the 5th, 14:00 in Shanghai.
        var shanghai = Sweep(DeadlineKind.SellerDecision, DeadlineEvent.Warning).Notification.Message;
        var utcShop = Sweep(DeadlineKind.SellerDecision, DeadlineEvent.Warning, new ShopPolicy { TimeZone = "UTC" }).Notification.Message;

        Assert.Contains("2026-11-05 14:00", shanghai, StringComparison.Ordinal);
        Assert.DoesNotContain("06:00", shanghai, StringComparison.Ordinal);
        Assert.Contains("2026-11-05 06:00", utcShop, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_for_a_late_replacement_suggests_converting_it_to_a_refund()
    {
        var message = Sweep(DeadlineKind.ExchangeReship, DeadlineEvent.Due).Notification.Message;

        Assert.Contains("转为退款", message, StringComparison.Ordinal);
        Assert.Contains("convert it to a refund", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_for_a_late_replacement_reads_the_shops_limit()
    {
        var message = Sweep(DeadlineKind.ExchangeReship, DeadlineEvent.Due, With(d => d.ExchangeReshipHours = 96)).Notification.Message;

        Assert.Contains("96小时", message, StringComparison.Ordinal);
        Assert.Contains("96 h", message, StringComparison.Ordinal);
        Assert.DoesNotContain("72", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_warning_of_the_platform_refund_says_so()
    {
        var message = Sweep(DeadlineKind.SellerConfirmsReceipt, DeadlineEvent.Warning).Notification.Message;

        Assert.Contains("the platform refunds", message, StringComparison.Ordinal);
        Assert.Contains("自动退款", message, StringComparison.Ordinal);
    }
}
