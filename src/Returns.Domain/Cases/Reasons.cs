namespace Returns.Domain.Cases;

public sealed record Reason(string Code, Responsibility Responsibility, string NameZh, string NameEn)
{
    /// <summary>Quality reasons need a photo before approval (F0-r: 寄回商品前需要客户提供质量问题商品的照片).</summary>
    public bool IsQuality => Code.StartsWith("quality.", StringComparison.Ordinal);
}

/// <summary>The reason catalog of docs/design.md §2: code → responsibility.</summary>
public static class ReasonCatalog
{
    public static readonly IReadOnlyList<Reason> All =
    [
        new("quality.defective", Responsibility.Seller, "质量问题", "Defective"),
        new("quality.damaged", Responsibility.Seller, "商品破损", "Damaged"),
        new("quality.expired", Responsibility.Seller, "商品过期", "Expired"),
        new("quality.wrongItem", Responsibility.Seller, "发错货", "Wrong item sent"),
        new("quality.missingParts", Responsibility.Seller, "少件/缺配件", "Missing parts"),
        new("quality.notAsDescribed", Responsibility.Seller, "与描述不符", "Not as described"),
        new("logistics.damagedInTransit", Responsibility.Courier, "运输途中损坏", "Damaged in transit"),
        new("logistics.lost", Responsibility.Courier, "快件丢失", "Lost parcel"),
        new("nonQuality.changedMind", Responsibility.Buyer, "不喜欢/不想要", "Changed mind"),
        new("nonQuality.wrongSize", Responsibility.Buyer, "尺码不合适", "Wrong size"),
        new("nonQuality.wrongColor", Responsibility.Buyer, "颜色不喜欢", "Wrong colour"),
        new("nonQuality.other", Responsibility.Buyer, "其他个人原因", "Other personal reason"),
    ];

    private static readonly Dictionary<string, Reason> ByCode = All.ToDictionary(r => r.Code, StringComparer.Ordinal);

    public static bool TryGet(string? code, out Reason reason)
    {
        reason = null!;
        return code is not null && ByCode.TryGetValue(code, out reason!);
    }

    public static Reason Get(string code) =>
        ByCode.TryGetValue(code, out var reason) ? reason : throw new ArgumentException($"Unknown reason '{code}'.", nameof(code));
}
