using Returns.Domain.Policies;

namespace Returns.Domain.Cases;

/// <summary>The discount (折价补偿) side of a case: the buyer keeps the goods and gets money back (docs/business-rules.md §3.5).</summary>
public sealed partial class Case
{
    public Compensation? Compensation { get; private set; }
    public Payout? Payout { get; private set; }

    /// <summary>Records the compensation; true when it needs a supervisor's approval (above the cap or outside the window).</summary>
    internal bool OpenDiscount((decimal Amount, string Defect)? compensation, Reason? reason, ActionContext at)
    {
        var (amount, defect) = compensation
            ?? throw new PolicyViolationException("compensation-required", "A discount needs the compensation amount and the defect.");
        // F0-r: 商品有质量问题,但是影响不大 — a discount compensates a defect, not a change of mind.
        if (reason is null || reason.Responsibility == Cases.Responsibility.Buyer)
            throw new PolicyViolationException(PolicyCodes.ReasonNotEligible,
                "A discount compensates a quality or transit defect; a buyer's personal reason is a return or exchange.");
        if (amount <= 0m)
            throw new PolicyViolationException("invalid-amount", "The compensation must be positive.");
        if (amount >= Order.GoodsTotal)
            throw new PolicyViolationException(PolicyCodes.CompensationExceedsGoods,
                $"Compensation {amount:0.00} must stay below the goods total {Order.GoodsTotal:0.00}; that is a refund.");

        // F0-r: 补偿通常不能超过邮费 — the cap is the postage the shop saves by not exchanging: the order's shipping fee;
        // on a free-shipping (包邮) order, or when the fee is unknown, the shop's default cap. Above it 请示主管.
        var cap = CompensationRule.Cap(ShippingFee, at.Policy);
        var needsApproval = amount > cap || OutsideWindow;
        Compensation = new Compensation(amount, defect, cap, at.Actor.Name, at.Now,
            needsApproval ? null : at.Actor.Name, needsApproval ? null : at.Now);
        return needsApproval;
    }

    /// <summary>The supervisor agreed (the supervisor gate let only them through).</summary>
    private void ApproveCompensation(ActionContext at) =>
        Compensation = Compensation! with { ApprovedBy = at.Actor.Name, ApprovedAt = at.Now };

    /// <summary>
    /// The money reached the buyer: through their refund request on the marketplace, or an Alipay transfer
    /// with its payment record (打款记录, optionally its screenshot as evidence). Never more than approved, nor, with the
    /// order's <paramref name="otherCases"/> (none when left out), more than the order was paid.
    /// </summary>
    public void RecordPayout(PayoutMethod method, string reference, decimal? amount, Guid? proofEvidenceId, ActionContext at,
        OrderMoney? otherCases = null)
    {
        var paid = amount ?? Compensation?.Amount ?? 0m;
        Apply(CaseAction.RecordPayout, at, new { method, reference, amount = paid, proofEvidenceId }, () =>
        {
            if (string.IsNullOrWhiteSpace(reference))
                throw new PolicyViolationException(PolicyCodes.ReferenceRequired,
                    method == PayoutMethod.AlipayTransfer
                        ? "An Alipay transfer needs its payment record (打款记录) reference."
                        : "Record the reference of the buyer's refund request.");
            if (paid <= 0m)
                throw new PolicyViolationException("invalid-amount", "A payout must be positive.");
            if (paid > Compensation!.Amount)
                throw new PolicyViolationException(PolicyCodes.PayoutExceedsApproved,
                    $"Payout {paid:0.00} exceeds the approved compensation {Compensation.Amount:0.00}.");
            OrderTotalRule.EnsureWithin(this, otherCases ?? OrderMoney.Nothing, paid);
            if (proofEvidenceId is { } proof && Evidence.All(e => e.Id != proof))
                throw new PolicyViolationException("unknown-evidence", $"Evidence {proof} is not attached to this case.");
            Payout = new Payout(paid, method, reference.Trim(), proofEvidenceId, at.Actor.Name, at.Now);
        });
    }
}
