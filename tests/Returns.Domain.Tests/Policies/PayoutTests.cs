using Returns.Domain.Cases;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Policies;

/// <summary>
/// docs/business-rules.md §3.5/§3.6: the approved compensation reaches the buyer through their refund request or an
/// Alipay transfer with its payment record (打款记录); never more than approved.
/// </summary>
public sealed class PayoutTests
{
    [Fact]
    public void Payout_defaults_to_the_approved_amount_and_completes_the_discount()
    {
        var (@case, builder) = ApprovedDiscount(8.00m);

        @case.RecordPayout(PayoutMethod.PlatformRefund, "TB-RF-9", null, null, builder.At(Actors.Agent));

        Assert.Equal(CaseStatus.Completed, @case.Status);
        Assert.Equal(
            new Payout(8.00m, PayoutMethod.PlatformRefund, "TB-RF-9", null, Actors.Agent.Name, builder.Now),
            @case.Payout);
        var entry = @case.NewTimelineEntries[^1];
        Assert.Equal("record-payout", entry.Action);
        Assert.Equal(CaseStatus.Approved, entry.From);
        Assert.Equal(CaseStatus.Completed, entry.To);
    }

    [Fact]
    public void Payout_of_less_than_approved_records_what_was_paid()
    {
        var (@case, builder) = ApprovedDiscount(8.00m);

        @case.RecordPayout(PayoutMethod.AlipayTransfer, "2026110122001", 5.00m, null, builder.At(Actors.Agent));

        Assert.Equal(CaseStatus.Completed, @case.Status);
        Assert.Equal(5.00m, @case.Payout!.Amount);
        Assert.Equal(5.00m, @case.Refunded);
    }

    [Fact]
    public void Payout_of_exactly_the_approved_amount_is_accepted()
    {
        var (@case, builder) = ApprovedDiscount(8.00m);

        @case.RecordPayout(PayoutMethod.AlipayTransfer, "2026110122001", 8.00m, null, builder.At(Actors.Agent));

        Assert.Equal(8.00m, @case.Refunded);
    }

    [Theory]
    [InlineData(Role.Agent)]
    [InlineData(Role.Supervisor)]
    public void Payout_above_the_approved_amount_is_refused_to_anyone(Role role)
    {
        var (@case, builder) = ApprovedDiscount(8.00m);
        var version = @case.Version;

        var error = Assert.Throws<PolicyViolationException>(() =>
            @case.RecordPayout(PayoutMethod.AlipayTransfer, "2026110122001", 8.01m, null, builder.At(new Actor("someone", role))));

        Assert.Equal(PolicyCodes.PayoutExceedsApproved, error.Code);
        Assert.Equal(CaseStatus.Approved, @case.Status);
        Assert.Equal(version, @case.Version);
        Assert.Null(@case.Payout);
        Assert.Equal(0m, @case.Refunded);
    }

    [Fact]
    public void Payout_of_a_supervisor_approved_discount_is_capped_at_the_approved_amount()
    {
        var builder = new CaseBuilder().Discount().WithCompensation(15.00m);
        var @case = builder.In(CaseStatus.Approved);

        var error = Assert.Throws<PolicyViolationException>(() =>
            @case.RecordPayout(PayoutMethod.PlatformRefund, "TB-RF-9", 15.01m, null, builder.At(Actors.Supervisor)));

        Assert.Equal(PolicyCodes.PayoutExceedsApproved, error.Code);
        @case.RecordPayout(PayoutMethod.PlatformRefund, "TB-RF-9", null, null, builder.At(Actors.Supervisor));
        Assert.Equal(15.00m, @case.Refunded);
    }

    [Theory]
    [InlineData(PayoutMethod.PlatformRefund, "")]
    [InlineData(PayoutMethod.PlatformRefund, "   ")]
    [InlineData(PayoutMethod.AlipayTransfer, "")]
    [InlineData(PayoutMethod.AlipayTransfer, "   ")]
    public void Payout_without_a_reference_is_refused(PayoutMethod method, string reference)
    {
        var (@case, builder) = ApprovedDiscount(8.00m);
        var version = @case.Version;

        var error = Assert.Throws<PolicyViolationException>(() =>
            @case.RecordPayout(method, reference, null, null, builder.At(Actors.Agent)));

        Assert.Equal(PolicyCodes.ReferenceRequired, error.Code);
        Assert.Equal(CaseStatus.Approved, @case.Status);
        Assert.Equal(version, @case.Version);
        Assert.Null(@case.Payout);
    }

    [Theory]
    [InlineData(0.00)]
    [InlineData(-0.01)]
    [InlineData(-8.00)]
    public void Payout_must_be_positive(decimal amount)
    {
        var (@case, builder) = ApprovedDiscount(8.00m);

        var error = Assert.Throws<PolicyViolationException>(() =>
            @case.RecordPayout(PayoutMethod.AlipayTransfer, "2026110122001", amount, null, builder.At(Actors.Agent)));

        Assert.Equal("invalid-amount", error.Code);
        Assert.Equal(CaseStatus.Approved, @case.Status);
        Assert.Equal(0m, @case.Refunded);
    }

    [Fact]
    public void Payout_proof_must_be_evidence_attached_to_the_case()
    {
        var (@case, builder) = ApprovedDiscount(8.00m);
        var version = @case.Version;

        var error = Assert.Throws<PolicyViolationException>(() =>
            @case.RecordPayout(PayoutMethod.AlipayTransfer, "2026110122001", null, Guid.NewGuid(), builder.At(Actors.Agent)));

        Assert.Equal("unknown-evidence", error.Code);
        Assert.Equal(CaseStatus.Approved, @case.Status);
        Assert.Equal(version, @case.Version);
    }

    [Fact]
    public void Payout_proof_may_be_the_attached_transfer_screenshot()
    {
        var (@case, builder) = ApprovedDiscount(8.00m);
        var screenshot = builder.Photo();
        @case.AddEvidence(screenshot, builder.At(Actors.Agent));

        @case.RecordPayout(PayoutMethod.AlipayTransfer, "2026110122001", null, screenshot.Id, builder.At(Actors.Agent));

        Assert.Equal(screenshot.Id, @case.Payout!.ProofEvidenceId);
        Assert.Equal(CaseStatus.Completed, @case.Status);
    }

    [Fact]
    public void Discount_awaiting_a_supervisor_cannot_be_paid()
    {
        var builder = new CaseBuilder().Discount().WithCompensation(15.00m);
        var @case = builder.Open(Actors.Agent);

        var error = Assert.Throws<InvalidTransitionException>(() =>
            @case.RecordPayout(PayoutMethod.PlatformRefund, "TB-RF-9", null, null, builder.At(Actors.Supervisor)));

        Assert.Equal(CaseStatus.AwaitingApproval, error.Status);
        Assert.Null(@case.Payout);
    }

    [Fact]
    public void Discount_is_paid_once()
    {
        var builder = new CaseBuilder().Discount().WithCompensation(8.00m);
        var @case = builder.In(CaseStatus.Completed);

        Assert.Throws<InvalidTransitionException>(() =>
            @case.RecordPayout(PayoutMethod.PlatformRefund, "TB-RF-10", null, null, builder.At(Actors.Supervisor)));

        Assert.Equal(8.00m, @case.Refunded);
    }

    [Fact]
    public void Refund_due_of_a_discount_is_its_compensation_not_the_goods()
    {
        var (@case, _) = ApprovedDiscount(6.50m);

        Assert.Equal(6.50m, @case.RefundDue);
        Assert.Equal(0m, @case.Refunded);
    }

    [Fact]
    public void Refunded_of_a_discount_is_its_payout()
    {
        var (@case, builder) = ApprovedDiscount(6.50m);

        @case.RecordPayout(PayoutMethod.AlipayTransfer, "2026110122001", null, null, builder.At(Actors.Agent));

        Assert.Equal(6.50m, @case.RefundDue);
        Assert.Equal(6.50m, @case.Refunded);
        Assert.Empty(@case.Refunds);
    }

    [Theory]
    [InlineData(8.00, null)]
    [InlineData(8.00, 0.01)]
    [InlineData(0.01, null)]
    [InlineData(15.00, 9.99)]
    public void Discount_money_is_never_negative_nor_paid_beyond_due(decimal compensation, double? paid)
    {
        var builder = new CaseBuilder().Discount().WithCompensation(compensation);
        var @case = builder.In(CaseStatus.Approved);
        AssertMoneySane(@case);

        @case.RecordPayout(PayoutMethod.PlatformRefund, "TB-RF-9", (decimal?)paid, null, builder.At(Actors.Supervisor));

        AssertMoneySane(@case);
        Assert.Equal(paid is null ? compensation : (decimal)paid.Value, @case.Refunded);
    }

    private static void AssertMoneySane(Case @case)
    {
        Assert.True(@case.RefundDue >= 0m, $"RefundDue {@case.RefundDue}");
        Assert.True(@case.Refunded >= 0m, $"Refunded {@case.Refunded}");
        Assert.True(@case.Refunded <= @case.RefundDue, $"Refunded {@case.Refunded} > due {@case.RefundDue}");
    }

    private static (Case Case, CaseBuilder Builder) ApprovedDiscount(decimal amount)
    {
        var builder = new CaseBuilder().Discount().WithCompensation(amount);
        var @case = builder.Open(Actors.Agent);
        Assert.Equal(CaseStatus.Approved, @case.Status);
        return (@case, builder);
    }
}
