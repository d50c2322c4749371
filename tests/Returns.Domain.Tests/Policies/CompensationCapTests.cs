using Microsoft.Extensions.Time.Testing;
using Returns.Domain.Cases;
using Returns.Domain.Policies;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Policies;

/// <summary>
/// docs/business-rules.md §3.5 (F0-r): 补偿通常不能超过邮费 — a discount up to the order's shipping fee is the agent's
/// call, above it 请示主管. The default order: 2 × 99.00 (goods 198.00), shipping fee 8.00.
/// </summary>
public sealed class CompensationCapTests
{
    [Fact]
    public void Compensation_equal_to_the_shipping_fee_is_approved_by_the_agent()
    {
        var builder = new CaseBuilder().Discount().WithShippingFee(8.00m).WithCompensation(8.00m);

        var @case = builder.Open(Actors.Agent);

        Assert.Equal(CaseStatus.Approved, @case.Status);
        Assert.Equal(8.00m, @case.Compensation!.Cap);
        Assert.Equal(Actors.Agent.Name, @case.Compensation.ApprovedBy);
        Assert.Equal(builder.Now, @case.Compensation.ApprovedAt);
    }

    [Fact]
    public void Compensation_one_fen_above_the_shipping_fee_awaits_a_supervisor()
    {
        var builder = new CaseBuilder().Discount().WithShippingFee(8.00m).WithCompensation(8.01m);

        var @case = builder.Open(Actors.Agent);

        Assert.Equal(CaseStatus.AwaitingApproval, @case.Status);
        Assert.Null(@case.Compensation!.ApprovedBy);
        Assert.Null(@case.Compensation.ApprovedAt);
    }

    [Theory]
    [InlineData(10.00, CaseStatus.Approved)]
    [InlineData(10.01, CaseStatus.AwaitingApproval)]
    public void Cap_is_10_when_the_shipping_fee_is_unknown(decimal amount, CaseStatus expected)
    {
        var @case = new CaseBuilder().Discount().WithShippingFee(null).WithCompensation(amount).Open(Actors.Agent);

        Assert.Equal(expected, @case.Status);
        Assert.Equal(10.00m, @case.Compensation!.Cap);
    }

    [Theory]
    [InlineData(20.00, CaseStatus.Approved)]
    [InlineData(20.01, CaseStatus.AwaitingApproval)]
    public void Shop_sets_the_cap_used_when_the_shipping_fee_is_unknown(decimal amount, CaseStatus expected)
    {
        var @case = new CaseBuilder().Discount().WithShippingFee(null)
            .WithPolicy(ShopPolicy.Default with { DefaultCompensationCap = 20.00m })
            .WithCompensation(amount).Open(Actors.Agent);

        Assert.Equal(expected, @case.Status);
        Assert.Equal(20.00m, @case.Compensation!.Cap);
    }

    [Theory]
    [InlineData(5.00, 6.00, CaseStatus.AwaitingApproval)]
    [InlineData(12.00, 12.00, CaseStatus.Approved)]
    [InlineData(12.00, 12.01, CaseStatus.AwaitingApproval)]
    public void Known_shipping_fee_is_the_cap_whatever_the_default(decimal shippingFee, decimal amount, CaseStatus expected)
    {
        var @case = new CaseBuilder().Discount().WithShippingFee(shippingFee).WithCompensation(amount).Open(Actors.Agent);

        Assert.Equal(expected, @case.Status);
        Assert.Equal(shippingFee, @case.Compensation!.Cap);
    }

    // Issue 13 item 2 (F0-r 补偿通常不能超过邮费): a 包邮 order still costs the shop a courier for an exchange.
    [Theory]
    [InlineData(10.00, CaseStatus.Approved)]
    [InlineData(10.01, CaseStatus.AwaitingApproval)]
    public void Cap_on_a_free_shipping_order_is_the_shops_default_not_zero(decimal amount, CaseStatus expected)
    {
        var @case = new CaseBuilder().Discount().WithShippingFee(0.00m).WithCompensation(amount).Open(Actors.Agent);

        Assert.Equal(expected, @case.Status);
        Assert.Equal(10.00m, @case.Compensation!.Cap);
    }

    [Theory]
    [InlineData(null, 10.00)]
    [InlineData(0.00, 10.00)]
    [InlineData(0.01, 0.01)]
    [InlineData(8.00, 8.00)]
    [InlineData(25.00, 25.00)]
    public void Compensation_cap_table(double? shippingFee, double cap) =>
        Assert.Equal((decimal)cap, CompensationRule.Cap(shippingFee is null ? null : (decimal)shippingFee.Value, ShopPolicy.Default));

    [Fact]
    public void Compensation_record_carries_defect_amount_handler_and_time()
    {
        var clock = new FakeTimeProvider(CaseBuilder.Start);
        clock.Advance(TimeSpan.FromHours(5));
        var builder = new CaseBuilder(clock).Discount().WithCompensation(6.50m, "Scratch on the zipper.");

        var @case = builder.Open(Actors.Agent);

        var compensation = @case.Compensation!;
        Assert.Equal(6.50m, compensation.Amount);
        Assert.Equal("Scratch on the zipper.", compensation.Defect);
        Assert.Equal(Actors.Agent.Name, compensation.Handler);
        Assert.Equal(CaseBuilder.Start.AddHours(5), compensation.At);
    }

    [Fact]
    public void Compensation_above_the_cap_keeps_its_handler_until_a_supervisor_approves()
    {
        var @case = new CaseBuilder().Discount().WithCompensation(15.00m).Open(Actors.Agent);

        Assert.Equal(Actors.Agent.Name, @case.Compensation!.Handler);
        Assert.Equal(15.00m, @case.Compensation.Amount);
    }

    [Fact]
    public void Creation_entry_records_the_compensation()
    {
        var @case = new CaseBuilder().Discount().WithCompensation(6.50m, "Scratch on the zipper.").Open(Actors.Agent);

        var entry = Assert.Single(@case.NewTimelineEntries);
        Assert.Equal("create", entry.Action);
        Assert.Equal(CaseStatus.Approved, entry.To);
        Assert.Contains("6.50", entry.Data, StringComparison.Ordinal);
        Assert.Contains("Scratch on the zipper.", entry.Data, StringComparison.Ordinal);
    }

    [Fact]
    public void Compensation_equal_to_the_goods_total_is_refused()
    {
        var builder = new CaseBuilder().Discount().WithCompensation(2 * CaseBuilder.UnitPrice);

        var error = Assert.Throws<PolicyViolationException>(() => builder.Open(Actors.Supervisor));

        Assert.Equal(PolicyCodes.CompensationExceedsGoods, error.Code);
    }

    [Fact]
    public void Compensation_above_the_goods_total_is_refused()
    {
        var builder = new CaseBuilder().Discount().WithCompensation(250.00m);

        var error = Assert.Throws<PolicyViolationException>(() => builder.Open(Actors.Supervisor));

        Assert.Equal(PolicyCodes.CompensationExceedsGoods, error.Code);
    }

    [Fact]
    public void Compensation_one_fen_below_the_goods_total_awaits_a_supervisor()
    {
        var @case = new CaseBuilder().Discount().WithCompensation(197.99m).Open(Actors.Agent);

        Assert.Equal(CaseStatus.AwaitingApproval, @case.Status);
    }

    [Theory]
    [InlineData(0.00)]
    [InlineData(-0.01)]
    [InlineData(-5.00)]
    public void Compensation_must_be_positive(decimal amount)
    {
        var builder = new CaseBuilder().Discount().WithCompensation(amount);

        var error = Assert.Throws<PolicyViolationException>(() => builder.Open(Actors.Agent));

        Assert.Equal("invalid-amount", error.Code);
    }

    [Fact]
    public void Discount_without_a_compensation_is_refused()
    {
        var builder = new CaseBuilder().Discount().WithoutCompensation();

        Assert.Throws<PolicyViolationException>(() => builder.Open(Actors.Agent));
    }

    [Theory]
    [InlineData("nonQuality.changedMind")]
    [InlineData("nonQuality.wrongSize")]
    [InlineData("nonQuality.wrongColor")]
    [InlineData("nonQuality.other")]
    public void Discount_for_a_buyers_personal_reason_is_refused(string reason)
    {
        var builder = new CaseBuilder().Discount().WithReason(reason).WithCompensation(5.00m);

        var error = Assert.Throws<PolicyViolationException>(() => builder.Open(Actors.Agent));

        Assert.Equal(PolicyCodes.ReasonNotEligible, error.Code);
    }

    [Theory]
    [InlineData("quality.defective", Responsibility.Seller)]
    [InlineData("quality.notAsDescribed", Responsibility.Seller)]
    [InlineData("logistics.damagedInTransit", Responsibility.Courier)]
    public void Discount_compensates_a_quality_or_transit_defect(string reason, Responsibility responsibility)
    {
        var @case = new CaseBuilder().Discount().WithReason(reason).WithCompensation(5.00m).Open(Actors.Agent);

        Assert.Equal(CaseStatus.Approved, @case.Status);
        Assert.Equal(responsibility, @case.Responsibility);
    }

    [Fact]
    public void Discount_outside_its_window_awaits_a_supervisor_even_within_the_cap()
    {
        // Quality window: delivered + 30 days (the order was never marked completed).
        var builder = new CaseBuilder().Discount().DeliveredAt(CaseBuilder.Start.AddDays(-31)).CompletedAt(null)
            .WithCompensation(5.00m);

        var @case = builder.Open(Actors.Agent);

        Assert.True(@case.OutsideWindow);
        Assert.Equal(CaseStatus.AwaitingApproval, @case.Status);
        Assert.Null(@case.Compensation!.ApprovedBy);
    }

    [Fact]
    public void Discount_at_the_last_instant_of_its_window_is_the_agents_call()
    {
        var builder = new CaseBuilder().Discount().DeliveredAt(CaseBuilder.Start.AddDays(-30)).CompletedAt(null)
            .WithCompensation(5.00m);

        var @case = builder.Open(Actors.Agent);

        Assert.False(@case.OutsideWindow);
        Assert.Equal(CaseStatus.Approved, @case.Status);
    }
}
