using Returns.Domain.Cases;
using Returns.Domain.Policies;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Policies;

/// <summary>
/// Issue 19, item 10: over all cases of one order, refunds and payouts never pass what was paid for it — goods, shipping
/// fee and the return postage the shop owes back. The builder's order: 2 × 99.00, shipping fee 8.00; a quality return
/// gets its 12.00 postage back, so one such case alone may return at most 218.00.
/// </summary>
public sealed class OrderTotalTests
{
    private static (Case Case, CaseBuilder Builder) QualityReturnAwaitingRefund()
    {
        var builder = new CaseBuilder().WithReason("quality.defective");
        return (builder.In(CaseStatus.RefundPending), builder);
    }

    [Fact]
    public void The_order_is_worth_its_goods_its_shipping_fee_and_the_postage_owed()
    {
        var (@case, _) = QualityReturnAwaitingRefund();

        Assert.Equal(218.00m, OrderTotalRule.Paid(@case.Order, @case.PostageRepayable));
        Assert.Equal(206.00m, OrderTotalRule.Paid(@case.Order, 0m));
    }

    [Fact]
    public void A_refund_up_to_what_the_other_cases_left_passes()
    {
        var (@case, builder) = QualityReturnAwaitingRefund();

        @case.Refund(18.00m, PayoutMethod.PlatformRefund, "TB-RF-1", builder.At(Actors.Supervisor), new OrderMoney(200.00m, 0m));

        Assert.Equal(CaseStatus.Completed, @case.Status);
    }

    [Fact]
    public void A_refund_past_what_was_paid_over_the_orders_cases_is_refused_even_to_a_supervisor_and_changes_nothing()
    {
        var (@case, builder) = QualityReturnAwaitingRefund();
        var version = @case.Version;

        var error = Assert.Throws<PolicyViolationException>(() =>
            @case.Refund(18.01m, PayoutMethod.PlatformRefund, "TB-RF-1", builder.At(Actors.Supervisor), new OrderMoney(200.00m, 0m)));

        Assert.Equal(PolicyCodes.ExceedsOrderTotal, error.Code);
        Assert.Equal(CaseStatus.RefundPending, @case.Status);
        Assert.Equal(version, @case.Version);
        Assert.Empty(@case.Refunds);
    }

    [Fact]
    public void The_issues_order_refunded_in_full_on_one_case_takes_no_more_on_another()
    {
        // 398.00 of goods, 8.00 shipping, 16.00 postage back: 422.00, all of it refunded on the first case.
        var builder = new CaseBuilder().WithReason("nonQuality.changedMind").WithLine("DRESS-RED-M", 2, 199.00m);
        var second = builder.In(CaseStatus.RefundPending);
        var first = new OrderMoney(Returned: 422.00m, PostageOwed: 16.00m);

        var error = Assert.Throws<PolicyViolationException>(() =>
            second.Refund(111.00m, PayoutMethod.PlatformRefund, "TB-RF-2", builder.At(Actors.Supervisor), first));

        Assert.Equal(PolicyCodes.ExceedsOrderTotal, error.Code);
    }

    [Fact]
    public void A_discount_payout_past_what_the_order_was_paid_is_refused()
    {
        var builder = new CaseBuilder().Discount();
        var discount = builder.In(CaseStatus.Approved);

        var error = Assert.Throws<PolicyViolationException>(() =>
            discount.RecordPayout(PayoutMethod.AlipayTransfer, "2026110122009", null, null, builder.At(Actors.Supervisor),
                new OrderMoney(Returned: 200.00m, PostageOwed: 0m)));

        Assert.Equal(PolicyCodes.ExceedsOrderTotal, error.Code);
        Assert.Null(discount.Payout);
        discount.RecordPayout(PayoutMethod.AlipayTransfer, "2026110122009", 6.00m, null, builder.At(Actors.Supervisor),
            new OrderMoney(Returned: 200.00m, PostageOwed: 0m));
        Assert.Equal(CaseStatus.Completed, discount.Status);
    }

    [Fact]
    public void The_other_cases_money_is_their_refunds_and_payouts_and_the_postage_still_owed()
    {
        var returns = new CaseBuilder().WithReason("quality.defective");
        var refunded = returns.In(CaseStatus.Completed);
        var inTransit = returns.In(CaseStatus.ReturnInTransit);
        var dropped = returns.In(CaseStatus.ReturnInTransit);
        dropped.Cancel("The buyer withdrew.", returns.At(Actors.Agent));
        var paidOut = new CaseBuilder().Discount().In(CaseStatus.Completed);

        var money = OrderMoney.Of([refunded, inTransit, dropped, paidOut]);

        Assert.Equal(refunded.Refunded + paidOut.Refunded, money.Returned);
        Assert.Equal(210.00m + 15.00m, money.Returned);
        // A cancelled case owes no postage; the open and the completed one do.
        Assert.Equal(24.00m, money.PostageOwed);
    }
}
