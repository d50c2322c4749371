using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Returns.Domain.Policies;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Deadlines;

/// <summary>
/// DESIGN §4: durations, business hours, holidays and the time zone are the shop's policy; the planner takes
/// them from the policy it is given. Every clock here starts at 14:00 Shanghai time on 2026-11-03.
/// </summary>
public sealed class CustomPolicyDeadlineTests
{
    private static readonly DateTimeOffset T = DeadlineScenarios.StartsAt;
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private static ShopPolicy With(Action<DeadlineDurations> set)
    {
        var durations = new DeadlineDurations();
        set(durations);
        return new ShopPolicy { Deadlines = durations };
    }

    public static TheoryData<DeadlineKind, string, double, double> CalendarDurations => new()
    {
        // kind, setting, value, due (h after the start)
        { DeadlineKind.SellerDecision, nameof(DeadlineDurations.SellerDecisionHours), 72, 72 },
        { DeadlineKind.EvidenceFromBuyer, nameof(DeadlineDurations.EvidenceFromBuyerDays), 5, 5 * 24 },
        { DeadlineKind.BuyerShipsReturn, nameof(DeadlineDurations.BuyerShipsReturnDays), 10, 10 * 24 },
        { DeadlineKind.SellerConfirmsReceipt, nameof(DeadlineDurations.SellerConfirmsReceiptDays), 14, 14 * 24 },
        { DeadlineKind.ExchangeReship, nameof(DeadlineDurations.ExchangeReshipHours), 96, 96 },
        { DeadlineKind.DiscountPayout, nameof(DeadlineDurations.DiscountPayoutHours), 48, 48 },
        { DeadlineKind.BadReviewFirstContact, nameof(DeadlineDurations.BadReviewFirstContactHours), 12, 12 },
        { DeadlineKind.ContactChaser, nameof(DeadlineDurations.ContactChaserHours), 48, 48 },
    };

    [Theory]
    [MemberData(nameof(CalendarDurations))]
    public void Shop_duration_sets_the_due_time(DeadlineKind kind, string setting, double value, double dueHours)
    {
        var policy = With(d => typeof(DeadlineDurations).GetProperty(setting)!.SetValue(d, value));

        var deadline = DeadlineScenarios.Started(kind, policy).Running(kind);

        Assert.Equal(T.AddHours(dueHours), deadline.DueAt);
    }

    [Fact]
    public void Longer_seller_decision_is_still_warned_24_and_4_hours_before_it_is_due()
    {
        var deadline = DeadlineScenarios.Started(DeadlineKind.SellerDecision, With(d => d.SellerDecisionHours = 72))
            .Running(DeadlineKind.SellerDecision);

        Assert.Equal([T.AddHours(48), T.AddHours(68)], deadline.WarnAt);
    }

    [Fact]
    public void Longer_receipt_clock_is_still_warned_3_days_before_it_is_due()
    {
        var deadline = DeadlineScenarios.Started(DeadlineKind.SellerConfirmsReceipt, With(d => d.SellerConfirmsReceiptDays = 14))
            .Running(DeadlineKind.SellerConfirmsReceipt);

        Assert.Equal([T.AddDays(11)], deadline.WarnAt);
    }

    [Theory]
    [InlineData(DeadlineKind.DiscountPayout)]
    [InlineData(DeadlineKind.BadReviewFirstContact)]
    public void Shorter_clock_is_still_warned_at_75_percent(DeadlineKind kind)
    {
        var policy = With(d =>
        {
            d.DiscountPayoutHours = 8;
            d.BadReviewFirstContactHours = 8;
        });

        var deadline = DeadlineScenarios.Started(kind, policy).Running(kind);

        Assert.Equal(T.AddHours(8), deadline.DueAt);
        Assert.Equal([T.AddHours(6)], deadline.WarnAt);
    }

    [Fact]
    public void Shop_first_touch_target_counts_business_hours()
    {
        // 4 business hours from 14:00, with 3 h (75 %) for the warning; and 10 h from 14:00 cross the 23:30 close.
        var four = DeadlineScenarios.Started(DeadlineKind.FirstTouch, With(d => d.FirstTouchBusinessHours = 4)).Running(DeadlineKind.FirstTouch);
        var ten = DeadlineScenarios.Started(DeadlineKind.FirstTouch, With(d => d.FirstTouchBusinessHours = 10)).Running(DeadlineKind.FirstTouch);

        Assert.Equal(new DateTimeOffset(2026, 11, 3, 18, 0, 0, Shanghai), four.DueAt);
        Assert.Equal([new DateTimeOffset(2026, 11, 3, 17, 0, 0, Shanghai)], four.WarnAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 4, 9, 30, 0, Shanghai), ten.DueAt);
        Assert.Equal([new DateTimeOffset(2026, 11, 3, 21, 30, 0, Shanghai)], ten.WarnAt);
    }

    [Fact]
    public void Shop_refund_target_counts_business_hours()
    {
        // 24 business hours from 14:00: 9.5 h on the 3rd, 14.5 h on the 4th (to the 23:30 close); 18 h end at 17:30 on the 4th.
        var deadline = DeadlineScenarios.Started(DeadlineKind.RefundAfterReceipt, With(d => d.RefundAfterReceiptBusinessHours = 24))
            .Running(DeadlineKind.RefundAfterReceipt);

        Assert.Equal(new DateTimeOffset(2026, 11, 4, 23, 30, 0, Shanghai), deadline.DueAt);
        Assert.Equal([new DateTimeOffset(2026, 11, 4, 17, 30, 0, Shanghai)], deadline.WarnAt);
    }

    [Fact]
    public void Holiday_pauses_the_refund_target()
    {
        var policy = new ShopPolicy { Holidays = ["2026-11-04"] };

        var deadline = DeadlineScenarios.Started(DeadlineKind.RefundAfterReceipt, policy).Running(DeadlineKind.RefundAfterReceipt);

        // A day later than without the holiday (18:30 on the 6th, warned at 21:00 on the 5th).
        Assert.Equal(new DateTimeOffset(2026, 11, 7, 18, 30, 0, Shanghai), deadline.DueAt);
        Assert.Equal([new DateTimeOffset(2026, 11, 6, 21, 0, 0, Shanghai)], deadline.WarnAt);
    }

    [Fact]
    public void Holiday_pauses_the_first_touch_overnight()
    {
        // Opened at 23:00 on the 3rd; the 4th is a holiday: 0.5 h tonight, 1.5 h from 09:00 on the 5th.
        var policy = new ShopPolicy { Holidays = ["2026-11-04"] };
        var c = PlannedCase.Open(new CaseBuilder(new(new DateTimeOffset(2026, 11, 3, 23, 0, 0, Shanghai))).WithPolicy(policy));

        var deadline = c.Running(DeadlineKind.FirstTouch);

        Assert.Equal(new DateTimeOffset(2026, 11, 5, 10, 30, 0, Shanghai), deadline.DueAt);
        Assert.Equal([new DateTimeOffset(2026, 11, 5, 10, 0, 0, Shanghai)], deadline.WarnAt);
    }

    [Theory]
    [InlineData(DeadlineKind.SellerDecision, 48)]
    [InlineData(DeadlineKind.BuyerShipsReturn, 7 * 24)]
    [InlineData(DeadlineKind.SellerConfirmsReceipt, 10 * 24)]
    [InlineData(DeadlineKind.ExchangeReship, 72)]
    [InlineData(DeadlineKind.DiscountPayout, 24)]
    [InlineData(DeadlineKind.BadReviewFirstContact, 24)]
    public void Holidays_do_not_pause_calendar_clocks(DeadlineKind kind, double dueHours)
    {
        var policy = new ShopPolicy { Holidays = ["2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06"] };

        var deadline = DeadlineScenarios.Started(kind, policy).Running(kind);

        Assert.Equal(T.AddHours(dueHours), deadline.DueAt);
    }

    [Fact]
    public void Shop_business_hours_set_the_internal_targets()
    {
        // 08:00–20:00: 6 h on the 3rd, then 12 h a day; 48 h end at 14:00 on the 7th, 36 h at 14:00 on the 6th.
        var policy = new ShopPolicy { BusinessHoursOpen = "08:00", BusinessHoursClose = "20:00" };

        var deadline = DeadlineScenarios.Started(DeadlineKind.RefundAfterReceipt, policy).Running(DeadlineKind.RefundAfterReceipt);

        Assert.Equal(new DateTimeOffset(2026, 11, 7, 14, 0, 0, Shanghai), deadline.DueAt);
        Assert.Equal([new DateTimeOffset(2026, 11, 6, 14, 0, 0, Shanghai)], deadline.WarnAt);
    }

    [Fact]
    public void Shop_time_zone_sets_the_business_day()
    {
        // 06:00Z is before a UTC shop opens at 09:00: its first touch is due at 11:00Z (16:00 Shanghai time would be 08:00Z).
        var policy = new ShopPolicy { TimeZone = "UTC" };

        var deadline = DeadlineScenarios.Started(DeadlineKind.FirstTouch, policy).Running(DeadlineKind.FirstTouch);

        Assert.Equal(new DateTimeOffset(2026, 11, 3, 11, 0, 0, TimeSpan.Zero), deadline.DueAt);
        Assert.Equal([new DateTimeOffset(2026, 11, 3, 10, 30, 0, TimeSpan.Zero)], deadline.WarnAt);
    }

    [Fact]
    public void Shop_review_windows_set_the_review_clocks()
    {
        var policy = new ShopPolicy { ReviewExplanationDays = 10, ReviewRevisionDays = 20 };
        var posted = CaseBuilder.ReviewPostedAt;

        var c = PlannedCase.Open(new CaseBuilder().BadReview().WithPolicy(policy));

        Assert.Equal(posted.AddDays(10), c.Running(DeadlineKind.BadReviewExplanation).DueAt);
        Assert.Equal(posted.AddDays(20), c.Running(DeadlineKind.BadReviewRevision).DueAt);
    }

    [Fact]
    public void Policy_given_to_the_planner_is_the_one_used()
    {
        var builder = new CaseBuilder();
        var @case = builder.Open();

        DeadlinePlanner.Plan(@case, @case.NewTimelineEntries, With(d => d.SellerDecisionHours = 24));

        Assert.Equal(CaseBuilder.Start.AddHours(24), Assert.Single(@case.Deadlines, d => d.Kind == DeadlineKind.SellerDecision).DueAt);
    }

    [Fact]
    public void Default_durations_are_the_issue_table()
    {
        var d = ShopPolicy.Default.Deadlines;

        Assert.Equal(
            (2d, 48d, 3d, 7d, 10d, 48d, 72d, 24d, 24d, 24d, 3),
            (d.FirstTouchBusinessHours, d.SellerDecisionHours, d.EvidenceFromBuyerDays, d.BuyerShipsReturnDays,
                d.SellerConfirmsReceiptDays, d.RefundAfterReceiptBusinessHours, d.ExchangeReshipHours, d.DiscountPayoutHours,
                d.BadReviewFirstContactHours, d.ContactChaserHours, d.ContactChaserEscalateAfter));
        Assert.Equal((15, 30), (ShopPolicy.Default.ReviewExplanationDays, ShopPolicy.Default.ReviewRevisionDays));
        Assert.Equal(("09:00", "23:30", "Asia/Shanghai"), (ShopPolicy.Default.BusinessHoursOpen, ShopPolicy.Default.BusinessHoursClose, ShopPolicy.Default.TimeZone));
        Assert.Empty(ShopPolicy.Default.Holidays);
    }
}
