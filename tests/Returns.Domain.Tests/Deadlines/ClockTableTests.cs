using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Returns.Domain.Policies;
using Returns.Domain.Tests.Support;
using Returns.Domain.Workflows;

namespace Returns.Domain.Tests.Deadlines;

/// <summary>
/// Issue 5 table, as each workflow's clock table: which calendar a clock counts, when it warns (fractions of its
/// length) and what the system does when it warns or runs out. Warnings remind, except the seller-confirms-receipt
/// warning, which escalates; the contact chaser escalates after three unanswered attempts.
/// </summary>
public sealed class ClockTableTests
{
    private static readonly DateTimeOffset T = DeadlineScenarios.StartsAt;

    /// <summary>The clock's row, from the workflow of a type that runs it.</summary>
    private static ClockRule Row(DeadlineKind kind) =>
        Workflow.Definitions.Values.Select(d => d.ClockOf(kind)).First(c => c is not null)!;

    public static TheoryData<DeadlineKind, ClockCalendar, double[]> Calendars => new()
    {
        // kind                              calendar                    warnings (fractions of the length)
        { DeadlineKind.FirstTouch, ClockCalendar.BusinessHours, [0.75] },
        { DeadlineKind.SellerDecision, ClockCalendar.Platform, [0.5, 11.0 / 12] },
        { DeadlineKind.EvidenceFromBuyer, ClockCalendar.Platform, [2.0 / 3] },
        { DeadlineKind.BuyerShipsReturn, ClockCalendar.Platform, [3.0 / 7, 6.0 / 7] },
        { DeadlineKind.SellerConfirmsReceipt, ClockCalendar.Platform, [0.7] },
        { DeadlineKind.RefundAfterReceipt, ClockCalendar.BusinessHours, [0.75] },
        { DeadlineKind.ExchangeReship, ClockCalendar.Elapsed, [2.0 / 3] },
        { DeadlineKind.DiscountPayout, ClockCalendar.Elapsed, [0.75] },
        { DeadlineKind.BadReviewFirstContact, ClockCalendar.Elapsed, [0.75] },
        { DeadlineKind.BadReviewExplanation, ClockCalendar.Elapsed, [0.8] },
        { DeadlineKind.BadReviewRevision, ClockCalendar.Elapsed, [2.0 / 3, 0.9] },
        { DeadlineKind.ContactChaser, ClockCalendar.Elapsed, [] },
    };

    public static TheoryData<DeadlineKind, ClockOutcome, ClockOutcome> Responses => new()
    {
        // kind                                  warning                  due
        { DeadlineKind.FirstTouch, ClockOutcome.Remind, ClockOutcome.Escalate },
        { DeadlineKind.SellerDecision, ClockOutcome.Remind, ClockOutcome.AutoApprove },
        { DeadlineKind.EvidenceFromBuyer, ClockOutcome.Remind, ClockOutcome.Expire },
        { DeadlineKind.BuyerShipsReturn, ClockOutcome.Remind, ClockOutcome.Expire },
        { DeadlineKind.SellerConfirmsReceipt, ClockOutcome.Escalate, ClockOutcome.PlatformRefund },
        { DeadlineKind.RefundAfterReceipt, ClockOutcome.Remind, ClockOutcome.Escalate },
        { DeadlineKind.ExchangeReship, ClockOutcome.Remind, ClockOutcome.Escalate },
        { DeadlineKind.DiscountPayout, ClockOutcome.Remind, ClockOutcome.Escalate },
        { DeadlineKind.BadReviewFirstContact, ClockOutcome.Remind, ClockOutcome.Escalate },
        { DeadlineKind.BadReviewExplanation, ClockOutcome.Remind, ClockOutcome.Escalate },
        { DeadlineKind.BadReviewRevision, ClockOutcome.Remind, ClockOutcome.Lock },
        // With no unanswered attempt the chaser only reminds (see the chaser rows below).
        { DeadlineKind.ContactChaser, ClockOutcome.Remind, ClockOutcome.Remind },
    };

    [Fact]
    public void Tables_cover_every_kind()
    {
        Assert.Equal(Enum.GetValues<DeadlineKind>(), Calendars.Select(row => (DeadlineKind)row[0]).Order());
        Assert.Equal(Enum.GetValues<DeadlineKind>(), Responses.Select(row => (DeadlineKind)row[0]).Order());
    }

    [Theory]
    [MemberData(nameof(Calendars))]
    public void Clock_counts_its_calendar_and_warns_at_its_fractions(DeadlineKind kind, ClockCalendar calendar, double[] warnings)
    {
        var row = Row(kind);

        Assert.Equal(kind, row.Kind);
        Assert.Equal(calendar, row.Calendar);
        Assert.Equal(warnings.Length, row.WarnAt.Count);
        Assert.All(warnings.Zip(row.WarnAt), pair => Assert.Equal(pair.First, pair.Second, 1e-12));
    }

    [Theory]
    [MemberData(nameof(Responses))]
    public void Response_to_a_warning_and_at_the_due_time_follows_the_table(DeadlineKind kind, ClockOutcome warning, ClockOutcome due)
    {
        var row = Row(kind);
        var @case = new CaseBuilder().BadReview().Open();

        Assert.Equal(warning, row.OnWarning);
        Assert.Equal(due, row.OutcomeWhenDue(@case, ShopPolicy.Default));
    }

    [Theory]
    [MemberData(nameof(Responses))]
    public void Unanswered_attempts_change_nothing_but_the_contact_chaser(DeadlineKind kind, ClockOutcome warning, ClockOutcome due)
    {
        if (kind == DeadlineKind.ContactChaser) return;
        var row = Row(kind);

        Assert.Equal(warning, row.OnWarning);
        Assert.Equal(due, row.OutcomeWhenDue(WithUnanswered(5), ShopPolicy.Default));
    }

    [Theory]
    [InlineData(0, ClockOutcome.Remind)]
    [InlineData(1, ClockOutcome.Remind)]
    [InlineData(2, ClockOutcome.Remind)]
    [InlineData(3, ClockOutcome.Escalate)]
    [InlineData(4, ClockOutcome.Escalate)]
    public void Contact_chaser_reminds_until_three_attempts_went_unanswered_then_escalates(int unanswered, ClockOutcome expected)
    {
        Assert.Equal(expected, Row(DeadlineKind.ContactChaser).OutcomeWhenDue(WithUnanswered(unanswered), ShopPolicy.Default));
    }

    [Fact]
    public void Contact_chaser_threshold_defaults_to_three()
    {
        Assert.Equal(3, ShopPolicy.Default.Deadlines.ContactChaserEscalateAfter);
    }

    [Theory]
    [InlineData(1, 0, ClockOutcome.Remind)]
    [InlineData(1, 1, ClockOutcome.Escalate)]
    [InlineData(5, 4, ClockOutcome.Remind)]
    [InlineData(5, 5, ClockOutcome.Escalate)]
    public void Contact_chaser_threshold_is_the_shop_setting(int escalateAfter, int unanswered, ClockOutcome expected)
    {
        var policy = new ShopPolicy { Deadlines = new DeadlineDurations { ContactChaserEscalateAfter = escalateAfter } };

        Assert.Equal(expected, Row(DeadlineKind.ContactChaser).OutcomeWhenDue(WithUnanswered(unanswered), policy));
    }

    public static TheoryData<CaseType, DeadlineKind[]> ClocksOfEachType => new()
    {
        {
            CaseType.Return,
            [
                DeadlineKind.FirstTouch, DeadlineKind.SellerDecision, DeadlineKind.EvidenceFromBuyer, DeadlineKind.BuyerShipsReturn,
                DeadlineKind.SellerConfirmsReceipt, DeadlineKind.RefundAfterReceipt,
            ]
        },
        {
            CaseType.Exchange,
            [
                DeadlineKind.FirstTouch, DeadlineKind.SellerDecision, DeadlineKind.EvidenceFromBuyer, DeadlineKind.BuyerShipsReturn,
                DeadlineKind.SellerConfirmsReceipt, DeadlineKind.RefundAfterReceipt, DeadlineKind.ExchangeReship,
            ]
        },
        { CaseType.Discount, [DeadlineKind.FirstTouch, DeadlineKind.DiscountPayout] },
        {
            CaseType.BadReview,
            [
                DeadlineKind.FirstTouch, DeadlineKind.BadReviewFirstContact, DeadlineKind.BadReviewExplanation,
                DeadlineKind.BadReviewRevision, DeadlineKind.ContactChaser,
            ]
        },
    };

    [Theory]
    [MemberData(nameof(ClocksOfEachType))]
    public void Each_type_runs_exactly_the_clocks_of_its_table(CaseType type, DeadlineKind[] kinds)
    {
        var clocks = Workflow.For(type).Clocks;

        Assert.Equal(kinds.Order(), clocks.Select(c => c.Kind).Order());
        Assert.All(Enum.GetValues<DeadlineKind>().Except(kinds), kind => Assert.Null(Workflow.For(type).ClockOf(kind)));
    }

    public static TheoryData<DeadlineKind, double, DurationUnit, string, string> DefaultDurations => new()
    {
        { DeadlineKind.FirstTouch, 2, DurationUnit.Hours, "2小时", "2 h" },
        { DeadlineKind.SellerDecision, 48, DurationUnit.Hours, "48小时", "48 h" },
        { DeadlineKind.EvidenceFromBuyer, 3, DurationUnit.Days, "3天", "3 days" },
        { DeadlineKind.BuyerShipsReturn, 7, DurationUnit.Days, "7天", "7 days" },
        { DeadlineKind.SellerConfirmsReceipt, 10, DurationUnit.Days, "10天", "10 days" },
        { DeadlineKind.RefundAfterReceipt, 48, DurationUnit.Hours, "48小时", "48 h" },
        { DeadlineKind.ExchangeReship, 72, DurationUnit.Hours, "72小时", "72 h" },
        { DeadlineKind.DiscountPayout, 24, DurationUnit.Hours, "24小时", "24 h" },
        { DeadlineKind.BadReviewFirstContact, 24, DurationUnit.Hours, "24小时", "24 h" },
        { DeadlineKind.BadReviewExplanation, 15, DurationUnit.Days, "15天", "15 days" },
        { DeadlineKind.BadReviewRevision, 30, DurationUnit.Days, "30天", "30 days" },
        { DeadlineKind.ContactChaser, 24, DurationUnit.Hours, "24小时", "24 h" },
    };

    [Theory]
    [MemberData(nameof(DefaultDurations))]
    public void Clock_length_is_read_from_the_shop_policy_in_the_unit_people_read(
        DeadlineKind kind, double value, DurationUnit unit, string zh, string en)
    {
        var duration = Row(kind).DurationFor(ShopPolicy.Default);

        Assert.Equal(new ClockDuration(value, unit), duration);
        Assert.Equal((zh, en), (duration.Zh, duration.En));
    }

    [Fact]
    public void A_one_day_clock_reads_one_day()
    {
        var policy = new ShopPolicy { Deadlines = new DeadlineDurations { EvidenceFromBuyerDays = 1 } };

        var duration = Row(DeadlineKind.EvidenceFromBuyer).DurationFor(policy);

        Assert.Equal(("1天", "1 day"), (duration.Zh, duration.En));
        Assert.Equal(TimeSpan.FromDays(1), duration.Span);
    }

    [Fact]
    public void Plan_of_a_platform_clock_pushes_its_due_time_and_its_warnings_past_a_freeze()
    {
        var policy = new ShopPolicy { PlatformFreezes = [new FreezePeriod { From = T.AddHours(1), To = T.AddHours(25) }] };

        var (due, warnings) = Row(DeadlineKind.SellerDecision).Plan(T, policy, Platform.Taobao);

        Assert.Equal(T.AddHours(72), due);
        Assert.Equal([T.AddHours(48), T.AddHours(68)], warnings);
    }

    [Fact]
    public void Plan_of_an_elapsed_clock_ignores_freezes_and_holidays()
    {
        var policy = new ShopPolicy
        {
            Holidays = ["2026-11-03", "2026-11-04"],
            PlatformFreezes = [new FreezePeriod { From = T.AddHours(1), To = T.AddHours(25) }],
        };

        var (due, warnings) = Row(DeadlineKind.DiscountPayout).Plan(T, policy, Platform.Taobao);

        Assert.Equal(T.AddHours(24), due);
        Assert.Equal([T.AddHours(18)], warnings);
    }

    [Fact]
    public void Plan_of_a_business_hours_clock_counts_the_shops_working_hours()
    {
        // 14:00 Shanghai: 2 business hours end at 16:00, 75 % at 15:30; the shop closes at 23:30.
        var (due, warnings) = Row(DeadlineKind.FirstTouch).Plan(T, ShopPolicy.Default, Platform.Taobao);

        Assert.Equal(T.AddHours(2), due);
        Assert.Equal([T.AddMinutes(90)], warnings);
    }

    /// <summary>A bad review with this many unanswered attempts in a row.</summary>
    private static Case WithUnanswered(int attempts)
    {
        var builder = new CaseBuilder().BadReview();
        var @case = builder.Open();
        for (var i = 0; i < attempts; i++)
            @case.ContactBuyer(ContactChannel.Phone, ContactOutcome.NoAnswer, null, builder.At(Actors.Agent));
        Assert.Equal(attempts, @case.UnansweredContactAttempts);
        return @case;
    }
}
