using Returns.Domain.Cases;

namespace Returns.Domain.Policies;

/// <summary>
/// Refund due = accepted items + the buyer's return postage when the shop or courier is responsible
/// (capped), nothing for postage when the buyer is (F0-r: 质量问题我们承担邮费 / 非质量问题客户承担邮费).
/// </summary>
public static class RefundRule
{
    public static decimal PostageReimbursement(Responsibility responsibility, decimal postage, ShopPolicy policy) =>
        responsibility == Responsibility.Buyer ? 0m : Money.Round(Math.Min(postage, policy.PostageReimbursementCap));

    /// <summary>Value of the items: accepted ones once inspected, the claimed ones before.</summary>
    public static decimal ItemsTotal(OrderSnapshot order, IEnumerable<CaseItem> items, Inspection? inspection) =>
        Money.Round(items.Sum(item =>
        {
            var unitPrice = order.Find(item.Sku)?.UnitPrice ?? 0m;
            var quantity = inspection is null ? item.Quantity : Math.Min(item.Quantity, inspection.AcceptedQuantity(item.Sku));
            return unitPrice * quantity;
        }));
}
