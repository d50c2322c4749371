namespace Returns.Domain.Cases;

/// <summary>Kinds of after-sales case (售后工单), each with its own workflow (docs/design.md §2).</summary>
public enum CaseType
{
    /// <summary>退货退款: goods back, money back.</summary>
    Return,

    /// <summary>换货: goods back, replacement out.</summary>
    Exchange,

    /// <summary>折价补偿: the buyer keeps the goods and gets part of the money back.</summary>
    Discount,

    /// <summary>中差评: recover a medium or bad review.</summary>
    BadReview,
}
