using Returns.Domain.Cases;
using Returns.Domain.Policies;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Policies;

/// <summary>docs/design.md §2: right item and complete; resaleable when the buyer is responsible; damage passes otherwise.</summary>
public sealed class InspectionRuleTests
{
    [Theory]
    [InlineData(ItemCondition.Resaleable, Responsibility.Seller, true)]
    [InlineData(ItemCondition.Resaleable, Responsibility.Courier, true)]
    [InlineData(ItemCondition.Resaleable, Responsibility.Buyer, true)]
    [InlineData(ItemCondition.Damaged, Responsibility.Seller, true)]
    [InlineData(ItemCondition.Damaged, Responsibility.Courier, true)]
    [InlineData(ItemCondition.Damaged, Responsibility.Buyer, false)]
    [InlineData(ItemCondition.Used, Responsibility.Seller, true)]
    [InlineData(ItemCondition.Used, Responsibility.Courier, true)]
    [InlineData(ItemCondition.Used, Responsibility.Buyer, false)]
    [InlineData(ItemCondition.MissingParts, Responsibility.Seller, false)]
    [InlineData(ItemCondition.MissingParts, Responsibility.Courier, false)]
    [InlineData(ItemCondition.MissingParts, Responsibility.Buyer, false)]
    [InlineData(ItemCondition.WrongItem, Responsibility.Seller, false)]
    [InlineData(ItemCondition.WrongItem, Responsibility.Courier, false)]
    [InlineData(ItemCondition.WrongItem, Responsibility.Buyer, false)]
    public void Item_passes_inspection_by_condition_and_responsibility(ItemCondition condition, Responsibility responsibility, bool passes)
    {
        Assert.Equal(passes, InspectionRule.Passes(condition, responsibility));
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
