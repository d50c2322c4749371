namespace Returns.Domain.Cases;

/// <summary>Why a return or exchange is refused: the code integrations and reports read, besides the text the buyer reads.</summary>
public enum RejectionCode
{
    OutsideWindow,
    NotResaleable,
    ProductExcluded,
    NoEvidence,
    BuyerWithdrew,
    Duplicate,
    Other,
}

public sealed record RejectionReason(RejectionCode Code, string NameZh, string NameEn, bool RefusesNoReasonReturn, string? Condition);

/// <summary>
/// The rejection catalog. F0-l Q15 (答案 A 是错的): a 7-day no-reason return inside its window may not be refused for want
/// of a quality problem, a photo or any other reason of the shop's; it may be refused only when the goods came back not
/// resaleable (影响二次销售, after inspection), the product is excluded from the programme, the buyer withdrew, or it
/// duplicates another request.
/// </summary>
public static class RejectionReasons
{
    public static readonly IReadOnlyList<RejectionReason> All =
    [
        new(RejectionCode.OutsideWindow, "超出售后期限", "Outside the after-sales window", false, null),
        new(RejectionCode.NotResaleable, "退回商品影响二次销售", "Returned goods not resaleable", true, "after the warehouse inspected the goods"),
        new(RejectionCode.ProductExcluded, "商品不支持七天无理由", "Product excluded from 7-day no-reason returns", true, null),
        new(RejectionCode.NoEvidence, "未提供凭证", "No evidence provided", false, null),
        new(RejectionCode.BuyerWithdrew, "买家撤销申请", "The buyer withdrew the request", true, null),
        new(RejectionCode.Duplicate, "重复申请", "Duplicate request", true, null),
        new(RejectionCode.Other, "其他原因", "Other reason", false, null),
    ];

    public static RejectionReason Get(RejectionCode code) => All.Single(r => r.Code == code);
}
