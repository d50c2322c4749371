using Returns.Domain.Policies;

namespace Returns.Domain.Cases;

/// <summary>The return (退货退款) and exchange (换货) side of a case: parcels, inspection, refunds.</summary>
public sealed partial class Case
{
    public ReturnShipment? ReturnShipment { get; private set; }

    /// <summary>Normalized return tracking number: what the warehouse scan matches on.</summary>
    public string? ReturnTrackingNumber { get; private set; }
    public decimal PostageReimbursement { get; private set; }
    public Inspection? Inspection { get; private set; }
    public ReplacementShipment? Replacement { get; private set; }
    public string? ReplacementTrackingNumber { get; private set; }
    public IReadOnlyList<RefundRecord> Refunds { get; private set; } = [];

    /// <summary>Returns and exchanges always have a catalog reason, hence a responsibility.</summary>
    private Responsibility ReturnResponsibility =>
        Responsibility ?? throw new InvalidOperationException($"Case {Number} has no responsibility.");

    // ---- amounts -------------------------------------------------------------------------------

    public decimal ItemsTotal => RefundRule.ItemsTotal(Order, Items, Inspection);

    /// <summary>What the buyer is owed: returned goods plus postage, or a discount's agreed compensation.</summary>
    public decimal RefundDue => Type switch
    {
        CaseType.Discount => Status is CaseStatus.Rejected or CaseStatus.Cancelled ? 0m : Compensation?.Amount ?? 0m,
        CaseType.BadReview => 0m,
        _ => Money.Round(ItemsTotal + PostageReimbursement),
    };

    /// <summary>Money returned to the buyer: refunds, or a discount's payout.</summary>
    public decimal Refunded => Money.Round(Refunds.Sum(r => r.Amount) + (Payout?.Amount ?? 0m));

    public void Approve(string? note, ShopPolicy policy, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.Approve, actor, now, new { note }, () =>
        {
            if (Type == CaseType.Discount)
            {
                ApproveCompensation(actor, now);
                return;
            }
            // The marketplace's automatic approval (the seller let the 48 h pass) is not ours to refuse.
            if (actor.Role == Role.System) return;
            if (ReasonCatalog.Get(Reason!).IsQuality && policy.EvidenceRequiredForQuality && Evidence.Count == 0)
                throw new PolicyViolationException(PolicyCodes.EvidenceRequired,
                    "A quality case needs at least one photo of the problem before it can be approved.");
            // DESIGN §2: a case outside its window is accepted but its approval needs a supervisor.
            if (OutsideWindow && !actor.IsSupervisor)
                throw new PolicyViolationException(PolicyCodes.SupervisorRequired,
                    $"The case is outside its after-sales window (ended {WindowEndsAt:u}); a supervisor must approve it.");
        });

    public void Reject(string reason, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.Reject, actor, now, new { reason }, () =>
        {
            if (Type == CaseType.Discount)
                RequireSupervisor(actor, "Only a supervisor decides on a discount above the agent's cap.");
            ResolutionNote = reason;
        });

    public void RequestEvidence(string message, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.RequestEvidence, actor, now, new { message }, () => { });

    public void SubmitEvidence(string? note, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.SubmitEvidence, actor, now, new { note, evidence = Evidence.Count }, () =>
        {
            if (Evidence.Count == 0)
                throw new PolicyViolationException(PolicyCodes.EvidenceRequired, "Upload at least one photo before submitting the evidence.");
        });

    public void RecordReturnShipment(string carrier, string trackingNumber, decimal postage, bool freightCollect, ShopPolicy policy, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.RecordReturnShipment, actor, now, new { carrier, trackingNumber, postage, freightCollect }, () =>
        {
            // F0-r: 我们不接收到付件 — a freight-collect parcel would be refused at the warehouse.
            if (freightCollect)
                throw new PolicyViolationException(PolicyCodes.FreightCollectRefused,
                    "Freight-collect (到付) return parcels are not accepted; the buyer must prepay the postage.");
            if (postage < 0m)
                throw new PolicyViolationException("invalid-amount", "Postage cannot be negative.");
            ReturnShipment = new ReturnShipment(carrier.Trim(), trackingNumber.Trim(), postage, now);
            ReturnTrackingNumber = Cases.ReturnShipment.Normalize(trackingNumber);
            PostageReimbursement = RefundRule.PostageReimbursement(ReturnResponsibility, postage, policy);
        });

    public void RefuseParcel(string reason, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.RefuseParcel, actor, now, new { reason, trackingNumber = ReturnShipment?.TrackingNumber }, () =>
        {
            // The buyer must send the goods again, with a new waybill.
            ReturnShipment = null;
            ReturnTrackingNumber = null;
            PostageReimbursement = 0m;
        });

    public void ConfirmReceipt(IReadOnlyList<(string Sku, int Quantity, ItemCondition Condition)> items, string? note, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.ConfirmReceipt, actor, now, new { items = items.Select(i => new { sku = i.Sku, quantity = i.Quantity, condition = i.Condition }), note }, () =>
        {
            // Judged only once the state allows a receipt: only returns and exchanges have a responsibility.
            var inspected = items.Select(i => new InspectedItem(i.Sku, i.Quantity, i.Condition, InspectionRule.Passes(i.Condition, ReturnResponsibility))).ToList();
            if (inspected.Any(i => i.Quantity <= 0))
                throw new PolicyViolationException("invalid-quantity", "Inspected quantities must be positive.");
            foreach (var group in inspected.GroupBy(i => i.Sku))
            {
                var claimed = Items.FirstOrDefault(i => i.Sku == group.Key)
                    ?? throw new PolicyViolationException(PolicyCodes.ItemNotInCase, $"SKU '{group.Key}' is not part of this case.");
                if (group.Sum(i => i.Quantity) > claimed.Quantity)
                    throw new PolicyViolationException(PolicyCodes.ItemNotInCase,
                        $"SKU '{group.Key}': {group.Sum(i => i.Quantity)} inspected but only {claimed.Quantity} claimed.");
            }
            Inspection = new Inspection(inspected, note, actor.Name, now);
        });

    /// <summary>True when every claimed unit arrived and passed inspection.</summary>
    public bool InspectionPassed =>
        Inspection is not null && Items.All(item => Inspection.AcceptedQuantity(item.Sku) >= item.Quantity);

    public void Refund(decimal amount, PayoutMethod method, string? reference, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.Refund, actor, now, new { amount, method, reference, due = RefundDue }, () =>
        {
            if (amount <= 0m)
                throw new PolicyViolationException("invalid-amount", "A refund must be positive.");
            if (method == PayoutMethod.AlipayTransfer && string.IsNullOrWhiteSpace(reference))
                throw new PolicyViolationException(PolicyCodes.ReferenceRequired, "An Alipay transfer needs its payment record (打款记录) reference.");
            var total = Refunded + amount;
            if (total > RefundDue && !actor.IsSupervisor)
                throw new PolicyViolationException(PolicyCodes.RefundExceedsDue,
                    $"Refund {total:0.00} exceeds the {RefundDue:0.00} due; a supervisor must approve a larger refund.");
            var ceiling = Money.Round(Order.GoodsTotal + (ShippingFee ?? 0m) + PostageReimbursement);
            if (total > ceiling)
                throw new PolicyViolationException(PolicyCodes.RefundExceedsDue,
                    $"Refund {total:0.00} exceeds what the buyer paid ({ceiling:0.00}).");
            Refunds = [.. Refunds, new RefundRecord(amount, method, reference, actor.Name, now)];
        });

    /// <summary>
    /// The seller did not confirm receipt within the platform's limit, so the marketplace refunded the buyer
    /// the claimed goods and postage itself; we record it (issue 5: seller confirms receipt, 10 days).
    /// </summary>
    public void PlatformRefund(Actor actor, DateTimeOffset now)
    {
        var amount = RefundDue;
        Apply(CaseAction.PlatformRefund, actor, now, new { amount, method = PayoutMethod.PlatformRefund },
            () => Refunds = [.. Refunds, new RefundRecord(amount, PayoutMethod.PlatformRefund, "platform-auto-refund", actor.Name, now)]);
    }

    public void ShipReplacement(string carrier, string trackingNumber, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.ShipReplacement, actor, now, new { carrier, trackingNumber }, () =>
        {
            Replacement = new ReplacementShipment(carrier.Trim(), trackingNumber.Trim(), now);
            ReplacementTrackingNumber = Cases.ReturnShipment.Normalize(trackingNumber);
        });

    public void ConfirmDelivery(Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.ConfirmDelivery, actor, now, null, () => { });

    /// <summary>Out of stock: the exchange becomes a refund of what was returned.</summary>
    public void ConvertToRefund(string reason, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.ConvertToRefund, actor, now, new { reason }, () => ResolutionNote = reason);

    public void Expire(string reason, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.Expire, actor, now, new { reason }, () => ResolutionNote = reason);
}
