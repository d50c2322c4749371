using Returns.Domain.Cases;

namespace Returns.Domain.Policies;

/// <summary>
/// What an order's other cases already gave back to the buyer (refunds and payouts), and the return postage the shop owes
/// on them: what <see cref="OrderTotalRule"/> weighs a new refund or payout against. The caller loads those cases.
/// </summary>
public sealed record OrderMoney(decimal Returned, decimal PostageOwed)
{
    public static readonly OrderMoney Nothing = new(0m, 0m);

    /// <summary>The money of <paramref name="cases"/>: the order's cases other than the one acting (same shop and order number).</summary>
    public static OrderMoney Of(IEnumerable<Case> cases) =>
        cases.Aggregate(Nothing, (sum, c) => new OrderMoney(sum.Returned + c.Refunded, sum.PostageOwed + c.PostageRepayable));
}

/// <summary>
/// Never more than the buyer paid (docs/business-rules.md §3.6), over all cases of one order: refunds and payouts
/// together stay within the goods, the shipping fee and the return postage the shop owes back.
/// </summary>
public static class OrderTotalRule
{
    /// <summary>What the order is worth to the buyer: goods + shipping fee + the return postage owed on its cases.</summary>
    public static decimal Paid(OrderSnapshot order, decimal postageOwed) =>
        Money.Round(order.GoodsTotal + (order.ShippingFee ?? 0m) + postageOwed);

    /// <summary>
    /// Refuses paying <paramref name="amount"/> on <paramref name="case"/> when, with what this case and
    /// <paramref name="others"/> already returned, the order's total would pass what was paid (422 <c>exceeds-order-total</c>).
    /// </summary>
    public static void EnsureWithin(Case @case, OrderMoney others, decimal amount)
    {
        var paid = Paid(@case.Order, @case.PostageRepayable + others.PostageOwed);
        var total = Money.Round(others.Returned + @case.Refunded + amount);
        if (total > paid)
            throw new PolicyViolationException(PolicyCodes.ExceedsOrderTotal,
                $"Refunds and payouts on order {@case.OrderNumber} would come to {total:0.00}, more than the {paid:0.00} paid for it " +
                $"(goods, shipping fee and the return postage owed); {others.Returned + @case.Refunded:0.00} went back already.");
    }
}
