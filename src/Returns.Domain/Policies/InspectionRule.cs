using Returns.Domain.Cases;

namespace Returns.Domain.Policies;

/// <summary>
/// docs/design.md §2: an item passes when it is the right item and complete; when the buyer is responsible it must
/// also be resaleable (不影响二次销售, F0-l Q15); when the shop or courier is, damage is the confirmed defect.
/// Quality problems are the shop's loss (F0-r 质量问题我们承担): when the shop's reason is missing parts or a wrong
/// item and the warehouse confirms exactly that, it is the reported defect and passes too; any other missing part or
/// wrong item is not what the buyer claimed and fails.
/// </summary>
public static class InspectionRule
{
    public static bool Passes(ItemCondition condition, Reason reason) => condition switch
    {
        ItemCondition.MissingParts => reason.Code == "quality.missingParts",
        ItemCondition.WrongItem => reason.Code == "quality.wrongItem",
        ItemCondition.Resaleable => true,
        _ => reason.Responsibility != Responsibility.Buyer,
    };
}
