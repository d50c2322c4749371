using FluentValidation;
using Returns.Domain.Cases;
using Returns.Web.Features.Cases;
using Returns.Web.Features.Cases.Actions;

namespace Returns.Web.Features.CaseTypes.Discount;

// The discount's (折价补偿) own action; approve and reject are the return's bodies.

/// <summary>The discount reached the buyer: their marketplace refund request, or an Alipay transfer (打款记录).</summary>
public sealed record RecordPayoutBody(PayoutMethod? Method, string? Reference, decimal? Amount, Guid? ProofEvidenceId) : CaseActionBody
{
    internal override async ValueTask ApplyTo(Case c, CaseContext x, CancellationToken ct) =>
        c.RecordPayout(Method!.Value, Reference!, Amount, ProofEvidenceId, x.At(c), await x.MoneyOfOtherCasesOfOrder(c, ct));
}

public sealed class RecordPayoutBodyValidator : AbstractValidator<RecordPayoutBody>
{
    public RecordPayoutBodyValidator()
    {
        RuleFor(b => b.Method).NotNull().WithMessage("Required: platformRefund or alipayTransfer.");
        RuleFor(b => b.Reference).RequiredText(128);
        RuleFor(b => b.Amount).GreaterThan(0m).WithMessage("Must be more than zero.").Amount();
    }
}
