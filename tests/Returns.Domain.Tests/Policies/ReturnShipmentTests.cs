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
    [InlineData("quality.defective", 45.00, 30.00)]
    [InlineData("quality.notAsDescribed", 18.50, 18.50)]
    [InlineData("logistics.damagedInTransit", 12.00, 12.00)]
    [InlineData("logistics.lost", 45.00, 30.00)]
    [InlineData("nonQuality.changedMind", 12.00, 0.00)]
    [InlineData("nonQuality.wrongSize", 45.00, 0.00)]
    public void Postage_is_reimbursed_up_to_the_cap_only_when_seller_or_courier_is_responsible(string reason, decimal postage, decimal reimbursed)
    {
        var builder = new CaseBuilder().WithReason(reason);
        var @case = builder.In(CaseStatus.AwaitingReturnShipment);

        @case.RecordReturnShipment("SF Express", "sf1234567890", postage, false, builder.At(Actors.Agent));

        Assert.Equal(reimbursed, @case.PostageReimbursement);
    }

    [Fact]
    public void Postage_reimbursement_follows_the_shop_cap()
    {
        var reimbursed = RefundRule.PostageReimbursement(Responsibility.Seller, 25.00m, new ShopPolicy { PostageReimbursementCap = 20.00m });

        Assert.Equal(20.00m, reimbursed);
    }

    [Fact]
    public void Postage_reimbursement_is_rounded_to_the_fen()
    {
        var reimbursed = RefundRule.PostageReimbursement(Responsibility.Courier, 12.345m, ShopPolicy.Default);

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
