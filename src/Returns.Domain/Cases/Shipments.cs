namespace Returns.Domain.Cases;

/// <summary>The parcel the buyer sends back. Postage is what the buyer advanced (垫付邮费).</summary>
public sealed record ReturnShipment(string Carrier, string TrackingNumber, decimal Postage, DateTimeOffset RecordedAt)
{
    /// <summary>Tracking numbers are matched ignoring case and surrounding blanks (scanners add both).</summary>
    public static string Normalize(string trackingNumber) => trackingNumber.Trim().ToUpperInvariant();
}

public sealed record ReplacementShipment(string Carrier, string TrackingNumber, DateTimeOffset ShippedAt);

/// <summary>Condition the warehouse records per item at receipt.</summary>
public enum ItemCondition
{
    /// <summary>不影响二次销售.</summary>
    Resaleable,
    Damaged,
    Used,
    MissingParts,
    WrongItem,
}

public sealed record InspectedItem(string Sku, int Quantity, ItemCondition Condition, bool Passed);

public sealed record Inspection(IReadOnlyList<InspectedItem> Items, string? Note, string InspectedBy, DateTimeOffset InspectedAt)
{
    public int AcceptedQuantity(string sku) => Items.Where(i => i.Sku == sku && i.Passed).Sum(i => i.Quantity);
}

public enum PayoutMethod
{
    /// <summary>The buyer files a refund request on the marketplace; we record its reference.</summary>
    PlatformRefund,

    /// <summary>充值到支付宝: a transfer to the buyer's Alipay with a payment record (打款记录).</summary>
    AlipayTransfer,
}

public sealed record RefundRecord(decimal Amount, PayoutMethod Method, string? Reference, string RefundedBy, DateTimeOffset RefundedAt);
