using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Deadlines;

/// <summary>
/// Issue 5: reaching a terminal state cancels every clock still running (after meeting the ones the step
/// answers), and a clock started again cancels the one of its kind still running.
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

    public static TheoryData<DeadlineKind, string> AutomaticOutcomes => new()
    {
        { DeadlineKind.SellerDecision, "approve:system" },
        { DeadlineKind.EvidenceFromBuyer, "expire" },
        { DeadlineKind.BuyerShipsReturn, "expire" },
        { DeadlineKind.SellerConfirmsReceipt, "platform-refund" },
        { DeadlineKind.BadReviewRevision, "lock" },
    };

    [Theory]
    [MemberData(nameof(AutomaticOutcomes))]
    public void Automatic_outcome_is_accepted_the_moment_its_clock_falls_due(DeadlineKind kind, string outcome)
    {
        // The sweep acts as soon as EventAt says Due, and a breached clock is never looked at again:
        // the case must accept the table's automatic outcome at that very instant.
        var c = DeadlineScenarios.Started(kind);
        var deadline = c.Running(kind);
        Assert.Equal(DeadlineEvent.Due, deadline.EventAt(deadline.DueAt));
        var version = c.Case.Version;

        c.At(deadline.DueAt).Perform(outcome);

        Assert.Equal(version + 1, c.Case.Version);
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
    public void Clock_started_again_cancels_the_one_still_running()
    {
        // In the workflows a clock is met before its step comes round again; an entry planned once more (say,
        // replayed after a retry) restarts the shipping clock while the previous one still runs.
        var c = DeadlineScenarios.Started(DeadlineKind.BuyerShipsReturn);
        var first = c.Running(DeadlineKind.BuyerShipsReturn);
        var again = T.AddDays(1);
        var entry = new TimelineEntry(c.Case.Id, c.Case.Version + 1, again, Actors.Warehouse, CaseAction.RefuseParcel,
            CaseStatus.ReturnInTransit, CaseStatus.AwaitingReturnShipment, null);

        DeadlinePlanner.Plan(c.Case, [entry], c.Builder.Policy);

        Assert.Equal(DeadlineState.Cancelled, first.State);
        Assert.Equal(again, first.ResolvedAt);
        var restarted = c.Running(DeadlineKind.BuyerShipsReturn);
        Assert.Equal(again, restarted.StartedAt);
        Assert.Equal(again.AddDays(7), restarted.DueAt);
    }

    [Fact]
    public void Planning_the_same_entries_twice_leaves_one_running_clock_of_each_kind()
    {
        var builder = new CaseBuilder().BadReview();
        var @case = builder.Open();
        var entries = @case.NewTimelineEntries.ToList();

        DeadlinePlanner.Plan(@case, entries, builder.Policy);
        DeadlinePlanner.Plan(@case, entries, builder.Policy);

        Assert.Equal(8, @case.Deadlines.Count);
        Assert.All(@case.Deadlines.GroupBy(d => d.Kind), group =>
        {
            Assert.Equal(DeadlineState.Cancelled, group.First().State);
            Assert.True(group.Last().IsRunning);
        });
    }

    [Fact]
    public void Planner_changes_nothing_but_the_case_clocks()
    {
        var builder = new CaseBuilder();
        var @case = builder.Open();
        var (status, version, updatedAt, entries) = (@case.Status, @case.Version, @case.UpdatedAt, @case.NewTimelineEntries.Count);

        DeadlinePlanner.Plan(@case, @case.NewTimelineEntries, builder.Policy);

        Assert.Equal((status, version, updatedAt, entries), (@case.Status, @case.Version, @case.UpdatedAt, @case.NewTimelineEntries.Count));
        Assert.Equal(2, @case.Deadlines.Count);
    }
}
