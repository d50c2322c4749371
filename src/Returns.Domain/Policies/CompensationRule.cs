namespace Returns.Domain.Policies;

/// <summary>
/// F0-r 客户也不愿意耽误时间换货…补偿通常不能超过邮费: a discount (折价) stands in for the exchange the buyer does not want, so
/// an agent may grant up to the postage that exchange would cost the shop. That is the order's shipping fee when the buyer
/// paid one; on a free-shipping (包邮) order, or when the fee is unknown, the shop still pays a courier, so the cap is
/// the shop's <see cref="ShopPolicy.DefaultCompensationCap"/>.
/// </summary>
public static class CompensationRule
{
    public static decimal Cap(decimal? shippingFee, ShopPolicy policy) =>
        shippingFee is > 0m ? shippingFee.Value : policy.DefaultCompensationCap;
}
