using Returns.Domain.Cases;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Policies;

/// <summary>The warehouse can only confirm what the case claims.</summary>
public sealed class ConfirmReceiptTests
{
    [Fact]
    public void Receipt_of_a_sku_outside_the_case_is_refused()
    {
        var builder = new CaseBuilder();
        var @case = builder.In(CaseStatus.ReturnInTransit);

        var error = Assert.Throws<PolicyViolationException>(() =>
            @case.ConfirmReceipt([("SKU-SOCKS", 1, ItemCondition.Resaleable)], null, builder.At(Actors.Warehouse)));

        Assert.Equal(PolicyCodes.ItemNotInCase, error.Code);
    }

    [Fact]
    public void Receipt_of_an_order_line_the_case_does_not_claim_is_refused()
    {
        var builder = new CaseBuilder()
            .WithLines(new OrderItem("SKU-TEE-M", "T-shirt", 2, 99m), new OrderItem("SKU-CAP", "Cap", 1, 39m))
            .Claiming(new CaseItem("SKU-TEE-M", 2));
        var @case = builder.In(CaseStatus.ReturnInTransit);

        var error = Assert.Throws<PolicyViolationException>(() =>
            @case.ConfirmReceipt([("SKU-TEE-M", 2, ItemCondition.Resaleable), ("SKU-CAP", 1, ItemCondition.Resaleable)],
                null, builder.At(Actors.Warehouse)));

        Assert.Equal(PolicyCodes.ItemNotInCase, error.Code);
    }

    [Fact]
    public void Receipt_of_more_units_than_claimed_is_refused()
    {
        var builder = new CaseBuilder();
        var @case = builder.In(CaseStatus.ReturnInTransit);

        var error = Assert.Throws<PolicyViolationException>(() =>
            @case.ConfirmReceipt([(CaseBuilder.Sku, 3, ItemCondition.Resaleable)], null, builder.At(Actors.Warehouse)));

        Assert.Equal(PolicyCodes.ItemNotInCase, error.Code);
    }

    [Fact]
    public void Receipt_lines_of_one_sku_are_added_up_against_the_claim()
    {
        var builder = new CaseBuilder();
        var @case = builder.In(CaseStatus.ReturnInTransit);

        var error = Assert.Throws<PolicyViolationException>(() =>
            @case.ConfirmReceipt(
                [(CaseBuilder.Sku, 2, ItemCondition.Resaleable), (CaseBuilder.Sku, 1, ItemCondition.Damaged)],
                null, builder.At(Actors.Warehouse)));

        Assert.Equal(PolicyCodes.ItemNotInCase, error.Code);
    }

    [Fact]
    public void Refused_receipt_changes_nothing()
    {
        var builder = new CaseBuilder();
        var @case = builder.In(CaseStatus.ReturnInTransit);
        var version = @case.Version;
        var entries = @case.NewTimelineEntries.Count;

        Assert.Throws<PolicyViolationException>(() =>
            @case.ConfirmReceipt([("SKU-SOCKS", 1, ItemCondition.Resaleable)], null, builder.At(Actors.Warehouse)));

        Assert.Equal(CaseStatus.ReturnInTransit, @case.Status);
        Assert.Null(@case.Inspection);
        Assert.Equal(version, @case.Version);
        Assert.Equal(entries, @case.NewTimelineEntries.Count);
    }
}
