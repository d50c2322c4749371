using Returns.Domain.Cases;
using Returns.Domain.Policies;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Policies;

/// <summary>docs/design.md §2: right item and complete; resaleable when the buyer is responsible; damage passes otherwise.</summary>
public sealed class InspectionRuleTests
{
    // Reasons stand for their responsibility: quality.defective (seller), logistics.damagedInTransit (courier),
    // nonQuality.changedMind (buyer); missing parts and a wrong item pass only when they are the reported defect.
    [Theory]
    [InlineData(ItemCondition.Resaleable, "quality.defective", true)]
    [InlineData(ItemCondition.Resaleable, "logistics.damagedInTransit", true)]
    [InlineData(ItemCondition.Resaleable, "nonQuality.changedMind", true)]
    [InlineData(ItemCondition.Damaged, "quality.defective", true)]
    [InlineData(ItemCondition.Damaged, "logistics.damagedInTransit", true)]
    [InlineData(ItemCondition.Damaged, "nonQuality.changedMind", false)]
    [InlineData(ItemCondition.Used, "quality.defective", true)]
    [InlineData(ItemCondition.Used, "logistics.damagedInTransit", true)]
    [InlineData(ItemCondition.Used, "nonQuality.changedMind", false)]
    [InlineData(ItemCondition.MissingParts, "quality.missingParts", true)]
    [InlineData(ItemCondition.MissingParts, "quality.defective", false)]
    [InlineData(ItemCondition.MissingParts, "quality.wrongItem", false)]
    [InlineData(ItemCondition.MissingParts, "logistics.damagedInTransit", false)]
    [InlineData(ItemCondition.MissingParts, "nonQuality.changedMind", false)]
    [InlineData(ItemCondition.WrongItem, "quality.wrongItem", true)]
    [InlineData(ItemCondition.WrongItem, "quality.missingParts", false)]
    [InlineData(ItemCondition.WrongItem, "quality.defective", false)]
    [InlineData(ItemCondition.WrongItem, "logistics.lost", false)]
    [InlineData(ItemCondition.WrongItem, "nonQuality.wrongSize", false)]
    public void Item_passes_inspection_by_condition_and_reason(ItemCondition condition, string reason, bool passes)
    {
        Assert.Equal(passes, InspectionRule.Passes(condition, ReasonCatalog.Get(reason)));
    }

    // Issue 13 item 3: the shop forgot a part, the warehouse confirms the part is missing: the goods are due.
    [Theory]
    [InlineData("quality.missingParts", ItemCondition.MissingParts)]
    [InlineData("quality.wrongItem", ItemCondition.WrongItem)]
    public void Seller_fault_missing_parts_confirmed_at_the_warehouse_pass_inspection(string reason, ItemCondition condition)
    {
        var builder = new CaseBuilder().WithReason(reason);
        var @case = builder.In(CaseStatus.ReturnInTransit);

        @case.ConfirmReceipt(builder.AllItems(condition), null, builder.At(Actors.Warehouse));

        Assert.Equal(CaseStatus.RefundPending, @case.Status);
        Assert.Equal(@case.Order.GoodsTotal, @case.ItemsTotal);
    }

    [Fact]
    public void A_different_defect_than_the_one_reported_still_fails()
    {
        var builder = new CaseBuilder().WithReason("quality.missingParts");
        var @case = builder.In(CaseStatus.ReturnInTransit);

        @case.ConfirmReceipt(builder.AllItems(ItemCondition.WrongItem), null, builder.At(Actors.Warehouse));

        Assert.Equal(CaseStatus.InspectionFailed, @case.Status);
    }

    [Fact]
    public void Damaged_goods_of_a_quality_return_are_the_confirmed_defect()
    {
        var builder = new CaseBuilder().WithReason("quality.damaged");
        var @case = builder.In(CaseStatus.ReturnInTransit);

        @case.ConfirmReceipt(builder.AllItems(ItemCondition.Damaged), null, builder.At(Actors.Warehouse));

        Assert.Equal(CaseStatus.RefundPending, @case.Status);
        Assert.True(@case.InspectionPassed);
    }

    [Fact]
    public void Used_goods_of_a_no_reason_return_fail_inspection()
    {
        var builder = new CaseBuilder().WithReason("nonQuality.changedMind");
        var @case = builder.In(CaseStatus.ReturnInTransit);

        @case.ConfirmReceipt(builder.AllItems(ItemCondition.Used), null, builder.At(Actors.Warehouse));

        Assert.Equal(CaseStatus.InspectionFailed, @case.Status);
        Assert.All(@case.Inspection!.Items, item => Assert.False(item.Passed));
    }

    [Fact]
    public void Inspection_is_recorded_with_each_item_verdict()
    {
        var builder = new CaseBuilder().WithReason("quality.defective");
        var @case = builder.In(CaseStatus.ReturnInTransit);

        @case.ConfirmReceipt(
            [(CaseBuilder.Sku, 1, ItemCondition.Damaged), (CaseBuilder.Sku, 1, ItemCondition.WrongItem)],
            "Second unit is another brand.", builder.At(Actors.Warehouse));

        var inspection = @case.Inspection!;
        Assert.Equal(
            [new InspectedItem(CaseBuilder.Sku, 1, ItemCondition.Damaged, true), new InspectedItem(CaseBuilder.Sku, 1, ItemCondition.WrongItem, false)],
            inspection.Items);
        Assert.Equal("Second unit is another brand.", inspection.Note);
        Assert.Equal(Actors.Warehouse.Name, inspection.InspectedBy);
        Assert.Equal(1, inspection.AcceptedQuantity(CaseBuilder.Sku));
    }
}
