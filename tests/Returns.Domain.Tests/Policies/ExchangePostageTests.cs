using Returns.Domain.Cases;
using Returns.Domain.Policies;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Policies;

/// <summary>
/// Issue 13 item 1, F0-r 质量问题退换货需要亲先垫付邮费。我们收到商品后会及时给亲退款或者充值到支付宝: an exchange for the
/// shop's or the courier's fault owes the buyer the return postage (never the goods, which are replaced); it completes
/// only when the replacement is delivered and that postage is paid. The builder's order: 2 × 99.00, postage 12.00.
/// </summary>
public sealed class ExchangePostageTests
{
    private static (Case Case, CaseBuilder Builder) QualityExchange(CaseStatus state, string reason = "quality.defective")
    {
        var builder = new CaseBuilder().Exchange().WithReason(reason);
        return (builder.In(state), builder);
    }

    [Fact]
    public void A_quality_exchange_owes_the_postage_not_the_goods()
    {
        var (@case, _) = QualityExchange(CaseStatus.ReplacementPending);

        Assert.Equal(CaseBuilder.ReturnPostage, @case.PostageReimbursement);
        Assert.Equal(CaseBuilder.ReturnPostage, @case.RefundDue);
        Assert.Equal(CaseBuilder.ReturnPostage, @case.PostageOwed);
    }

    [Fact]
    public void The_postage_is_paid_after_receipt_and_the_delivered_exchange_completes()
    {
        var (@case, builder) = QualityExchange(CaseStatus.ReplacementPending);

        @case.RefundPostage(12.00m, PayoutMethod.AlipayTransfer, "2026110122001", builder.At(Actors.Agent));
        Assert.Equal(CaseStatus.ReplacementPending, @case.Status);
        Assert.Equal(0m, @case.PostageOwed);
        Assert.DoesNotContain("refund-postage", @case.AllowedActions(Actors.Agent));
        @case.ShipReplacement("YTO", "yt1", builder.At(Actors.Warehouse));
        @case.ConfirmDelivery(builder.At(Actors.Agent));

        Assert.Equal(CaseStatus.Completed, @case.Status);
        Assert.Equal(12.00m, @case.Refunded);
        Assert.Equal(new RefundRecord(12.00m, PayoutMethod.AlipayTransfer, "2026110122001", Actors.Agent.Name, builder.Now), @case.Refunds.Single());
    }

    [Fact]
    public void A_delivered_exchange_with_the_postage_unpaid_waits_for_the_refund()
    {
        var (@case, builder) = QualityExchange(CaseStatus.ReplacementShipped);

        @case.ConfirmDelivery(builder.At(Actors.Agent));
        Assert.Equal(CaseStatus.RefundPending, @case.Status);
        Assert.Equal(12.00m, @case.RefundDue);

        // The goods were replaced: refunding them too is more than is due.
        var error = Assert.Throws<PolicyViolationException>(() =>
            @case.Refund(12.00m + 198.00m, PayoutMethod.PlatformRefund, "TB-RF-9", builder.At(Actors.Agent)));
        Assert.Equal(PolicyCodes.RefundExceedsDue, error.Code);

        @case.Refund(12.00m, PayoutMethod.PlatformRefund, "TB-RF-9", builder.At(Actors.Agent));
        Assert.Equal(CaseStatus.Completed, @case.Status);
        Assert.Equal(12.00m, @case.Refunded);
    }

    [Fact]
    public void A_partly_paid_postage_leaves_the_rest_owed()
    {
        var (@case, builder) = QualityExchange(CaseStatus.ReplacementShipped);

        @case.RefundPostage(5.00m, PayoutMethod.PlatformRefund, null, builder.At(Actors.Agent));
        @case.ConfirmDelivery(builder.At(Actors.Agent));

        Assert.Equal(CaseStatus.RefundPending, @case.Status);
        Assert.Equal(7.00m, @case.PostageOwed);
    }

    [Fact]
    public void More_than_the_postage_owed_is_refused_and_changes_nothing()
    {
        var (@case, builder) = QualityExchange(CaseStatus.ReplacementPending);
        var version = @case.Version;

        var error = Assert.Throws<PolicyViolationException>(() =>
            @case.RefundPostage(12.01m, PayoutMethod.PlatformRefund, null, builder.At(Actors.Supervisor)));

        Assert.Equal(PolicyCodes.RefundExceedsDue, error.Code);
        Assert.Empty(@case.Refunds);
        Assert.Equal(version, @case.Version);
    }

    [Fact]
    public void An_exchange_for_the_buyers_own_reason_owes_no_postage()
    {
        var (@case, builder) = QualityExchange(CaseStatus.ReplacementPending, "nonQuality.wrongSize");

        var error = Assert.Throws<PolicyViolationException>(() =>
            @case.RefundPostage(12.00m, PayoutMethod.PlatformRefund, null, builder.At(Actors.Agent)));

        Assert.Equal(PolicyCodes.NoPostageOwed, error.Code);
        Assert.Equal(0m, @case.RefundDue);
        Assert.DoesNotContain("refund-postage", @case.AllowedActions(Actors.Agent));
        @case.ShipReplacement("YTO", "yt1", builder.At(Actors.Warehouse));
        @case.ConfirmDelivery(builder.At(Actors.Agent));
        Assert.Equal(CaseStatus.Completed, @case.Status);
    }

    [Fact]
    public void An_exchange_converted_to_a_refund_owes_the_goods_and_the_postage()
    {
        var (@case, builder) = QualityExchange(CaseStatus.ReplacementPending);

        @case.ConvertToRefund("L 码缺货", builder.At(Actors.Agent));

        Assert.Equal(198.00m + 12.00m, @case.RefundDue);
        Assert.Equal(0m, @case.PostageOwed);
    }

    [Fact]
    public void Postage_above_a_shop_cap_is_paid_by_a_supervisor()
    {
        var builder = new CaseBuilder().Exchange().WithReason("quality.defective")
            .WithPolicy(ShopPolicy.Default with { PostageReimbursementCap = 10.00m });
        var @case = builder.In(CaseStatus.ReplacementPending);

        var error = Assert.Throws<PolicyViolationException>(() =>
            @case.RefundPostage(12.00m, PayoutMethod.PlatformRefund, null, builder.At(Actors.Agent)));
        Assert.Equal(PolicyCodes.SupervisorRequired, error.Code);

        @case.RefundPostage(12.00m, PayoutMethod.PlatformRefund, null, builder.At(Actors.Supervisor));
        Assert.Equal(0m, @case.PostageOwed);
    }
}
