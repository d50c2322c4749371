using Returns.Domain.Cases;
using Returns.Domain.Privacy;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Privacy;

/// <summary>docs/business-rules.md §7: the phone shown masked, revealed with a reason, removed after the retention period.</summary>
public sealed class BuyerContactTests
{
    [Theory]
    // A mainland mobile: the marketplaces' own 138****5678.
    [InlineData("13812345678", "138****5678")]
    // International forms keep the country code and the separators; the same middle four digits are hidden.
    [InlineData("+86 138 1234 5678", "+86 138 **** 5678")]
    [InlineData("+8613812345678", "+86138****5678")]
    [InlineData("0086-138-1234-5678", "0086-138-****-5678")]
    [InlineData("+44 7911 123456", "+44 79** **3456")]
    // A landline with its area code.
    [InlineData("021-12345678", "021-****5678")]
    [InlineData("12345678", "****5678")]
    // Short numbers: the last two digits at most, never most of the number.
    [InlineData("1234567", "*****67")]
    [InlineData("12345", "***45")]
    [InlineData("1234", "****")]
    [InlineData("+1 2", "+* *")]
    [InlineData("", "")]
    public void Phone_is_masked_with_its_middle_four_digits_hidden(string phone, string masked) =>
        Assert.Equal(masked, BuyerContact.Mask(phone));

    [Fact]
    public void No_phone_stays_no_phone() => Assert.Null(BuyerContact.Mask(null));

    [Fact]
    public void Masking_never_shows_more_than_the_first_digits_and_the_last_four()
    {
        var masked = BuyerContact.Mask("13899990000")!;
        Assert.DoesNotContain("9999", masked);
        Assert.Equal(4, masked.Count(c => c == '*'));
    }

    [Fact]
    public void The_buyer_is_shown_with_the_phone_masked_and_the_nickname_as_it_is()
    {
        var buyer = BuyerContact.Masked(new Buyer("xiao.mei", "13812345678"));
        Assert.Equal(new Buyer("xiao.mei", "138****5678"), buyer);
    }

    // ---------------------------------------------------------------- reveal

    [Fact]
    public void Revealing_the_phone_records_who_when_which_case_and_why()
    {
        var builder = new CaseBuilder();
        var @case = builder.Open();

        var access = @case.RevealContact(Actors.Agent, "  联系买家确认退货地址 ", builder.Now);

        Assert.Equal((@case.Id, @case.Number, "tmall-flagship"), (access.CaseId, access.CaseNumber, access.Shop));
        Assert.Equal(("wang.fang", Role.Agent, "联系买家确认退货地址", builder.Now), (access.Actor, access.ActorRole, access.Reason, access.At));
        // Reading is not a change: the case, its version and its timeline stay as they were.
        Assert.Equal(1, @case.Version);
        Assert.Single(@case.NewTimelineEntries);
    }

    [Fact]
    public void Nothing_is_revealed_once_the_buyer_data_was_removed()
    {
        var builder = new CaseBuilder();
        var @case = Closed(builder);
        builder.Clock.Advance(TimeSpan.FromDays(BuyerDataRetention.DefaultDays));
        Assert.True(@case.RemoveBuyerData(BuyerDataRetention.DefaultDays, builder.At(Actors.System)));

        var refusal = Assert.Throws<PolicyViolationException>(() => @case.RevealContact(Actors.Supervisor, "回访", builder.Now));
        Assert.Equal(PolicyCodes.BuyerDataRemoved, refusal.Code);
    }

    // ---------------------------------------------------------------- retention

    private static Case Closed(CaseBuilder builder)
    {
        var @case = builder.Open();
        @case.Cancel("Buyer withdrew.", builder.At(Actors.Agent));
        @case.TimelineEntriesSaved();
        return @case;
    }

    [Fact]
    public void A_closed_case_keeps_the_phone_until_the_retention_period_has_passed()
    {
        var builder = new CaseBuilder();
        var @case = Closed(builder);
        builder.Clock.Advance(TimeSpan.FromDays(365) - TimeSpan.FromSeconds(1));

        Assert.False(@case.RemoveBuyerData(365, builder.At(Actors.System)));
        Assert.Equal("+86 138 0000 0000", @case.BuyerPhone);
        Assert.Empty(@case.NewTimelineEntries);
    }

    [Fact]
    public void After_the_retention_period_the_phone_is_removed_and_the_case_its_amounts_and_timeline_stay()
    {
        var builder = new CaseBuilder();
        var @case = Closed(builder);
        var (status, due, version) = (@case.Status, @case.RefundDue, @case.Version);
        builder.Clock.Advance(TimeSpan.FromDays(365));

        Assert.True(@case.RemoveBuyerData(365, builder.At(Actors.System)));

        Assert.Null(@case.BuyerPhone);
        Assert.Equal(new Buyer("xiao.mei", null, builder.Now), @case.Buyer);
        Assert.Equal((status, due, version + 1), (@case.Status, @case.RefundDue, @case.Version));
        var entry = Assert.Single(@case.NewTimelineEntries);
        Assert.Equal((BuyerDataRetention.Removed, "system", status, status), (entry.Action, entry.Actor, entry.From!.Value, entry.To));
        Assert.Equal("""{"removed":["phone"],"retainDays":365}""", entry.Data);
    }

    [Fact]
    public void Removing_twice_changes_nothing_the_second_time()
    {
        var builder = new CaseBuilder();
        var @case = Closed(builder);
        builder.Clock.Advance(TimeSpan.FromDays(400));
        Assert.True(@case.RemoveBuyerData(365, builder.At(Actors.System)));
        @case.TimelineEntriesSaved();
        var version = @case.Version;
        builder.Clock.Advance(TimeSpan.FromDays(1));

        Assert.False(@case.RemoveBuyerData(365, builder.At(Actors.System)));
        Assert.Equal(version, @case.Version);
        Assert.Empty(@case.NewTimelineEntries);
    }

    [Fact]
    public void An_open_case_keeps_the_phone_however_old_it_is()
    {
        var builder = new CaseBuilder();
        var @case = builder.Open();
        builder.Clock.Advance(TimeSpan.FromDays(1000));

        Assert.False(@case.RemoveBuyerData(365, builder.At(Actors.System)));
        Assert.NotNull(@case.BuyerPhone);
    }

    [Theory]
    [InlineData(false, 30, false)]
    [InlineData(true, 30, true)]
    [InlineData(true, 31, false)]
    public void The_database_rule_and_the_in_memory_rule_agree(bool closed, int retainDays, bool due)
    {
        var builder = new CaseBuilder();
        var @case = closed ? Closed(builder) : builder.Open();
        var later = builder.Now.AddDays(30);

        Assert.Equal(due, BuyerDataRetention.IsDue(@case, later, retainDays));
        Assert.Equal(due, BuyerDataRetention.Due(later, retainDays).Compile()(@case));
    }
}
