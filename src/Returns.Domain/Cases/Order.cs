namespace Returns.Domain.Cases;

/// <summary>One line of the marketplace order, as the order system reported it.</summary>
public sealed record OrderItem(string Sku, string Name, int Quantity, decimal UnitPrice);

/// <summary>The order as it was when the case was logged: the case never re-reads the order system.</summary>
public sealed record OrderSnapshot(
    string OrderNumber,
    DateTimeOffset PaidAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? CompletedAt,
    decimal? ShippingFee,
    IReadOnlyList<OrderItem> Items)
{
    public OrderItem? Find(string sku) => Items.FirstOrDefault(i => i.Sku == sku);

    public decimal GoodsTotal => Items.Sum(i => i.UnitPrice * i.Quantity);
}

/// <summary>The buyer; <paramref name="ContactRemovedAt"/> says when the retention rule removed their phone.</summary>
public sealed record Buyer(string Nickname, string? Phone, DateTimeOffset? ContactRemovedAt = null);

/// <summary>An order line the buyer wants to send back (or exchange), with how many units.</summary>
public sealed record CaseItem(string Sku, int Quantity);

/// <summary>What the buyer wants instead, for an exchange (e.g. another size).</summary>
public sealed record ExchangeItem(string Sku, int Quantity, string? Name);
