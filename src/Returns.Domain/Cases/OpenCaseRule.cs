namespace Returns.Domain.Cases;

/// <summary>
/// No duplicate cases: an order item is in one open return, exchange or discount at a time; an order has one open
/// discount and one open bad review at a time, so a repeated feed or a double click creates nothing.
/// </summary>
public static class OpenCaseRule
{
    /// <summary>Refuses <paramref name="opening"/> when it repeats one of <paramref name="casesOfOrder"/> (the order's cases in the shop).</summary>
    public static void EnsureNoDuplicate(Case.Opening opening, IEnumerable<Case> casesOfOrder)
    {
        var open = casesOfOrder.Where(c => c.Status.IsOpen() && c.Shop == opening.Shop && c.OrderNumber == opening.Order.OrderNumber).ToList();
        var sameType = open.FirstOrDefault(c => c.Type == opening.Type && opening.Type is CaseType.Discount or CaseType.BadReview);
        if (sameType is not null)
            throw new PolicyViolationException(
                opening.Type == CaseType.Discount ? PolicyCodes.OpenDiscountExists : "open-bad-review-exists",
                $"Order {opening.Order.OrderNumber} already has open case {sameType.Number} of this type.");
        if (opening.Type == CaseType.BadReview) return;
        var clash = open.Where(c => c.Type != CaseType.BadReview)
            .SelectMany(c => c.Items.Select(i => (c.Number, i.Sku)))
            .FirstOrDefault(x => opening.Items.Any(i => i.Sku == x.Sku));
        if (clash != default)
            throw new PolicyViolationException(PolicyCodes.ItemsUnderOpenCase,
                $"SKU '{clash.Sku}' of order {opening.Order.OrderNumber} is already in open case {clash.Number}.");
    }
}
