using Returns.Domain.Deadlines;
using Returns.Domain.Policies;

namespace Returns.Domain.Tests.Deadlines;

/// <summary>
/// Issue 5, last column: what the system does when a clock warns or runs out. Warnings remind, except the
/// seller-confirms-receipt warning, which escalates; the contact chaser escalates after three unanswered attempts.
/// </summary>
public sealed class DeadlineRulesTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private const int EscalateAfter = 3;

    public static TheoryData<DeadlineKind, DeadlineResponse, DeadlineResponse> Table => new()
    {
        // kind                                  warning                    due
        { DeadlineKind.FirstTouch, DeadlineResponse.Remind, DeadlineResponse.Escalate },
        { DeadlineKind.SellerDecision, DeadlineResponse.Remind, DeadlineResponse.AutoApprove },
        { DeadlineKind.EvidenceFromBuyer, DeadlineResponse.Remind, DeadlineResponse.Expire },
        { DeadlineKind.BuyerShipsReturn, DeadlineResponse.Remind, DeadlineResponse.Expire },
        { DeadlineKind.SellerConfirmsReceipt, DeadlineResponse.Escalate, DeadlineResponse.PlatformRefund },
        { DeadlineKind.RefundAfterReceipt, DeadlineResponse.Remind, DeadlineResponse.Escalate },
        { DeadlineKind.ExchangeReship, DeadlineResponse.Remind, DeadlineResponse.Escalate },
        { DeadlineKind.DiscountPayout, DeadlineResponse.Remind, DeadlineResponse.Escalate },
        { DeadlineKind.BadReviewFirstContact, DeadlineResponse.Remind, DeadlineResponse.Escalate },
        { DeadlineKind.BadReviewExplanation, DeadlineResponse.Remind, DeadlineResponse.Escalate },
        { DeadlineKind.BadReviewRevision, DeadlineResponse.Remind, DeadlineResponse.Lock },
        { DeadlineKind.ContactChaser, DeadlineResponse.Remind, DeadlineResponse.Remind },
    };

    [Fact]
    public void Table_covers_every_kind()
    {
        Assert.Equal(Enum.GetValues<DeadlineKind>(), Table.Select(row => (DeadlineKind)row[0]).Order());
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Response_to_a_warning_and_at_the_due_time_follows_the_table(DeadlineKind kind, DeadlineResponse warning, DeadlineResponse due)
    {
        Assert.Equal(warning, DeadlineRules.ResponseTo(kind, DeadlineEvent.Warning, 0, EscalateAfter));
        Assert.Equal(due, DeadlineRules.ResponseTo(kind, DeadlineEvent.Due, 0, EscalateAfter));
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Unanswered_attempts_change_nothing_but_the_contact_chaser(DeadlineKind kind, DeadlineResponse warning, DeadlineResponse due)
    {
        if (kind == DeadlineKind.ContactChaser) return;

        Assert.Equal(warning, DeadlineRules.ResponseTo(kind, DeadlineEvent.Warning, 5, EscalateAfter));
        Assert.Equal(due, DeadlineRules.ResponseTo(kind, DeadlineEvent.Due, 5, EscalateAfter));
    }

    [Theory]
    [InlineData(0, DeadlineResponse.Remind)]
    [InlineData(1, DeadlineResponse.Remind)]
    [InlineData(2, DeadlineResponse.Remind)]
    [InlineData(3, DeadlineResponse.Escalate)]
    [InlineData(4, DeadlineResponse.Escalate)]
    public void Contact_chaser_reminds_until_three_attempts_went_unanswered_then_escalates(int unanswered, DeadlineResponse expected)
    {
        Assert.Equal(expected, DeadlineRules.ResponseTo(DeadlineKind.ContactChaser, DeadlineEvent.Due, unanswered, EscalateAfter));
    }

    [Fact]
    public void Contact_chaser_threshold_defaults_to_three()
    {
        Assert.Equal(3, ShopPolicy.Default.Deadlines.ContactChaserEscalateAfter);
    }

    [Theory]
    [InlineData(1, 0, DeadlineResponse.Remind)]
    [InlineData(1, 1, DeadlineResponse.Escalate)]
    [InlineData(5, 4, DeadlineResponse.Remind)]
    [InlineData(5, 5, DeadlineResponse.Escalate)]
    public void Contact_chaser_threshold_is_the_shop_setting(int escalateAfter, int unanswered, DeadlineResponse expected)
    {
        Assert.Equal(expected, DeadlineRules.ResponseTo(DeadlineKind.ContactChaser, DeadlineEvent.Due, unanswered, escalateAfter));
    }

    public static TheoryData<DeadlineKind, DeadlineEvent> EveryEvent
    {
        get
        {
            var data = new TheoryData<DeadlineKind, DeadlineEvent>();
            foreach (var kind in Enum.GetValues<DeadlineKind>())
                foreach (var what in Enum.GetValues<DeadlineEvent>())
                    data.Add(kind, what);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(EveryEvent))]
    public void Message_mentions_the_due_time(DeadlineKind kind, DeadlineEvent what)
    {
        var due = new DateTimeOffset(2026, 11, 3, 2, 0, 0, TimeSpan.Zero);

        Assert.Contains("2026-11-03 10:00 (Asia/Shanghai)", DeadlineRules.Message(kind, what, due, Shanghai));
    }

    [Fact]
    public void Message_states_the_due_time_in_the_shops_zone_whatever_offset_it_was_given()
    {
        // 02:00Z is 10:00 in Shanghai, whichever offset the instant carried.
        var due = new DateTimeOffset(2026, 11, 3, 4, 0, 0, TimeSpan.FromHours(2));

        var message = DeadlineRules.Message(DeadlineKind.SellerDecision, DeadlineEvent.Warning, due, Shanghai);

        Assert.Contains("2026-11-03 10:00 (Asia/Shanghai)", message);
        Assert.DoesNotContain("04:00", message);
    }

    [Theory]
    [MemberData(nameof(EveryEvent))]
    public void Message_is_bilingual_and_names_the_clock(DeadlineKind kind, DeadlineEvent what)
    {
        var message = DeadlineRules.Message(kind, what, new DateTimeOffset(2026, 11, 3, 2, 0, 0, TimeSpan.Zero), Shanghai);

        var parts = message.Split(" / ");
        Assert.Equal(2, parts.Length);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", parts[0]);
        Assert.DoesNotContain(kind.ToString(), parts[0]);
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", parts[1]);
    }

    [Fact]
    public void Message_for_a_late_replacement_suggests_convert_to_refund()
    {
        var message = DeadlineRules.Message(DeadlineKind.ExchangeReship, DeadlineEvent.Due, new DateTimeOffset(2026, 11, 3, 2, 0, 0, TimeSpan.Zero), Shanghai);

        Assert.Contains("convert-to-refund", message);
    }

    [Fact]
    public void Message_warning_of_the_platform_refund_says_so()
    {
        var message = DeadlineRules.Message(DeadlineKind.SellerConfirmsReceipt, DeadlineEvent.Warning, new DateTimeOffset(2026, 11, 3, 2, 0, 0, TimeSpan.Zero), Shanghai);

        Assert.Contains("the platform refunds", message);
    }
}
