namespace Returns.Domain.Cases;

/// <summary>Who is at fault, derived from the reason. Decides who pays the return postage.</summary>
public enum Responsibility
{
    /// <summary>Quality problems: the shop pays (质量问题我们承担邮费).</summary>
    Seller,

    /// <summary>Transit damage or loss: the shop pays the buyer, then claims from the courier.</summary>
    Courier,

    /// <summary>Personal reasons (非质量问题): the buyer pays postage.</summary>
    Buyer,
}
