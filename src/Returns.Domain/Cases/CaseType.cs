namespace Returns.Domain.Cases;

/// <summary>Kinds of after-sales case (售后工单). Discount and bad-review cases follow in their own workflows.</summary>
public enum CaseType
{
    /// <summary>退货退款: goods back, money back.</summary>
    Return,

    /// <summary>换货: goods back, replacement out.</summary>
    Exchange,
}
