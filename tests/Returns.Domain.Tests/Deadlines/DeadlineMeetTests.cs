using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Deadlines;

/// <summary>
/// Issue 5, "meeting": the steps that answer a clock meet it, a few steps cancel one, and every other step
/// leaves it running. Each row starts the clock (see <see cref="DeadlineScenarios"/>), takes the step an hour
/// later and looks at the clock that was started.
/// </summary>
public sealed class DeadlineMeetTests
{
    private static readonly TimeSpan AnHourLater = TimeSpan.FromHours(1);

    public static TheoryData<DeadlineKind, string> Meetings => new()
    {
        { DeadlineKind.FirstTouch, "add-note" },
        { DeadlineKind.FirstTouch, "approve" },
        { DeadlineKind.FirstTouch, "reject" },
        { DeadlineKind.FirstTouch, "request-evidence" },
        { DeadlineKind.FirstTouch, "cancel" },
        { DeadlineKind.SellerDecision, "approve" },
        { DeadlineKind.SellerDecision, "reject" },
        { DeadlineKind.SellerDecision, "request-evidence" },
        { DeadlineKind.EvidenceFromBuyer, "submit-evidence" },
        { DeadlineKind.BuyerShipsReturn, "record-return-shipment" },
        { DeadlineKind.SellerConfirmsReceipt, "confirm-receipt" },
        { DeadlineKind.SellerConfirmsReceipt, "confirm-receipt:fails" },
        { DeadlineKind.RefundAfterReceipt, "refund" },
        { DeadlineKind.ExchangeReship, "ship-replacement" },
        { DeadlineKind.ExchangeReship, "convert-to-refund" },
        { DeadlineKind.DiscountPayout, "record-payout" },
        { DeadlineKind.BadReviewFirstContact, "contact-buyer:reached" },
        { DeadlineKind.BadReviewFirstContact, "contact-buyer:noAnswer" },
        { DeadlineKind.BadReviewFirstContact, "contact-buyer:refused" },
        { DeadlineKind.BadReviewFirstContact, "mark-malicious" },
        { DeadlineKind.BadReviewExplanation, "post-explanation" },
        { DeadlineKind.BadReviewRevision, "contact-buyer:reached+buyer-agreed+confirm-revised" },
        { DeadlineKind.ContactChaser, "contact-buyer:reached" },
        { DeadlineKind.ContactChaser, "contact-buyer:noAnswer" },
        { DeadlineKind.ContactChaser, "contact-buyer:refused" },
    };

    [Theory]
    [MemberData(nameof(Meetings))]
    public void Step_that_answers_a_clock_meets_it(DeadlineKind kind, string step)
    {
        var c = DeadlineScenarios.Started(kind).After(AnHourLater).Perform(step);

        var deadline = c.All(kind)[0];
        Assert.Equal(DeadlineState.Met, deadline.State);
        Assert.Equal(c.Now, deadline.ResolvedAt);
        Assert.Null(deadline.NextCheckAt);
    }

    public static TheoryData<DeadlineKind, string> Cancellations => new()
    {
        { DeadlineKind.SellerConfirmsReceipt, "refuse-parcel" },
        { DeadlineKind.ContactChaser, "mark-malicious" },
        { DeadlineKind.BadReviewRevision, "mark-malicious" },
    };

    [Theory]
    [MemberData(nameof(Cancellations))]
    public void Step_that_makes_a_clock_moot_cancels_it(DeadlineKind kind, string step)
    {
        var c = DeadlineScenarios.Started(kind).After(AnHourLater).Perform(step);

        var deadline = Assert.Single(c.All(kind));
        Assert.Equal(DeadlineState.Cancelled, deadline.State);
        Assert.Equal(c.Now, deadline.ResolvedAt);
        Assert.Null(deadline.NextCheckAt);
    }

    public static TheoryData<DeadlineKind, string> Unrelated => new()
    {
        { DeadlineKind.FirstTouch, "add-note:system" },
        { DeadlineKind.FirstTouch, "approve:system" },
        { DeadlineKind.SellerDecision, "add-note" },
        { DeadlineKind.EvidenceFromBuyer, "add-note" },
        { DeadlineKind.BuyerShipsReturn, "add-note" },
        { DeadlineKind.SellerConfirmsReceipt, "add-note" },
        { DeadlineKind.RefundAfterReceipt, "add-note" },
        { DeadlineKind.ExchangeReship, "add-note" },
        { DeadlineKind.DiscountPayout, "add-note" },
        { DeadlineKind.BadReviewFirstContact, "add-note" },
        { DeadlineKind.BadReviewFirstContact, "post-explanation" },
        { DeadlineKind.BadReviewExplanation, "contact-buyer:reached" },
        { DeadlineKind.BadReviewExplanation, "mark-malicious" },
        { DeadlineKind.BadReviewRevision, "contact-buyer:reached+buyer-agreed" },
        { DeadlineKind.BadReviewRevision, "post-explanation" },
        { DeadlineKind.ContactChaser, "add-note" },
        { DeadlineKind.ContactChaser, "post-explanation" },
        { DeadlineKind.ContactChaser, "buyer-agreed" },
    };

    [Theory]
    [MemberData(nameof(Unrelated))]
    public void Step_that_does_not_answer_a_clock_leaves_it_running(DeadlineKind kind, string step)
    {
        var c = DeadlineScenarios.Started(kind);
        var deadline = c.Running(kind);
        var (state, nextCheckAt, version) = (deadline.State, deadline.NextCheckAt, deadline.Version);

        c.After(AnHourLater).Perform(step);

        Assert.Same(deadline, c.Running(kind));
        Assert.Equal(state, deadline.State);
        Assert.Equal(nextCheckAt, deadline.NextCheckAt);
        Assert.Equal(version, deadline.Version);
        Assert.Null(deadline.ResolvedAt);
    }

    [Theory]
    [InlineData(Role.Agent)]
    [InlineData(Role.Supervisor)]
    [InlineData(Role.Admin)]
    [InlineData(Role.Warehouse)]
    public void Any_person_working_the_case_is_its_first_touch(Role role)
    {
        var c = DeadlineScenarios.Started(DeadlineKind.FirstTouch).After(AnHourLater).AddNote(new Actor("someone", role));

        var deadline = c.Only(DeadlineKind.FirstTouch);
        Assert.Equal(DeadlineState.Met, deadline.State);
        Assert.Equal(c.Now, deadline.ResolvedAt);
    }

    [Theory]
    [InlineData(CaseType.Exchange)]
    [InlineData(CaseType.Discount)]
    [InlineData(CaseType.BadReview)]
    public void First_touch_of_every_case_type_is_met_by_a_person(CaseType type)
    {
        var c = PlannedCase.Open(new CaseBuilder().OfType(type)).After(AnHourLater).AddNote(Actors.Agent);

        Assert.Equal(DeadlineState.Met, c.Only(DeadlineKind.FirstTouch).State);
    }

    [Fact]
    public void Creating_the_case_is_not_its_first_touch()
    {
        var c = PlannedCase.Open(new CaseBuilder(), Actors.Agent);

        Assert.Equal(DeadlineState.Pending, c.Running(DeadlineKind.FirstTouch).State);
    }

    [Fact]
    public void System_recording_an_escalation_is_not_a_first_touch()
    {
        // A bad review logged at 14:00: its first-contact clock (24 h) escalates the next day, when the first touch
        // (2 business hours) is overdue but not yet swept.
        var c = DeadlineScenarios.Started(DeadlineKind.BadReviewFirstContact).After(TimeSpan.FromHours(24));

        c.OnClock(DeadlineKind.BadReviewFirstContact);

        Assert.Equal("escalate", c.Case.NewTimelineEntries[^1].Action);
        Assert.Equal(DeadlineState.Pending, c.Running(DeadlineKind.FirstTouch).State);
    }

    [Fact]
    public void First_touch_escalated_by_the_system_is_breached_not_met()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.FirstTouch).After(TimeSpan.FromHours(2));

        c.OnClock(DeadlineKind.FirstTouch);

        var deadline = c.Only(DeadlineKind.FirstTouch);
        Assert.Equal(DeadlineState.Breached, deadline.State);
        Assert.Equal(c.Now, deadline.ResolvedAt);
    }

    [Fact]
    public void First_touch_is_met_once_and_stays_met()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.FirstTouch).After(AnHourLater).AddNote(Actors.Agent);
        var touched = c.Now;

        c.After(AnHourLater).AddNote(Actors.Supervisor).Approve();

        var deadline = c.Only(DeadlineKind.FirstTouch);
        Assert.Equal(DeadlineState.Met, deadline.State);
        Assert.Equal(touched, deadline.ResolvedAt);
    }

    [Fact]
    public void Contact_meets_only_the_first_contact_clock_the_first_time()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.BadReviewFirstContact)
            .After(AnHourLater).ContactBuyer(ContactOutcome.NoAnswer);
        var first = c.Now;

        c.After(TimeSpan.FromHours(5)).ContactBuyer(ContactOutcome.Reached);

        var deadline = c.Only(DeadlineKind.BadReviewFirstContact);
        Assert.Equal(DeadlineState.Met, deadline.State);
        Assert.Equal(first, deadline.ResolvedAt);
    }

    [Fact]
    public void Rejecting_after_a_failed_inspection_meets_the_refund_clock()
    {
        var c = PlannedCase.In(new CaseBuilder(), CaseStatus.ReturnInTransit)
            .At(DeadlineScenarios.StartsAt).ConfirmReceipt(passes: false)
            .After(AnHourLater).Reject();

        Assert.Equal(CaseStatus.Rejected, c.Case.Status);
        var deadline = c.Only(DeadlineKind.RefundAfterReceipt);
        Assert.Equal(DeadlineState.Met, deadline.State);
        Assert.Equal(c.Now, deadline.ResolvedAt);
    }

    [Fact]
    public void Refunding_after_a_failed_inspection_meets_the_refund_clock()
    {
        var c = PlannedCase.In(new CaseBuilder(), CaseStatus.ReturnInTransit)
            .At(DeadlineScenarios.StartsAt).ConfirmReceipt(passes: false)
            .After(AnHourLater).Refund();

        Assert.Equal(CaseStatus.Completed, c.Case.Status);
        Assert.Equal(DeadlineState.Met, c.Only(DeadlineKind.RefundAfterReceipt).State);
    }

    [Fact]
    public void Refunding_an_exchange_converted_to_a_refund_meets_both_of_its_clocks()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.ExchangeReship)
            .After(AnHourLater).ConvertToRefund()
            .After(AnHourLater).Refund();

        Assert.Equal(DeadlineState.Met, c.Only(DeadlineKind.ExchangeReship).State);
        Assert.Equal(DeadlineScenarios.StartsAt + AnHourLater, c.Only(DeadlineKind.ExchangeReship).ResolvedAt);
        Assert.Equal(DeadlineState.Met, c.Only(DeadlineKind.RefundAfterReceipt).State);
        Assert.Equal(c.Now, c.Only(DeadlineKind.RefundAfterReceipt).ResolvedAt);
    }

    [Fact]
    public void Buyer_revising_the_review_meets_the_revision_clock_and_stops_the_chaser()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.BadReviewRevision)
            .After(AnHourLater).ContactBuyer(ContactOutcome.Reached)
            .After(AnHourLater).BuyerAgreed()
            .After(AnHourLater).ContactBuyer(ContactOutcome.NoAnswer)
            .After(AnHourLater).ConfirmRevised();

        Assert.Equal(CaseStatus.Completed, c.Case.Status);
        Assert.Equal(DeadlineState.Met, c.Only(DeadlineKind.BadReviewRevision).State);
        Assert.Equal(c.Now, c.Only(DeadlineKind.BadReviewRevision).ResolvedAt);
        Assert.Equal(DeadlineState.Cancelled, c.Only(DeadlineKind.ContactChaser).State);
        Assert.Empty(c.RunningKinds);
    }

    [Fact]
    public void Marking_a_review_malicious_keeps_only_the_explanation_clock_running()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.BadReviewFirstContact)
            .After(AnHourLater).ContactBuyer(ContactOutcome.NoAnswer)
            .After(AnHourLater).MarkMalicious();

        Assert.Equal(CaseStatus.Appealing, c.Case.Status);
        Assert.Equal([DeadlineKind.BadReviewExplanation], c.RunningKinds);
        Assert.Equal(DeadlineState.Met, c.Only(DeadlineKind.BadReviewFirstContact).State);
        Assert.Equal(DeadlineState.Cancelled, c.Only(DeadlineKind.ContactChaser).State);
        Assert.Equal(DeadlineState.Cancelled, c.Only(DeadlineKind.BadReviewRevision).State);
    }
}
