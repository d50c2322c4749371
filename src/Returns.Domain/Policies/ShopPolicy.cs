namespace Returns.Domain.Policies;

/// <summary>A shop's after-sales rules. Defaults come from the sources (domain-spec §4); shops may override each.</summary>
public sealed record ShopPolicy
{
    /// <summary>F0-l Q7: quality after-sales within 30 days of transaction success.</summary>
    public int QualityWindowDays { get; init; } = 30;

    /// <summary>F0-l Q15: 7天无理由退换货, counted from delivery.</summary>
    public int NoReasonWindowDays { get; init; } = 7;

    /// <summary>Quality reasons need a photo before approval (F0-r).</summary>
    public bool EvidenceRequiredForQuality { get; init; } = true;

    /// <summary>Most return postage the shop reimburses when it is responsible (DESIGN §2).</summary>
    public decimal PostageReimbursementCap { get; init; } = 30.00m;

    /// <summary>Compensation cap when the order's shipping fee is unknown (DESIGN §2).</summary>
    public decimal DefaultCompensationCap { get; init; } = 10.00m;

    /// <summary>F0-l Q11: a review can be explained within 15 days of being posted.</summary>
    public int ReviewExplanationDays { get; init; } = 15;

    /// <summary>F0-l Q14: a medium/bad review can be revised within 30 days, then it is locked.</summary>
    public int ReviewRevisionDays { get; init; } = 30;

    public string Currency { get; init; } = Money.DefaultCurrency;

    public string TimeZone { get; init; } = "Asia/Shanghai";

    public static readonly ShopPolicy Default = new();
}
