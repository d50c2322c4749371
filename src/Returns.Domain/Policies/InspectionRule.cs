using Returns.Domain.Cases;

namespace Returns.Domain.Policies;

/// <summary>
/// docs/design.md §2: an item passes when it is the right item and complete; when the buyer is responsible it must
/// also be resaleable (不影响二次销售, F0-l Q15); when the shop or courier is, damage is the confirmed defect.
/// </summary>
public static class InspectionRule
{
    public static bool Passes(ItemCondition condition, Responsibility responsibility) => condition switch
    {
        ItemCondition.WrongItem or ItemCondition.MissingParts => false,
        ItemCondition.Resaleable => true,
        _ => responsibility != Responsibility.Buyer,
    };
}
