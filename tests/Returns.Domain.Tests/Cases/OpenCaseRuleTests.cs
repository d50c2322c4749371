using Returns.Domain.Cases;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Cases;

/// <summary>
/// No duplicate cases (<see cref="OpenCaseRule"/>): an order item is in one open return, exchange or discount at a
/// time; an order has one open discount and one open bad review at a time. Every case here is on the builder's order
/// TB-20261025-0001 of the shop tmall-flagship.
/// </summary>
public sealed class OpenCaseRuleTests
{
    private static Case.Opening Opening(CaseBuilder builder) => builder.Opening();

    [Theory]
    [InlineData(CaseType.Return, CaseType.Return)]
    [InlineData(CaseType.Return, CaseType.Exchange)]
    [InlineData(CaseType.Exchange, CaseType.Return)]
    [InlineData(CaseType.Return, CaseType.Discount)]
    [InlineData(CaseType.Discount, CaseType.Exchange)]
    public void Same_item_in_an_open_case_is_refused(CaseType existing, CaseType opening)
    {
        var open = new CaseBuilder().OfType(existing).Open();

        var error = Assert.Throws<PolicyViolationException>(() =>
            OpenCaseRule.EnsureNoDuplicate(Opening(new CaseBuilder().OfType(opening)), [open]));

        Assert.Equal(PolicyCodes.ItemsUnderOpenCase, error.Code);
        Assert.Contains(open.Number, error.Message, StringComparison.Ordinal);
        Assert.Contains(CaseBuilder.Sku, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_item_in_an_open_return_at_any_stage_is_refused()
    {
        var inTransit = new CaseBuilder().In(CaseStatus.ReturnInTransit);

        var error = Assert.Throws<PolicyViolationException>(() => OpenCaseRule.EnsureNoDuplicate(Opening(new CaseBuilder()), [inTransit]));

        Assert.Equal("items-under-open-case", error.Code);
    }

    [Fact]
    public void Second_open_discount_for_the_order_is_refused()
    {
        var lines = new[] { new OrderItem("SKU-TEE-M", "T-shirt", 2, 99m), new OrderItem("SKU-CAP", "Cap", 1, 39m) };
        var first = new CaseBuilder().Discount().WithLines(lines).Claiming(new CaseItem("SKU-TEE-M", 2)).Open();

        // Another item of the same order: still one open discount per order.
        var second = new CaseBuilder().Discount().WithLines(lines).Claiming(new CaseItem("SKU-CAP", 1));
        var error = Assert.Throws<PolicyViolationException>(() => OpenCaseRule.EnsureNoDuplicate(Opening(second), [first]));

        Assert.Equal("open-discount-exists", error.Code);
        Assert.Equal(PolicyCodes.OpenDiscountExists, error.Code);
        Assert.Contains(first.Number, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Second_open_bad_review_for_the_order_is_refused()
    {
        var first = new CaseBuilder().BadReview().In(CaseStatus.Contacting);

        var error = Assert.Throws<PolicyViolationException>(() =>
            OpenCaseRule.EnsureNoDuplicate(Opening(new CaseBuilder().BadReview()), [first]));

        Assert.Equal("open-bad-review-exists", error.Code);
    }

    [Theory]
    [InlineData(CaseType.Return, CaseStatus.Completed)]
    [InlineData(CaseType.Return, CaseStatus.Rejected)]
    [InlineData(CaseType.Return, CaseStatus.Cancelled)]
    [InlineData(CaseType.Exchange, CaseStatus.Expired)]
    [InlineData(CaseType.Discount, CaseStatus.Completed)]
    [InlineData(CaseType.Discount, CaseStatus.Rejected)]
    [InlineData(CaseType.BadReview, CaseStatus.Locked)]
    [InlineData(CaseType.BadReview, CaseStatus.Completed)]
    public void Closed_case_does_not_block_a_new_one(CaseType type, CaseStatus closed)
    {
        var old = new CaseBuilder().OfType(type).In(closed);

        OpenCaseRule.EnsureNoDuplicate(Opening(new CaseBuilder().OfType(type)), [old]);

        Assert.Equal(closed, old.Status);
    }

    [Theory]
    [InlineData(CaseType.Return)]
    [InlineData(CaseType.Discount)]
    [InlineData(CaseType.BadReview)]
    public void Another_shops_case_does_not_block(CaseType type)
    {
        var elsewhere = new CaseBuilder().OfType(type).Open();
        var opening = Opening(new CaseBuilder().OfType(type)) with { Shop = "jd-outlet" };

        OpenCaseRule.EnsureNoDuplicate(opening, [elsewhere]);

        Assert.NotEqual(opening.Shop, elsewhere.Shop);
    }

    [Fact]
    public void Case_of_another_order_does_not_block()
    {
        var other = new CaseBuilder().Open();
        var opening = Opening(new CaseBuilder());
        opening = opening with { Order = opening.Order with { OrderNumber = "TB-20261025-0002" } };

        OpenCaseRule.EnsureNoDuplicate(opening, [other]);

        Assert.NotEqual(opening.Order.OrderNumber, other.OrderNumber);
    }

    [Fact]
    public void Another_item_of_the_order_may_be_returned_while_the_first_is_open()
    {
        var lines = new[] { new OrderItem("SKU-TEE-M", "T-shirt", 2, 99m), new OrderItem("SKU-CAP", "Cap", 1, 39m) };
        var first = new CaseBuilder().WithLines(lines).Claiming(new CaseItem("SKU-TEE-M", 2)).Open();
        var second = new CaseBuilder().WithLines(lines).Claiming(new CaseItem("SKU-CAP", 1));

        OpenCaseRule.EnsureNoDuplicate(Opening(second), [first]);

        Assert.Throws<PolicyViolationException>(() =>
            OpenCaseRule.EnsureNoDuplicate(Opening(new CaseBuilder().WithLines(lines).Claiming(new CaseItem("SKU-TEE-M", 1))), [first]));
    }

    [Theory]
    [InlineData(CaseType.Return)]
    [InlineData(CaseType.Exchange)]
    [InlineData(CaseType.Discount)]
    public void Open_bad_review_does_not_block_the_remedy_of_the_same_item(CaseType remedy)
    {
        var review = new CaseBuilder().BadReview().Open();
        Assert.NotEmpty(review.Items);

        OpenCaseRule.EnsureNoDuplicate(Opening(new CaseBuilder().OfType(remedy)), [review]);

        Assert.Equal(CaseStatus.Open, review.Status);
    }

    [Fact]
    public void Open_return_does_not_block_a_bad_review_of_the_order()
    {
        var @return = new CaseBuilder().Open();

        OpenCaseRule.EnsureNoDuplicate(Opening(new CaseBuilder().BadReview()), [@return]);

        Assert.Equal(CaseStatus.Submitted, @return.Status);
    }
}
