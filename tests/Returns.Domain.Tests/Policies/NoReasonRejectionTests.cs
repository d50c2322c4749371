using Returns.Domain.Cases;
using Returns.Domain.Policies;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Policies;

/// <summary>
/// Issue 13 item 6, F0-l Q15 (答案 A 是错的): a 7-day no-reason return inside its window cannot be refused "because there is
/// no quality problem"; only as not resaleable (after inspection), excluded, withdrawn or duplicate. The builder's return
/// is for the buyer's own reason (wrong size), delivered two days ago.
/// </summary>
public sealed class NoReasonRejectionTests
{
    [Theory]
    [InlineData(RejectionCode.Other)]
    [InlineData(RejectionCode.NoEvidence)]
    [InlineData(RejectionCode.OutsideWindow)]
    [InlineData(RejectionCode.NotResaleable)]
    public void A_no_reason_return_inside_its_window_is_not_refused_for_the_shops_reasons(RejectionCode code)
    {
        var builder = new CaseBuilder();
        var @case = builder.Open();

        var error = Assert.Throws<PolicyViolationException>(() => @case.Reject(code, "没有质量问题,不支持退货", builder.At(Actors.Agent)));

        Assert.Equal(PolicyCodes.NoReasonReturnNotRefusable, error.Code);
        Assert.Equal(CaseStatus.Submitted, @case.Status);
        Assert.Equal(1, @case.Version);
    }

    [Fact]
    public void A_reject_without_a_code_is_other_and_refused_too()
    {
        var builder = new CaseBuilder();
        var @case = builder.Open();

        var error = Assert.Throws<PolicyViolationException>(() => @case.Reject("没有质量问题", builder.At(Actors.Agent)));

        Assert.Equal(PolicyCodes.NoReasonReturnNotRefusable, error.Code);
    }

    [Theory]
    [InlineData(RejectionCode.ProductExcluded)]
    [InlineData(RejectionCode.BuyerWithdrew)]
    [InlineData(RejectionCode.Duplicate)]
    public void A_no_reason_return_inside_its_window_is_refused_for_what_the_programme_allows(RejectionCode code)
    {
        var builder = new CaseBuilder();
        var @case = builder.Open();

        @case.Reject(code, "买家已撤销", builder.At(Actors.Agent));

        Assert.Equal(CaseStatus.Rejected, @case.Status);
        Assert.Contains($"\"code\":\"{char.ToLowerInvariant(code.ToString()[0])}{code.ToString()[1..]}\"", @case.NewTimelineEntries[^1].Data);
    }

    [Fact]
    public void Not_resaleable_refuses_a_no_reason_return_once_inspected()
    {
        var builder = new CaseBuilder();
        var @case = builder.In(CaseStatus.ReturnInTransit);
        Assert.DoesNotContain(RejectionCode.NotResaleable, @case.RejectionCodes);
        @case.ConfirmReceipt(builder.AllItems(ItemCondition.Used), "吊牌已剪", builder.At(Actors.Warehouse));
        Assert.Equal(CaseStatus.InspectionFailed, @case.Status);

        Assert.Equal([RejectionCode.NotResaleable, RejectionCode.ProductExcluded, RejectionCode.BuyerWithdrew, RejectionCode.Duplicate], @case.RejectionCodes);
        @case.Reject(RejectionCode.NotResaleable, "吊牌已剪,影响二次销售", builder.At(Actors.Agent));
        Assert.Equal(CaseStatus.Rejected, @case.Status);
    }

    [Theory]
    [InlineData(RejectionCode.Other)]
    [InlineData(RejectionCode.NoEvidence)]
    public void A_quality_return_is_refused_with_any_code(RejectionCode code)
    {
        var builder = new CaseBuilder().WithReason("quality.defective");
        var @case = builder.Open();

        Assert.Equal(Enum.GetValues<RejectionCode>(), @case.RejectionCodes);
        @case.Reject(code, "照片显示为人为损坏", builder.At(Actors.Agent));

        Assert.Equal(CaseStatus.Rejected, @case.Status);
    }

    [Fact]
    public void A_no_reason_return_outside_its_window_is_refused_as_outside_the_window()
    {
        var builder = new CaseBuilder().DeliveredAt(CaseBuilder.Start.AddDays(-10));
        var @case = builder.Open();

        @case.Reject(RejectionCode.OutsideWindow, "已超过七天无理由期限", builder.At(Actors.Agent));

        Assert.Equal(CaseStatus.Rejected, @case.Status);
    }

    [Fact]
    public void Discounts_and_reviews_have_no_rejection_codes()
    {
        Assert.Empty(new CaseBuilder().Discount().Open().RejectionCodes);
        Assert.Empty(new CaseBuilder().BadReview().Open().RejectionCodes);
    }

    // A shop outside the 7-day programme, or a product line excluded from it: out of policy from the start.
    [Fact]
    public void A_shop_outside_the_programme_sends_no_reason_returns_to_a_supervisor()
    {
        var builder = new CaseBuilder().WithPolicy(ShopPolicy.Default with { SevenDayNoReason = false });

        var @case = builder.Open();

        Assert.True(@case.OutsideWindow);
        Assert.True(@case.AwaitingSupervisor);
        Assert.DoesNotContain("approve", @case.AllowedActions(Actors.Agent));
        Assert.Contains("approve", @case.AllowedActions(Actors.Supervisor));
    }

    [Theory]
    [InlineData("UNDERWEAR-", "UNDERWEAR-001", true)]
    [InlineData("custom-", "CUSTOM-RING-7", true)]
    [InlineData("UNDERWEAR-", "SHIRT-M", false)]
    public void An_excluded_product_line_is_out_of_policy_for_no_reason_returns(string prefix, string sku, bool outOfPolicy)
    {
        var builder = new CaseBuilder().WithLine(sku, 1, 59.00m)
            .WithPolicy(ShopPolicy.Default with { NoReasonExcludedSkuPrefixes = [prefix] });

        var @case = builder.Open();

        Assert.Equal(outOfPolicy, @case.OutsideWindow);
    }

    [Fact]
    public void An_excluded_product_line_still_has_its_quality_window()
    {
        var builder = new CaseBuilder().WithReason("quality.defective").WithLine("UNDERWEAR-001", 1, 59.00m)
            .WithPolicy(ShopPolicy.Default with { SevenDayNoReason = false, NoReasonExcludedSkuPrefixes = ["UNDERWEAR-"] });

        Assert.False(builder.Open().OutsideWindow);
    }
}
