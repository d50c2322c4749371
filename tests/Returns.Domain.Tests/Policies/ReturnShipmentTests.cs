using Returns.Domain.Cases;
using Returns.Domain.Policies;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Policies;

/// <summary>Recording the buyer's return parcel: no freight-collect, postage reimbursed by responsibility.</summary>
public sealed class ReturnShipmentTests
{
    [Fact]
    public void Freight_collect_return_parcel_is_refused()
    {
        var builder = new CaseBuilder();
        var @case = builder.In(CaseStatus.AwaitingReturnShipment);

        var error = Assert.Throws<PolicyViolationException>(() =>
            @case.RecordReturnShipment("SF Express", "sf1234567890", 12m, true, builder.At(Actors.Agent)));

        Assert.Equal(PolicyCodes.FreightCollectRefused, error.Code);
    }

    [Fact]
    public void Refused_freight_collect_parcel_leaves_the_case_awaiting_shipment()
    {
        var builder = new CaseBuilder().WithReason("quality.defective");
        var @case = builder.In(CaseStatus.AwaitingReturnShipment);
        var version = @case.Version;

        Assert.Throws<PolicyViolationException>(() =>
            @case.RecordReturnShipment("SF Express", "sf1234567890", 12m, true, builder.At(Actors.Agent)));

        Assert.Equal(CaseStatus.AwaitingReturnShipment, @case.Status);
        Assert.Equal(version, @case.Version);
        Assert.Null(@case.ReturnShipment);
        Assert.Null(@case.ReturnTrackingNumber);
        Assert.Equal(0m, @case.PostageReimbursement);
    }

    [Fact]
    public void Prepaid_return_parcel_is_recorded_with_a_normalized_tracking_number()
    {
        var builder = new CaseBuilder();
        var @case = builder.In(CaseStatus.AwaitingReturnShipment);

        @case.RecordReturnShipment(" SF Express ", " sf1234567890 ", 12m, false, builder.At(Actors.Agent));

        Assert.Equal(CaseStatus.ReturnInTransit, @case.Status);
        Assert.Equal(new ReturnShipment("SF Express", "sf1234567890", 12m, builder.Now), @case.ReturnShipment);
        Assert.Equal("SF1234567890", @case.ReturnTrackingNumber);
    }

    [Theory]
    [InlineData("quality.defective", 12.00, 12.00)]
    [InlineData("quality.defective", 30.00, 30.00)]
    [InlineData("quality.defective", 45.00, 45.00)]
    [InlineData("quality.notAsDescribed", 18.50, 18.50)]
    [InlineData("logistics.damagedInTransit", 12.00, 12.00)]
    [InlineData("logistics.lost", 45.00, 45.00)]
    [InlineData("nonQuality.changedMind", 12.00, 0.00)]
    [InlineData("nonQuality.wrongSize", 45.00, 0.00)]
    public void Postage_is_reimbursed_in_full_only_when_seller_or_courier_is_responsible(string reason, decimal postage, decimal reimbursed)
    {
        var builder = new CaseBuilder().WithReason(reason);
        var @case = builder.In(CaseStatus.AwaitingReturnShipment);

        @case.RecordReturnShipment("SF Express", "sf1234567890", postage, false, builder.At(Actors.Agent));

        Assert.Equal(reimbursed, @case.PostageReimbursement);
    }

    // Issue 13 item 8: the seeds repay the postage the buyer advanced without a limit (F0-r 质量问题我们承担邮费);
    // a shop's own cap sends the excess to a supervisor instead of dropping it.
    [Fact]
    public void A_shop_cap_keeps_the_postage_owed_but_an_agent_refunds_only_up_to_it()
    {
        var policy = ShopPolicy.Default with { PostageReimbursementCap = 20.00m };
        var builder = new CaseBuilder().WithReason("quality.defective").WithPolicy(policy);
        var @case = builder.In(CaseStatus.AwaitingReturnShipment);
        @case.RecordReturnShipment("SF Express", "sf1234567890", 25.00m, false, builder.At(Actors.Agent));
        @case.ConfirmReceipt(builder.AllItems(ItemCondition.Damaged), null, builder.At(Actors.Warehouse));
        var due = 2 * CaseBuilder.UnitPrice + 25.00m;

        Assert.Equal(25.00m, @case.PostageReimbursement);
        Assert.Equal(due, @case.RefundDue);
        var error = Assert.Throws<PolicyViolationException>(() =>
            @case.Refund(due, PayoutMethod.PlatformRefund, null, builder.At(Actors.Agent)));
        Assert.Equal(PolicyCodes.SupervisorRequired, error.Code);
        Assert.Empty(@case.Refunds);

        @case.Refund(due, PayoutMethod.PlatformRefund, null, builder.At(Actors.Supervisor));
        Assert.Equal(due, @case.Refunded);
        Assert.Equal(CaseStatus.Completed, @case.Status);
    }

    [Theory]
    [InlineData(null, 45.00, 0.00)]
    [InlineData(30.00, 30.00, 0.00)]
    [InlineData(30.00, 30.01, 0.01)]
    [InlineData(20.00, 25.00, 5.00)]
    public void Postage_above_the_shop_cap(double? cap, double postage, double above) =>
        Assert.Equal((decimal)above, RefundRule.PostageAboveCap((decimal)postage,
            ShopPolicy.Default with { PostageReimbursementCap = cap is null ? null : (decimal)cap.Value }));

    [Fact]
    public void Postage_reimbursement_is_rounded_to_the_fen()
    {
        var reimbursed = RefundRule.PostageReimbursement(Responsibility.Courier, 12.345m);

        Assert.Equal(12.35m, reimbursed);
    }

    [Fact]
    public void Quality_return_refund_due_includes_the_reimbursed_postage()
    {
        var builder = new CaseBuilder().WithReason("quality.defective");
        var @case = builder.In(CaseStatus.RefundPending);

        Assert.Equal(2 * CaseBuilder.UnitPrice, @case.ItemsTotal);
        Assert.Equal(2 * CaseBuilder.UnitPrice + CaseBuilder.ReturnPostage, @case.RefundDue);
    }

    [Fact]
    public void No_reason_return_refund_due_excludes_postage()
    {
        var builder = new CaseBuilder().WithReason("nonQuality.wrongColor");
        var @case = builder.In(CaseStatus.RefundPending);

        Assert.Equal(2 * CaseBuilder.UnitPrice, @case.RefundDue);
    }
}
