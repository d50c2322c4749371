using Returns.Domain.Cases;

namespace Returns.Domain.Policies;

/// <summary>
/// Refund due = accepted items + the buyer's return postage when the shop or courier is responsible, nothing for
/// postage when the buyer is (F0-r: 质量问题我们承担邮费 / 非质量问题客户承担邮费).
/// </summary>
public static class RefundRule
{
    public static decimal PostageReimbursement(Responsibility responsibility, decimal postage) =>
        responsibility == Responsibility.Buyer ? 0m : Money.Round(postage);

    /// <summary>The part of the postage owed above the shop's cap, if it set one: an agent may not refund it alone.</summary>
    public static decimal PostageAboveCap(decimal postageReimbursement, ShopPolicy policy) =>
        policy.PostageReimbursementCap is { } cap && postageReimbursement > cap ? Money.Round(postageReimbursement - cap) : 0m;

    /// <summary>Value of the items: accepted ones once inspected, the claimed ones before.</summary>
    public static decimal ItemsTotal(OrderSnapshot order, IEnumerable<CaseItem> items, Inspection? inspection) =>
        Money.Round(items.Sum(item =>
        {
            var unitPrice = order.Find(item.Sku)?.UnitPrice ?? 0m;
            var quantity = inspection is null ? item.Quantity : Math.Min(item.Quantity, inspection.AcceptedQuantity(item.Sku));
            return unitPrice * quantity;
        }));
}
