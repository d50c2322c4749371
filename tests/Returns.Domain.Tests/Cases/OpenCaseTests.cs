using Microsoft.Extensions.Time.Testing;
using Returns.Domain.Cases;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Cases;

public sealed class OpenCaseTests
{
    [Theory]
    [InlineData(42L, "AS-000042")]
    [InlineData(1L, "AS-000001")]
    [InlineData(999_999L, "AS-999999")]
    [InlineData(1_234_567L, "AS-1234567")]
    public void Case_number_is_AS_and_the_zero_padded_sequence(long sequence, string number)
    {
        var @case = new CaseBuilder().WithSequence(sequence).Open();

        Assert.Equal(number, @case.Number);
        Assert.Equal(sequence, @case.Sequence);
    }

    [Theory]
    [InlineData("USD")]
    [InlineData("cny")]
    public void A_case_in_another_currency_than_its_shops_is_refused(string currency)
    {
        // Issue 19: a USD case on a CNY shop was opened, and the shop's CNY caps applied to it.
        var builder = new CaseBuilder();

        var error = Assert.Throws<PolicyViolationException>(() =>
            Case.Open(builder.Opening() with { Currency = currency }, 1, builder.At(Actors.Agent)));

        Assert.Equal(PolicyCodes.CurrencyMismatch, error.Code);
    }

    [Fact]
    public void New_case_is_submitted_at_version_1()
    {
        var @case = new CaseBuilder().Open();

        Assert.Equal(CaseStatus.Submitted, @case.Status);
        Assert.Equal(1, @case.Version);
    }

    [Fact]
    public void New_case_has_one_create_entry_on_its_timeline()
    {
        var builder = new CaseBuilder();
        var @case = builder.Open(Actors.Agent);

        var entry = Assert.Single(@case.NewTimelineEntries);
        Assert.Equal("create", entry.Action);
        Assert.Null(entry.From);
        Assert.Equal(CaseStatus.Submitted, entry.To);
        Assert.Equal(1, entry.Version);
        Assert.Equal(@case.Id, entry.CaseId);
        Assert.Equal(Actors.Agent.Name, entry.Actor);
        Assert.Equal(CaseBuilder.Start, entry.At);
    }

    [Fact]
    public void New_case_is_stamped_with_the_clock_time()
    {
        var clock = new FakeTimeProvider(CaseBuilder.Start);
        clock.Advance(TimeSpan.FromHours(3));

        var @case = new CaseBuilder(clock).Open();

        Assert.Equal(CaseBuilder.Start.AddHours(3), @case.CreatedAt);
        Assert.Equal(CaseBuilder.Start.AddHours(3), @case.UpdatedAt);
    }

    [Fact]
    public void New_case_within_its_window_is_not_flagged()
    {
        var @case = new CaseBuilder().DeliveredAt(CaseBuilder.Start.AddDays(-2)).Open();

        Assert.False(@case.OutsideWindow);
        Assert.Equal(CaseBuilder.Start.AddDays(5), @case.WindowEndsAt);
    }

    [Fact]
    public void New_case_after_its_window_is_accepted_but_flagged_outside_window()
    {
        var clock = new FakeTimeProvider(CaseBuilder.Start);
        var builder = new CaseBuilder(clock).DeliveredAt(CaseBuilder.Start);
        clock.Advance(TimeSpan.FromDays(8));

        var @case = builder.Open();

        Assert.True(@case.OutsideWindow);
        Assert.Equal(CaseStatus.Submitted, @case.Status);
    }

    [Fact]
    public void Exchange_keeps_what_the_buyer_wants_instead()
    {
        var @case = new CaseBuilder().Exchange().WithExchangeFor(new ExchangeItem("SKU-TEE-L", 2, "T-shirt, size L")).Open();

        var wanted = Assert.Single(@case.ExchangeFor);
        Assert.Equal(new ExchangeItem("SKU-TEE-L", 2, "T-shirt, size L"), wanted);
    }

    [Fact]
    public void Return_drops_any_exchange_items()
    {
        var @case = new CaseBuilder().OfType(CaseType.Return).WithExchangeFor(new ExchangeItem("SKU-TEE-L", 2, null)).Open();

        Assert.Empty(@case.ExchangeFor);
    }

    [Theory]
    [InlineData("quality.defective", Responsibility.Seller)]
    [InlineData("quality.damaged", Responsibility.Seller)]
    [InlineData("quality.expired", Responsibility.Seller)]
    [InlineData("quality.wrongItem", Responsibility.Seller)]
    [InlineData("quality.missingParts", Responsibility.Seller)]
    [InlineData("quality.notAsDescribed", Responsibility.Seller)]
    [InlineData("logistics.damagedInTransit", Responsibility.Courier)]
    [InlineData("logistics.lost", Responsibility.Courier)]
    [InlineData("nonQuality.changedMind", Responsibility.Buyer)]
    [InlineData("nonQuality.wrongSize", Responsibility.Buyer)]
    [InlineData("nonQuality.wrongColor", Responsibility.Buyer)]
    [InlineData("nonQuality.other", Responsibility.Buyer)]
    public void Responsibility_is_derived_from_the_reason(string reason, Responsibility responsibility)
    {
        var @case = new CaseBuilder().WithReason(reason).Open();

        Assert.Equal(responsibility, @case.Responsibility);
    }

    [Fact]
    public void Reason_outside_the_catalog_is_refused()
    {
        var error = Assert.Throws<PolicyViolationException>(() => new CaseBuilder().WithReason("quality.smellsFunny").Open());

        Assert.Equal("unknown-reason", error.Code);
    }

    [Fact]
    public void Item_not_on_the_order_cannot_be_claimed()
    {
        var builder = new CaseBuilder().Claiming(new CaseItem("SKU-NOT-SOLD", 1));

        var error = Assert.Throws<PolicyViolationException>(() => builder.Open());

        Assert.Equal(PolicyCodes.ItemNotInCase, error.Code);
    }

    [Fact]
    public void More_units_than_ordered_cannot_be_claimed()
    {
        var builder = new CaseBuilder().Claiming(new CaseItem(CaseBuilder.Sku, 3));

        var error = Assert.Throws<PolicyViolationException>(() => builder.Open());

        Assert.Equal(PolicyCodes.ItemNotInCase, error.Code);
    }
}
