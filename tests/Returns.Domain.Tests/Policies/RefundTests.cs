using Returns.Domain.Cases;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Policies;

/// <summary>
/// Refund due = accepted units × unit price + reimbursed postage (docs/design.md §2). The partial case here: 3 mugs at
/// 59.90 for a quality reason, postage 12.00, order shipping fee 8.00; 2 mugs pass, 1 is the wrong item.
/// </summary>
public sealed class RefundTests
{
    private const string Mug = "SKU-MUG";

    [Fact]
    public void Partial_refund_due_is_accepted_units_plus_postage()
    {
        var (@case, _) = PartlyFailedQualityReturn();

        Assert.Equal(119.80m, @case.ItemsTotal);
        Assert.Equal(12.00m, @case.PostageReimbursement);
        Assert.Equal(131.80m, @case.RefundDue);
    }

    [Fact]
    public void Partial_refund_due_of_a_no_reason_return_has_no_postage()
    {
        var builder = new CaseBuilder().WithReason("nonQuality.changedMind").WithLine(Mug, 3, 59.90m);
        var @case = builder.In(CaseStatus.ReturnInTransit);
        @case.ConfirmReceipt([(Mug, 2, ItemCondition.Resaleable), (Mug, 1, ItemCondition.Used)], null, builder.At(Actors.Warehouse));

        Assert.Equal(CaseStatus.InspectionFailed, @case.Status);
        Assert.Equal(119.80m, @case.RefundDue);
    }

    [Fact]
    public void Refund_of_the_partial_amount_due_completes_the_case()
    {
        var (@case, builder) = PartlyFailedQualityReturn();

        @case.Refund(131.80m, PayoutMethod.PlatformRefund, "TB-RF-1", builder.At(Actors.Agent));

        Assert.Equal(CaseStatus.Completed, @case.Status);
        Assert.Equal(131.80m, @case.Refunded);
    }

    [Fact]
    public void Refund_of_less_than_due_completes_the_case()
    {
        var builder = new CaseBuilder();
        var @case = builder.In(CaseStatus.RefundPending);

        @case.Refund(150.00m, PayoutMethod.PlatformRefund, "TB-RF-1", builder.At(Actors.Agent));

        Assert.Equal(CaseStatus.Completed, @case.Status);
        Assert.Equal(150.00m, @case.Refunded);
    }

    [Fact]
    public void Refund_is_recorded_with_method_reference_handler_and_time()
    {
        var builder = new CaseBuilder();
        var @case = builder.In(CaseStatus.RefundPending);

        @case.Refund(198.00m, PayoutMethod.AlipayTransfer, "2026110122001", builder.At(Actors.Agent));

        Assert.Equal(
            new RefundRecord(198.00m, PayoutMethod.AlipayTransfer, "2026110122001", Actors.Agent.Name, builder.Now),
            Assert.Single(@case.Refunds));
    }

    [Fact]
    public void Refund_above_due_by_an_agent_is_refused()
    {
        var (@case, builder) = PartlyFailedQualityReturn();

        var error = Assert.Throws<PolicyViolationException>(() =>
            @case.Refund(131.81m, PayoutMethod.PlatformRefund, "TB-RF-1", builder.At(Actors.Agent)));

        Assert.Equal(PolicyCodes.RefundExceedsDue, error.Code);
    }

    [Fact]
    public void Refused_refund_changes_nothing()
    {
        var (@case, builder) = PartlyFailedQualityReturn();
        var version = @case.Version;

        Assert.Throws<PolicyViolationException>(() =>
            @case.Refund(140.00m, PayoutMethod.PlatformRefund, "TB-RF-1", builder.At(Actors.Agent)));

        Assert.Equal(CaseStatus.InspectionFailed, @case.Status);
        Assert.Equal(version, @case.Version);
        Assert.Empty(@case.Refunds);
    }

    [Fact]
    public void Refund_above_due_by_a_supervisor_is_allowed_up_to_what_the_buyer_paid()
    {
        var (@case, builder) = PartlyFailedQualityReturn();

        // Goods 3 × 59.90 + shipping fee 8.00 + the buyer's return postage 12.00.
        @case.Refund(199.70m, PayoutMethod.PlatformRefund, "TB-RF-1", builder.At(Actors.Supervisor));

        Assert.Equal(CaseStatus.Completed, @case.Status);
        Assert.Equal(199.70m, @case.Refunded);
    }

    [Fact]
    public void Refund_above_what_the_buyer_paid_is_refused_even_to_a_supervisor()
    {
        var (@case, builder) = PartlyFailedQualityReturn();

        var error = Assert.Throws<PolicyViolationException>(() =>
            @case.Refund(199.71m, PayoutMethod.PlatformRefund, "TB-RF-1", builder.At(Actors.Supervisor)));

        // The order's own total: with no other case on the order, what this case's buyer paid.
        Assert.Equal(PolicyCodes.ExceedsOrderTotal, error.Code);
        Assert.Equal(CaseStatus.InspectionFailed, @case.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Alipay_transfer_without_payment_reference_is_refused(string? reference)
    {
        var builder = new CaseBuilder();
        var @case = builder.In(CaseStatus.RefundPending);
        var version = @case.Version;

        var error = Assert.Throws<PolicyViolationException>(() =>
            @case.Refund(198.00m, PayoutMethod.AlipayTransfer, reference, builder.At(Actors.Agent)));

        Assert.Equal(PolicyCodes.ReferenceRequired, error.Code);
        Assert.Equal(CaseStatus.RefundPending, @case.Status);
        Assert.Equal(version, @case.Version);
    }

    [Theory]
    [InlineData(0.00)]
    [InlineData(-1.00)]
    public void Refund_must_be_positive(decimal amount)
    {
        var builder = new CaseBuilder();
        var @case = builder.In(CaseStatus.RefundPending);

        var error = Assert.Throws<PolicyViolationException>(() =>
            @case.Refund(amount, PayoutMethod.PlatformRefund, "TB-RF-1", builder.At(Actors.Agent)));

        Assert.Equal("invalid-amount", error.Code);
        Assert.Equal(CaseStatus.RefundPending, @case.Status);
    }

    [Fact]
    public void Converted_exchange_refunds_what_was_returned()
    {
        var builder = new CaseBuilder().Exchange().WithReason("quality.defective");
        var @case = builder.In(CaseStatus.RefundPending);

        @case.Refund(@case.RefundDue, PayoutMethod.PlatformRefund, "TB-RF-1", builder.At(Actors.Agent));

        Assert.Equal(2 * CaseBuilder.UnitPrice + CaseBuilder.ReturnPostage, @case.Refunded);
        Assert.Equal(CaseStatus.Completed, @case.Status);
    }

    [Fact]
    public void Refund_due_rounds_the_items_total_to_the_fen()
    {
        var builder = new CaseBuilder().WithReason("nonQuality.wrongSize").WithLine("SKU-PEN", 3, 33.333m);
        var @case = builder.In(CaseStatus.RefundPending);

        Assert.Equal(100.00m, @case.ItemsTotal);
        Assert.Equal(100.00m, @case.RefundDue);
    }

    [Fact]
    public void Refund_due_of_partly_accepted_odd_prices_rounds_half_away_from_zero()
    {
        // 1 × 10.005 accepted + 12.00 postage = 22.005 → 22.01
        var builder = new CaseBuilder().WithReason("quality.defective").WithLine("SKU-GUM", 2, 10.005m);
        var @case = builder.In(CaseStatus.ReturnInTransit);
        @case.ConfirmReceipt([("SKU-GUM", 1, ItemCondition.Damaged), ("SKU-GUM", 1, ItemCondition.MissingParts)], null, builder.At(Actors.Warehouse));

        Assert.Equal(10.01m, @case.ItemsTotal);
        Assert.Equal(22.01m, @case.RefundDue);
    }

    private static (Case Case, CaseBuilder Builder) PartlyFailedQualityReturn()
    {
        var builder = new CaseBuilder().WithReason("quality.defective").WithLine(Mug, 3, 59.90m).WithShippingFee(8.00m);
        var @case = builder.In(CaseStatus.ReturnInTransit);
        @case.ConfirmReceipt([(Mug, 2, ItemCondition.Resaleable), (Mug, 1, ItemCondition.WrongItem)], null, builder.At(Actors.Warehouse));
        Assert.Equal(CaseStatus.InspectionFailed, @case.Status);
        return (@case, builder);
    }
}
