using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Deadlines;

/// <summary>
/// Issue 5 table, "starts", "due" and "warn": each clock starts at its step with exact due and warning
/// instants. Marketplace clocks count calendar time; internal targets count business hours
/// (09:00–23:30 Asia/Shanghai).
/// </summary>
public sealed class DeadlineStartTests
{
    private static readonly DateTimeOffset T = DeadlineScenarios.StartsAt;

    public static TheoryData<DeadlineKind, double, double[]> CalendarClocks => new()
    {
        // kind                                  due (h)    warnings (h after the start)
        { DeadlineKind.SellerDecision, 48, [24, 44] },
        { DeadlineKind.EvidenceFromBuyer, 3 * 24, [2 * 24] },
        { DeadlineKind.BuyerShipsReturn, 7 * 24, [3 * 24, 6 * 24] },
        { DeadlineKind.SellerConfirmsReceipt, 10 * 24, [7 * 24] },
        { DeadlineKind.ExchangeReship, 72, [48] },
        { DeadlineKind.DiscountPayout, 24, [18] },
        { DeadlineKind.BadReviewFirstContact, 24, [18] },
        { DeadlineKind.ContactChaser, 24, [] },
    };

    [Theory]
    [MemberData(nameof(CalendarClocks))]
    public void Marketplace_and_calendar_clocks_run_on_calendar_time(DeadlineKind kind, double dueHours, double[] warnHours)
    {
        var deadline = DeadlineScenarios.Started(kind).Running(kind);

        Assert.Equal(T, deadline.StartedAt);
        Assert.Equal(T.AddHours(dueHours), deadline.DueAt);
        Assert.Equal(warnHours.Select(T.AddHours), deadline.WarnAt);
        Assert.Equal(warnHours.Length > 0 ? T.AddHours(warnHours[0]) : T.AddHours(dueHours), deadline.NextCheckAt);
        Assert.Equal(DeadlineState.Pending, deadline.State);
    }

    [Fact]
    public void First_touch_is_due_2_business_hours_after_creation_warned_at_75_percent()
    {
        var deadline = DeadlineScenarios.Started(DeadlineKind.FirstTouch).Running(DeadlineKind.FirstTouch);

        // 14:00 in Shanghai: warned at 15:30, due at 16:00.
        Assert.Equal(T, deadline.StartedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 8, 0, 0, TimeSpan.Zero), deadline.DueAt);
        Assert.Equal([new DateTimeOffset(2026, 11, 3, 7, 30, 0, TimeSpan.Zero)], deadline.WarnAt);
    }

    [Fact]
    public void Refund_after_receipt_is_due_48_business_hours_after_receipt_warned_at_75_percent()
    {
        var deadline = DeadlineScenarios.Started(DeadlineKind.RefundAfterReceipt).Running(DeadlineKind.RefundAfterReceipt);

        // From 14:00 on the 3rd: 9.5 h that day, 14.5 h on each of the 4th and 5th, then 9.5 h on the 6th (18:30);
        // 36 h (75 %) end at 21:00 on the 5th.
        Assert.Equal(T, deadline.StartedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 6, 18, 30, 0, TimeSpan.FromHours(8)), deadline.DueAt);
        Assert.Equal([new DateTimeOffset(2026, 11, 5, 21, 0, 0, TimeSpan.FromHours(8))], deadline.WarnAt);
    }

    [Fact]
    public void First_touch_of_a_case_opened_half_an_hour_before_the_close_is_due_the_next_morning()
    {
        // 2026-11-01T15:00Z is 23:00 in Shanghai: 0.5 h tonight, the rest from 09:00.
        var c = PlannedCase.Open(new CaseBuilder(new(new DateTimeOffset(2026, 11, 1, 15, 0, 0, TimeSpan.Zero))));

        var deadline = c.Running(DeadlineKind.FirstTouch);

        Assert.Equal(new DateTimeOffset(2026, 11, 2, 2, 30, 0, TimeSpan.Zero), deadline.DueAt);
        Assert.Equal([new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero)], deadline.WarnAt);
    }

    [Fact]
    public void First_touch_of_a_case_opened_at_night_counts_from_the_opening()
    {
        // 2026-11-01T18:00Z is 02:00 on the 2nd in Shanghai.
        var c = PlannedCase.Open(new CaseBuilder(new(new DateTimeOffset(2026, 11, 1, 18, 0, 0, TimeSpan.Zero))));

        var deadline = c.Running(DeadlineKind.FirstTouch);

        Assert.Equal(new DateTimeOffset(2026, 11, 2, 11, 0, 0, TimeSpan.FromHours(8)), deadline.DueAt);
        Assert.Equal([new DateTimeOffset(2026, 11, 2, 10, 30, 0, TimeSpan.FromHours(8))], deadline.WarnAt);
    }

    [Fact]
    public void Marketplace_clock_started_at_night_is_not_shifted_to_business_hours()
    {
        var night = new DateTimeOffset(2026, 11, 1, 18, 0, 0, TimeSpan.Zero);
        var c = PlannedCase.Open(new CaseBuilder(new(night)));

        Assert.Equal(night.AddHours(48), c.Running(DeadlineKind.SellerDecision).DueAt);
    }

    [Theory]
    [InlineData(CaseType.Return)]
    [InlineData(CaseType.Exchange)]
    [InlineData(CaseType.Discount)]
    [InlineData(CaseType.BadReview)]
    public void Every_case_starts_its_first_touch_at_creation(CaseType type)
    {
        var c = PlannedCase.Open(new CaseBuilder().OfType(type));

        Assert.Equal(CaseBuilder.Start, c.Running(DeadlineKind.FirstTouch).StartedAt);
    }

    [Theory]
    [InlineData(CaseType.Return, new[] { DeadlineKind.FirstTouch, DeadlineKind.SellerDecision })]
    [InlineData(CaseType.Exchange, new[] { DeadlineKind.FirstTouch, DeadlineKind.SellerDecision })]
    [InlineData(CaseType.Discount, new[] { DeadlineKind.FirstTouch })]
    [InlineData(CaseType.BadReview, new[]
    {
        DeadlineKind.FirstTouch, DeadlineKind.BadReviewFirstContact, DeadlineKind.BadReviewExplanation, DeadlineKind.BadReviewRevision,
    })]
    public void Creation_starts_the_clocks_of_its_type_and_no_other(CaseType type, DeadlineKind[] expected)
    {
        var c = PlannedCase.Open(new CaseBuilder().OfType(type));

        Assert.Equal(expected, c.RunningKinds);
        Assert.All(c.Case.Deadlines, d => Assert.Equal(c.Case.Id, d.CaseId));
    }

    [Fact]
    public void Discount_within_the_agents_cap_starts_approved_with_its_payout_clock()
    {
        var c = PlannedCase.Open(new CaseBuilder().Discount().WithCompensation(5.00m));

        Assert.Equal(CaseStatus.Approved, c.Case.Status);
        var payout = c.Running(DeadlineKind.DiscountPayout);
        Assert.Equal(CaseBuilder.Start, payout.StartedAt);
        Assert.Equal(CaseBuilder.Start.AddHours(24), payout.DueAt);
        Assert.Equal([CaseBuilder.Start.AddHours(18)], payout.WarnAt);
    }

    [Fact]
    public void Discount_awaiting_a_supervisor_has_no_payout_clock_yet()
    {
        var c = PlannedCase.Open(new CaseBuilder().Discount());

        Assert.Equal(CaseStatus.AwaitingApproval, c.Case.Status);
        Assert.False(c.Has(DeadlineKind.DiscountPayout));
    }

    [Fact]
    public void Review_explanation_clock_runs_from_the_review_posting_to_15_days_warned_on_day_12()
    {
        var posted = CaseBuilder.ReviewPostedAt;
        var c = PlannedCase.Open(new CaseBuilder().BadReview());

        var deadline = c.Running(DeadlineKind.BadReviewExplanation);

        Assert.Equal(posted, deadline.StartedAt);
        Assert.Equal(posted.AddDays(15), deadline.DueAt);
        Assert.Equal(c.Case.ExplanationDueAt, deadline.DueAt);
        Assert.Equal([posted.AddDays(12)], deadline.WarnAt);
    }

    [Fact]
    public void Review_revision_clock_runs_from_the_review_posting_to_30_days_warned_on_days_20_and_27()
    {
        var posted = CaseBuilder.ReviewPostedAt;
        var c = PlannedCase.Open(new CaseBuilder().BadReview());

        var deadline = c.Running(DeadlineKind.BadReviewRevision);

        Assert.Equal(posted, deadline.StartedAt);
        Assert.Equal(posted.AddDays(30), deadline.DueAt);
        Assert.Equal(c.Case.RevisionDueAt, deadline.DueAt);
        Assert.Equal([posted.AddDays(20), posted.AddDays(27)], deadline.WarnAt);
    }

    [Fact]
    public void Review_clocks_follow_the_posting_time_not_the_logging_time()
    {
        var posted = new DateTimeOffset(2026, 10, 25, 13, 45, 0, TimeSpan.Zero);
        var c = PlannedCase.Open(new CaseBuilder().BadReview().WithReview(ReviewRating.Medium, posted));

        Assert.Equal(posted.AddDays(15), c.Running(DeadlineKind.BadReviewExplanation).DueAt);
        Assert.Equal(posted.AddDays(30), c.Running(DeadlineKind.BadReviewRevision).DueAt);
        Assert.Equal(CaseBuilder.Start.AddHours(24), c.Running(DeadlineKind.BadReviewFirstContact).DueAt);
    }

    [Theory]
    [InlineData(CaseType.Return)]
    [InlineData(CaseType.Exchange)]
    public void Approval_of_a_return_or_exchange_starts_the_buyer_ships_return_clock(CaseType type)
    {
        var c = PlannedCase.Open(new CaseBuilder().OfType(type)).At(T).Approve();

        Assert.Equal(CaseStatus.AwaitingReturnShipment, c.Case.Status);
        Assert.Equal(T.AddDays(7), c.Running(DeadlineKind.BuyerShipsReturn).DueAt);
    }

    [Fact]
    public void Automatic_approval_by_the_platform_also_starts_the_buyer_ships_return_clock()
    {
        var c = PlannedCase.Open(new CaseBuilder()).At(CaseBuilder.Start.AddHours(48)).Approve(Actors.System);

        Assert.Equal(CaseBuilder.Start.AddHours(48 + 7 * 24), c.Running(DeadlineKind.BuyerShipsReturn).DueAt);
    }

    [Fact]
    public void Approval_after_the_evidence_arrived_starts_the_buyer_ships_return_clock()
    {
        var c = PlannedCase.Open(new CaseBuilder())
            .After(TimeSpan.FromHours(1)).RequestEvidence()
            .After(TimeSpan.FromHours(20)).SubmitEvidence()
            .At(T).Approve();

        Assert.Equal(T.AddDays(7), c.Running(DeadlineKind.BuyerShipsReturn).DueAt);
    }

    [Fact]
    public void Refused_parcel_starts_the_buyer_ships_return_clock_again()
    {
        var approved = CaseBuilder.Start;
        var shipped = approved.AddDays(2);
        var c = PlannedCase.In(new CaseBuilder(), CaseStatus.AwaitingReturnShipment)
            .At(shipped).RecordReturnShipment()
            .At(T).RefuseParcel();

        Assert.Equal(CaseStatus.AwaitingReturnShipment, c.Case.Status);
        var clocks = c.All(DeadlineKind.BuyerShipsReturn);
        Assert.Equal(2, clocks.Count);
        var (first, again) = (clocks[0], clocks[1]);
        Assert.Equal(DeadlineState.Met, first.State);
        Assert.Equal(shipped, first.ResolvedAt);
        Assert.Same(again, c.Running(DeadlineKind.BuyerShipsReturn));
        Assert.Equal(T, again.StartedAt);
        Assert.Equal(T.AddDays(7), again.DueAt);
        Assert.Equal([T.AddDays(3), T.AddDays(6)], again.WarnAt);
    }

    [Fact]
    public void New_return_shipment_after_a_refused_parcel_starts_a_new_receipt_clock()
    {
        var c = PlannedCase.In(new CaseBuilder(), CaseStatus.AwaitingReturnShipment)
            .After(TimeSpan.FromDays(1)).RecordReturnShipment()
            .After(TimeSpan.FromDays(2)).RefuseParcel()
            .At(T.AddDays(1)).RecordReturnShipment();

        var receipts = c.All(DeadlineKind.SellerConfirmsReceipt);
        Assert.Equal(2, receipts.Count);
        Assert.Equal(DeadlineState.Cancelled, receipts[0].State);
        Assert.Same(receipts[1], c.Running(DeadlineKind.SellerConfirmsReceipt));
        Assert.Equal(T.AddDays(11), receipts[1].DueAt);
    }

    [Fact]
    public void Failed_inspection_starts_the_refund_after_receipt_clock()
    {
        var c = PlannedCase.In(new CaseBuilder(), CaseStatus.ReturnInTransit).At(T).ConfirmReceipt(passes: false);

        Assert.Equal(CaseStatus.InspectionFailed, c.Case.Status);
        var deadline = c.Running(DeadlineKind.RefundAfterReceipt);
        Assert.Equal(T, deadline.StartedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 6, 18, 30, 0, TimeSpan.FromHours(8)), deadline.DueAt);
    }

    [Fact]
    public void Exchange_whose_inspection_fails_starts_the_refund_clock_not_the_reship_clock()
    {
        var c = PlannedCase.In(new CaseBuilder().Exchange(), CaseStatus.ReturnInTransit).At(T).ConfirmReceipt(passes: false);

        Assert.Equal(CaseStatus.InspectionFailed, c.Case.Status);
        Assert.Equal(T, c.Running(DeadlineKind.RefundAfterReceipt).StartedAt);
        Assert.False(c.Has(DeadlineKind.ExchangeReship));
    }

    [Fact]
    public void Return_receipt_starts_no_reship_clock()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.RefundAfterReceipt);

        Assert.False(c.Has(DeadlineKind.ExchangeReship));
    }

    [Fact]
    public void Exchange_converted_to_a_refund_starts_the_refund_after_receipt_clock()
    {
        var c = PlannedCase.In(new CaseBuilder().Exchange(), CaseStatus.ReplacementPending).At(T).ConvertToRefund();

        Assert.Equal(CaseStatus.RefundPending, c.Case.Status);
        var deadline = c.Running(DeadlineKind.RefundAfterReceipt);
        Assert.Equal(T, deadline.StartedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 6, 18, 30, 0, TimeSpan.FromHours(8)), deadline.DueAt);
    }

    [Theory]
    [InlineData(ContactOutcome.Reached)]
    [InlineData(ContactOutcome.Refused)]
    public void Contact_that_was_answered_starts_no_chaser(ContactOutcome outcome)
    {
        var c = PlannedCase.Open(new CaseBuilder().BadReview()).At(T).ContactBuyer(outcome);

        Assert.False(c.Has(DeadlineKind.ContactChaser));
    }

    [Fact]
    public void Every_unanswered_attempt_starts_a_new_chaser_and_meets_the_previous_one()
    {
        var c = PlannedCase.Open(new CaseBuilder().BadReview())
            .At(T).ContactBuyer(ContactOutcome.NoAnswer)
            .At(T.AddHours(20)).ContactBuyer(ContactOutcome.NoAnswer);

        var chasers = c.All(DeadlineKind.ContactChaser);
        Assert.Equal(2, chasers.Count);
        Assert.Equal(DeadlineState.Met, chasers[0].State);
        Assert.Equal(T.AddHours(20), chasers[0].ResolvedAt);
        Assert.Same(chasers[1], c.Running(DeadlineKind.ContactChaser));
        Assert.Equal(T.AddHours(44), chasers[1].DueAt);
        Assert.Empty(chasers[1].WarnAt);
    }

    [Fact]
    public void Unanswered_attempt_while_the_revision_is_awaited_starts_a_chaser()
    {
        var c = PlannedCase.In(new CaseBuilder().BadReview(), CaseStatus.AwaitingRevision).At(T).ContactBuyer(ContactOutcome.NoAnswer);

        Assert.Equal(CaseStatus.AwaitingRevision, c.Case.Status);
        Assert.Equal(T.AddHours(24), c.Running(DeadlineKind.ContactChaser).DueAt);
    }
}
