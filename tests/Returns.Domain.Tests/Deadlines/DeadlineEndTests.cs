using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Returns.Domain.Notifications;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Deadlines;

/// <summary>
/// Issue 5: reaching a terminal state cancels every clock still running (after meeting the ones the step
/// answers), and a clock started again leaves one clock of its kind running.
/// </summary>
public sealed class DeadlineEndTests
{
    private static readonly DateTimeOffset T = DeadlineScenarios.StartsAt;

    public static TheoryData<CaseType, CaseStatus> TerminalStates => new()
    {
        { CaseType.Return, CaseStatus.Completed },
        { CaseType.Return, CaseStatus.Rejected },
        { CaseType.Return, CaseStatus.Cancelled },
        { CaseType.Return, CaseStatus.Expired },
        { CaseType.Exchange, CaseStatus.Completed },
        { CaseType.Exchange, CaseStatus.Rejected },
        { CaseType.Exchange, CaseStatus.Cancelled },
        { CaseType.Exchange, CaseStatus.Expired },
        { CaseType.Discount, CaseStatus.Completed },
        { CaseType.Discount, CaseStatus.Rejected },
        { CaseType.Discount, CaseStatus.Cancelled },
        { CaseType.BadReview, CaseStatus.Completed },
        { CaseType.BadReview, CaseStatus.Cancelled },
        { CaseType.BadReview, CaseStatus.Locked },
    };

    [Theory]
    [MemberData(nameof(TerminalStates))]
    public void No_clock_runs_once_a_case_is_closed(CaseType type, CaseStatus terminal)
    {
        var c = PlannedCase.In(new CaseBuilder().OfType(type), terminal);

        Assert.Equal(terminal, c.Case.Status);
        Assert.NotEmpty(c.Case.Deadlines);
        Assert.Empty(c.RunningKinds);
        Assert.All(c.Case.Deadlines, d => Assert.Null(d.NextCheckAt));
    }

    [Fact]
    public void Cancelling_a_case_cancels_its_running_clocks_and_the_person_cancelling_is_its_first_touch()
    {
        var c = PlannedCase.Open(new CaseBuilder().BadReview()).At(T).Cancel();

        Assert.Equal(DeadlineState.Met, c.Only(DeadlineKind.FirstTouch).State);
        foreach (var kind in new[] { DeadlineKind.BadReviewFirstContact, DeadlineKind.BadReviewExplanation, DeadlineKind.BadReviewRevision })
        {
            Assert.Equal(DeadlineState.Cancelled, c.Only(kind).State);
            Assert.Equal(T, c.Only(kind).ResolvedAt);
        }
    }

    [Fact]
    public void Rejecting_a_submitted_return_meets_the_seller_decision()
    {
        var c = PlannedCase.Open(new CaseBuilder()).At(T).Reject();

        Assert.Equal(DeadlineState.Met, c.Only(DeadlineKind.SellerDecision).State);
        Assert.Equal(T, c.Only(DeadlineKind.SellerDecision).ResolvedAt);
    }

    [Fact]
    public void Expiry_by_the_system_cancels_every_running_clock_including_an_untouched_first_touch()
    {
        // The evidence was requested by an automatic rule, so no person has touched the case yet.
        var c = PlannedCase.Open(new CaseBuilder())
            .After(TimeSpan.FromMinutes(5)).RequestEvidence(Actors.System)
            .At(T).Expire();

        Assert.Equal(CaseStatus.Expired, c.Case.Status);
        Assert.Equal(DeadlineState.Met, c.Only(DeadlineKind.SellerDecision).State);
        Assert.Equal(DeadlineState.Cancelled, c.Only(DeadlineKind.FirstTouch).State);
        Assert.Equal(T, c.Only(DeadlineKind.FirstTouch).ResolvedAt);
        Assert.Equal(DeadlineState.Cancelled, c.Only(DeadlineKind.EvidenceFromBuyer).State);
        Assert.Equal(T, c.Only(DeadlineKind.EvidenceFromBuyer).ResolvedAt);
    }

    [Fact]
    public void Expiry_while_awaiting_the_return_parcel_cancels_the_shipping_clock()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.BuyerShipsReturn).At(T.AddDays(7)).Expire();

        Assert.Equal(DeadlineState.Cancelled, c.Only(DeadlineKind.BuyerShipsReturn).State);
        Assert.Empty(c.RunningKinds);
    }

    [Fact]
    public void Platform_refund_closes_the_case_and_cancels_the_receipt_clock()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.SellerConfirmsReceipt).At(T.AddDays(10)).PlatformRefund();

        Assert.Equal(CaseStatus.Completed, c.Case.Status);
        Assert.Equal(DeadlineState.Cancelled, c.Only(DeadlineKind.SellerConfirmsReceipt).State);
        Assert.Empty(c.RunningKinds);
    }

    [Fact]
    public void Cancelling_while_the_refund_is_pending_cancels_the_refund_clock()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.RefundAfterReceipt).After(TimeSpan.FromHours(1)).Cancel();

        Assert.Equal(DeadlineState.Cancelled, c.Only(DeadlineKind.RefundAfterReceipt).State);
    }

    [Fact]
    public void Cancelling_an_approved_discount_cancels_the_payout_clock()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.DiscountPayout).After(TimeSpan.FromHours(1)).Cancel();

        Assert.Equal(DeadlineState.Cancelled, c.Only(DeadlineKind.DiscountPayout).State);
    }

    [Fact]
    public void Locking_the_review_cancels_the_clocks_still_running()
    {
        var revisionDue = CaseBuilder.ReviewPostedAt.AddDays(30);
        var c = PlannedCase.Open(new CaseBuilder().BadReview()).At(revisionDue.AddMinutes(1)).Lock();

        Assert.Equal(CaseStatus.Locked, c.Case.Status);
        Assert.Empty(c.RunningKinds);
        Assert.Equal(DeadlineState.Cancelled, c.Only(DeadlineKind.BadReviewRevision).State);
        Assert.Equal(DeadlineState.Cancelled, c.Only(DeadlineKind.FirstTouch).State);
    }

    public static TheoryData<DeadlineKind, string, CaseStatus> AutomaticOutcomes => new()
    {
        { DeadlineKind.SellerDecision, "approve", CaseStatus.AwaitingReturnShipment },
        { DeadlineKind.EvidenceFromBuyer, "expire", CaseStatus.Expired },
        { DeadlineKind.BuyerShipsReturn, "expire", CaseStatus.Expired },
        { DeadlineKind.SellerConfirmsReceipt, "platform-refund", CaseStatus.Completed },
        { DeadlineKind.BadReviewRevision, "lock", CaseStatus.Locked },
    };

    [Theory]
    [MemberData(nameof(AutomaticOutcomes))]
    public void Automatic_outcome_is_accepted_the_moment_its_clock_falls_due(DeadlineKind kind, string action, CaseStatus outcome)
    {
        // The sweep acts as soon as EventAt says Due, and a breached clock is never looked at again:
        // the case must accept the table's automatic outcome at that very instant.
        var c = DeadlineScenarios.Started(kind);
        var deadline = c.Running(kind);
        Assert.Equal(DeadlineEvent.Due, deadline.EventAt(deadline.DueAt));
        var version = c.Case.Version;

        var told = c.At(deadline.DueAt).OnClock(deadline);

        Assert.Equal(outcome, c.Case.Status);
        Assert.Equal(version + 1, c.Case.Version);
        var entry = c.Case.NewTimelineEntries[^1];
        Assert.Equal(action, entry.Action);
        Assert.Equal(Role.System, entry.ActorRole);
        Assert.Equal(NotificationKind.AutomaticOutcome, Assert.Single(told).Kind);
        Assert.Equal(DeadlineState.Breached, deadline.State);
    }

    [Fact]
    public void Appeal_upheld_completes_with_no_clock_left_running()
    {
        var c = PlannedCase.In(new CaseBuilder().BadReview(), CaseStatus.AppealFiled).At(T).AppealUpheld();

        Assert.Equal(CaseStatus.Completed, c.Case.Status);
        Assert.Empty(c.RunningKinds);
        Assert.Equal(DeadlineState.Cancelled, c.Only(DeadlineKind.BadReviewRevision).State);
        Assert.Equal(DeadlineState.Cancelled, c.Only(DeadlineKind.BadReviewExplanation).State);
    }

    [Fact]
    public void Clock_started_again_leaves_one_clock_of_its_kind_running()
    {
        // Two refused parcels: the buyer's shipping clock and the receipt clock are started three times each.
        var c = DeadlineScenarios.Started(DeadlineKind.BuyerShipsReturn);
        for (var i = 0; i < 2; i++)
            c.After(TimeSpan.FromDays(1)).RecordReturnShipment().After(TimeSpan.FromDays(1)).RefuseParcel();
        c.After(TimeSpan.FromDays(1)).RecordReturnShipment();

        Assert.Equal(3, c.All(DeadlineKind.BuyerShipsReturn).Count);
        Assert.Equal(3, c.All(DeadlineKind.SellerConfirmsReceipt).Count);
        Assert.All(c.Case.Deadlines.GroupBy(d => d.Kind), group => Assert.True(group.Count(d => d.IsRunning) <= 1, $"{group.Key}"));
        Assert.Equal(c.Now, c.Running(DeadlineKind.SellerConfirmsReceipt).StartedAt);
        Assert.Equal([DeadlineKind.SellerConfirmsReceipt], c.RunningKinds);
    }

    [Fact]
    public void Clocks_are_planned_by_the_step_itself_and_saving_leaves_them_alone()
    {
        var builder = new CaseBuilder().BadReview();
        var @case = builder.Open();
        var planned = @case.Deadlines.Select(d => (d.Kind, d.State, d.DueAt, d.Version)).ToList();

        @case.TimelineEntriesSaved();

        Assert.Equal(4, planned.Count);
        Assert.Equal(planned, @case.Deadlines.Select(d => (d.Kind, d.State, d.DueAt, d.Version)));
    }

    [Fact]
    public void Starting_clocks_adds_no_version_and_no_timeline_entry()
    {
        var builder = new CaseBuilder();
        var @case = builder.Open();

        Assert.Equal(2, @case.Deadlines.Count);
        Assert.Equal(1, @case.Version);
        Assert.Equal(CaseBuilder.Start, @case.UpdatedAt);
        Assert.Equal("create", Assert.Single(@case.NewTimelineEntries).Action);

        @case.Approve(null, builder.At(Actors.Supervisor));

        Assert.Equal(3, @case.Deadlines.Count);
        Assert.Equal(2, @case.Version);
        Assert.Equal(2, @case.NewTimelineEntries.Count);
    }
}
