using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Returns.Domain.Policies;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Deadlines;

/// <summary>
/// docs/design.md §4: durations, business hours, holidays and the time zone are the shop's policy; each clock reads
/// them from the policy of the action that starts it. Every clock here starts at 14:00 Shanghai time on 2026-11-03.
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
    public void Longer_seller_decision_is_warned_at_half_and_at_eleven_twelfths_of_it()
    {
        // Warnings are fractions of the clock (24 h and 4 h before due only at the default 48 h): 36 h and 66 h of 72.
        var deadline = DeadlineScenarios.Started(DeadlineKind.SellerDecision, With(d => d.SellerDecisionHours = 72))
            .Running(DeadlineKind.SellerDecision);

        Assert.Equal(T.AddHours(72), deadline.DueAt);
        Assert.Equal([T.AddHours(36), T.AddHours(66)], deadline.WarnAt);
    }

    [Fact]
    public void Longer_receipt_clock_is_warned_at_70_percent_of_it()
    {
        // 70 % of 14 days: 9 days 19 h 12 min (7 days, i.e. 3 days before due, only at the default 10 days).
        var deadline = DeadlineScenarios.Started(DeadlineKind.SellerConfirmsReceipt, With(d => d.SellerConfirmsReceiptDays = 14))
            .Running(DeadlineKind.SellerConfirmsReceipt);

        Assert.Equal([T.AddDays(9).AddHours(19).AddMinutes(12)], deadline.WarnAt);
    }

    [Fact]
    public void Longer_replacement_clock_is_warned_at_two_thirds_of_it()
    {
        var deadline = DeadlineScenarios.Started(DeadlineKind.ExchangeReship, With(d => d.ExchangeReshipHours = 96))
            .Running(DeadlineKind.ExchangeReship);

        Assert.Equal([T.AddHours(64)], deadline.WarnAt);
    }

    public static TheoryData<DeadlineKind, string, double, double, double[]> ShortenedClocks => new()
    {
        // kind, setting, value, due (h after the start), warnings (h after the start)
        { DeadlineKind.SellerDecision, nameof(DeadlineDurations.SellerDecisionHours), 12, 12, [6, 11] },
        { DeadlineKind.EvidenceFromBuyer, nameof(DeadlineDurations.EvidenceFromBuyerDays), 1.5, 36, [24] },
        { DeadlineKind.BuyerShipsReturn, nameof(DeadlineDurations.BuyerShipsReturnDays), 3.5, 84, [36, 72] },
        { DeadlineKind.SellerConfirmsReceipt, nameof(DeadlineDurations.SellerConfirmsReceiptDays), 2.5, 60, [42] },
        // Formerly a fixed warning at +48 h, dropped from a clock this short: it now scales to 24 h.
        { DeadlineKind.ExchangeReship, nameof(DeadlineDurations.ExchangeReshipHours), 36, 36, [24] },
        { DeadlineKind.DiscountPayout, nameof(DeadlineDurations.DiscountPayoutHours), 4, 4, [3] },
        { DeadlineKind.BadReviewFirstContact, nameof(DeadlineDurations.BadReviewFirstContactHours), 2, 2, [1.5] },
    };

    [Theory]
    [MemberData(nameof(ShortenedClocks))]
    public void Warnings_scale_with_a_shortened_clock_and_stay_inside_it(DeadlineKind kind, string setting, double value, double dueHours, double[] warnHours)
    {
        var policy = With(d => typeof(DeadlineDurations).GetProperty(setting)!.SetValue(d, value));

        var deadline = DeadlineScenarios.Started(kind, policy).Running(kind);

        Assert.Equal(T.AddHours(dueHours), deadline.DueAt);
        Assert.Equal(warnHours.Select(T.AddHours), deadline.WarnAt);
        Assert.All(deadline.WarnAt, w => Assert.InRange(w, deadline.StartedAt.AddTicks(1), deadline.DueAt.AddTicks(-1)));
        Assert.Equal(deadline.WarnAt[0], deadline.NextCheckAt);
    }

    [Fact]
    public void Review_warnings_scale_with_shorter_review_windows()
    {
        var posted = CaseBuilder.ReviewPostedAt;
        var c = PlannedCase.Open(new CaseBuilder().BadReview().WithPolicy(new ShopPolicy { ReviewExplanationDays = 5, ReviewRevisionDays = 6 }));

        // 80 % of 5 days; 2/3 and 90 % of 6 days.
        Assert.Equal([posted.AddDays(4)], c.Running(DeadlineKind.BadReviewExplanation).WarnAt);
        Assert.Equal([posted.AddDays(4), posted.AddDays(5).AddHours(9).AddMinutes(36)], c.Running(DeadlineKind.BadReviewRevision).WarnAt);
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
    public void Policy_of_each_action_context_is_the_one_used()
    {
        var builder = new CaseBuilder();
        var agent = Actors.Agent;

        var @case = Case.Open(builder.Opening(), 1, new ActionContext(agent, T, With(d => d.SellerDecisionHours = 24)));
        @case.Approve(null, new ActionContext(agent, T.AddHours(1), With(d => d.BuyerShipsReturnDays = 2)));

        Assert.Equal(T.AddHours(24), Assert.Single(@case.Deadlines, d => d.Kind == DeadlineKind.SellerDecision).DueAt);
        Assert.Equal(T.AddHours(49), Assert.Single(@case.Deadlines, d => d.Kind == DeadlineKind.BuyerShipsReturn).DueAt);
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
