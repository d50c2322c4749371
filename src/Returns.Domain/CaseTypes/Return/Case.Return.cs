using Returns.Domain.Policies;

namespace Returns.Domain.Cases;

/// <summary>The return (退货退款) and exchange (换货) side of a case: parcels, inspection, refunds.</summary>
public sealed partial class Case
{
    public ReturnShipment? ReturnShipment { get; private set; }

    /// <summary>Normalized return tracking number: what the warehouse scan matches on.</summary>
    public string? ReturnTrackingNumber { get; private set; }

    /// <summary>
    /// The return tracking number this case holds while it is open (null once it closes or the parcel is refused). A
    /// number belongs to one open case at a time across every shop, so a scan finds one case; a unique index backs it.
    /// </summary>
    public string? ClaimedReturnTrackingNumber { get; private set; }
    public decimal PostageReimbursement { get; private set; }
    public Inspection? Inspection { get; private set; }
    public ReplacementShipment? Replacement { get; private set; }
    public string? ReplacementTrackingNumber { get; private set; }
    public IReadOnlyList<RefundRecord> Refunds { get; private set; } = [];

    /// <summary>What the buyer wants instead, for an exchange.</summary>
    internal void OpenExchange(IReadOnlyList<ExchangeItem> items) => ExchangeFor = items.ToList();

    /// <summary>Returns and exchanges always have a catalog reason, hence a responsibility.</summary>
    private Responsibility ReturnResponsibility =>
        Responsibility ?? throw new InvalidOperationException($"Case {Number} has no responsibility.");

    // ---- amounts -------------------------------------------------------------------------------

    public decimal ItemsTotal => RefundRule.ItemsTotal(Order, Items, Inspection);

    /// <summary>
    /// What the buyer is owed: returned goods plus postage; for an exchange only the postage, unless it turned into a
    /// refund; a discount's agreed compensation.
    /// </summary>
    public decimal RefundDue => Type switch
    {
        CaseType.Discount => Status is CaseStatus.Rejected or CaseStatus.Cancelled ? 0m : Compensation?.Amount ?? 0m,
        CaseType.BadReview => 0m,
        CaseType.Exchange when !ExchangeRefundsGoods => PostageReimbursement,
        _ => Money.Round(ItemsTotal + PostageReimbursement),
    };

    /// <summary>
    /// An exchange refunds the goods only when no replacement went out and it ends in a refund: converted (out of
    /// stock), failed inspection, or refunded by the platform.
    /// </summary>
    private bool ExchangeRefundsGoods =>
        Replacement is null && Status is CaseStatus.RefundPending or CaseStatus.InspectionFailed or CaseStatus.Completed;

    /// <summary>The return postage an exchange still owes the buyer (F0-r 质量问题退换货需要亲先垫付邮费…收到商品后会及时给亲退款).</summary>
    public decimal PostageOwed =>
        Type == CaseType.Exchange && !ExchangeRefundsGoods ? Money.Round(Math.Max(0m, PostageReimbursement - Refunded)) : 0m;

    /// <summary>Money returned to the buyer: refunds, or a discount's payout.</summary>
    public decimal Refunded => Money.Round(Refunds.Sum(r => r.Amount) + (Payout?.Amount ?? 0m));

    /// <summary>The buyer's return postage the shop owes back in all (paid or not): none once the case was turned down or dropped.</summary>
    public decimal PostageRepayable => Status is CaseStatus.Rejected or CaseStatus.Cancelled or CaseStatus.Expired ? 0m : PostageReimbursement;

    public void Approve(string? note, ActionContext at) =>
        Apply(CaseAction.Approve, at, new { note }, () =>
        {
            if (Type == CaseType.Discount)
            {
                ApproveCompensation(at);
                return;
            }
            // The marketplace's automatic approval (the seller let its clock pass) is not ours to refuse.
            if (at.Actor.Role == Role.System) return;
            if (at.Policy.EvidenceRequiredFor(ReasonCatalog.Get(Reason!)) && Evidence.Count == 0)
                throw new PolicyViolationException(PolicyCodes.EvidenceRequired,
                    "A quality case needs at least one photo of the problem before it can be approved.");
        });

    /// <summary>Refuses the case: the code from the rejection catalog (returns and exchanges; <c>other</c> when none), the text the buyer reads.</summary>
    public void Reject(RejectionCode? code, string reason, ActionContext at)
    {
        // Only returns and exchanges are refused with a code; a discount or review has none to give.
        var rejection = Type is CaseType.Return or CaseType.Exchange ? code ?? RejectionCode.Other : (RejectionCode?)null;
        Apply(CaseAction.Reject, at, new { code = rejection, reason }, () =>
        {
            if (rejection is { } c && Type is CaseType.Return or CaseType.Exchange && !RejectionCodes.Contains(c))
            {
                var entry = RejectionReasons.Get(c);
                throw new PolicyViolationException(PolicyCodes.NoReasonReturnNotRefusable,
                    $"A 7-day no-reason return inside its window cannot be refused as '{entry.NameEn}' ({entry.NameZh}); " +
                    $"it can be refused as: {string.Join(", ", RejectionCodes)}.");
            }
            ResolutionNote = reason;
        });
    }

    public void Reject(string reason, ActionContext at) => Reject(null, reason, at);

    /// <summary>
    /// The rejection codes this return or exchange may be refused with now (empty for other types). F0-l Q15: a 7-day
    /// no-reason return inside its window only as not resaleable (once inspected), excluded, withdrawn or duplicate.
    /// </summary>
    public IReadOnlyList<RejectionCode> RejectionCodes => Type is not (CaseType.Return or CaseType.Exchange) ? []
        : RejectionReasons.All
            .Where(r => !IsNoReasonReturnInWindow || (r.RefusesNoReasonReturn && (r.Code != RejectionCode.NotResaleable || Inspection is not null)))
            .Select(r => r.Code).ToList();

    /// <summary>F0-l Q15 七天无理由退换货: the buyer's own reason, inside the window the shop offers.</summary>
    public bool IsNoReasonReturnInWindow =>
        Type is CaseType.Return or CaseType.Exchange && Responsibility == Cases.Responsibility.Buyer && !OutsideWindow;

    public void RequestEvidence(string message, ActionContext at) =>
        Apply(CaseAction.RequestEvidence, at, new { message }, () => { });

    public void SubmitEvidence(string? note, ActionContext at) =>
        Apply(CaseAction.SubmitEvidence, at, new { note, evidence = Evidence.Count }, () =>
        {
            if (Evidence.Count == 0)
                throw new PolicyViolationException(PolicyCodes.EvidenceRequired, "Upload at least one photo before submitting the evidence.");
        });

    /// <summary>
    /// Records the buyer's return parcel. <paramref name="heldBy"/> is the open case that holds this tracking number now,
    /// if any: the caller looks it up across every shop.
    /// </summary>
    public void RecordReturnShipment(string carrier, string trackingNumber, decimal postage, bool freightCollect, ActionContext at, Guid? heldBy = null) =>
        Apply(CaseAction.RecordReturnShipment, at, new { carrier, trackingNumber, postage, freightCollect }, () =>
        {
            // F0-r: 我们不接收到付件 — a freight-collect parcel would be refused at the warehouse.
            if (freightCollect)
                throw new PolicyViolationException(PolicyCodes.FreightCollectRefused,
                    "Freight-collect (到付) return parcels are not accepted; the buyer must prepay the postage.");
            if (postage < 0m)
                throw new PolicyViolationException("invalid-amount", "Postage cannot be negative.");
            // One parcel, one case: another open case's number would have the warehouse confirm the wrong case.
            if (heldBy is { } holder && holder != Id)
                throw new ClaimConflictException(PolicyCodes.TrackingNumberInUse,
                    $"Tracking number {Cases.ReturnShipment.Normalize(trackingNumber)} is already the return parcel of another open case.");
            ReturnShipment = new ReturnShipment(carrier.Trim(), trackingNumber.Trim(), postage, at.Now);
            ReturnTrackingNumber = Cases.ReturnShipment.Normalize(trackingNumber);
            ClaimedReturnTrackingNumber = ReturnTrackingNumber;
            PostageReimbursement = RefundRule.PostageReimbursement(ReturnResponsibility, postage);
        });

    public void RefuseParcel(string reason, ActionContext at) =>
        Apply(CaseAction.RefuseParcel, at, new { reason, trackingNumber = ReturnShipment?.TrackingNumber }, () =>
        {
            // The buyer must send the goods again, with a new waybill.
            ReturnShipment = null;
            ReturnTrackingNumber = null;
            ClaimedReturnTrackingNumber = null;
            PostageReimbursement = 0m;
        });

    public void ConfirmReceipt(IReadOnlyList<(string Sku, int Quantity, ItemCondition Condition)> items, string? note, ActionContext at) =>
        Apply(CaseAction.ConfirmReceipt, at, new { items = items.Select(i => new { sku = i.Sku, quantity = i.Quantity, condition = i.Condition }), note }, () =>
        {
            // Judged only once the state allows a receipt: only returns and exchanges have a responsibility.
            var reason = ReasonCatalog.Get(Reason!);
            var inspected = items.Select(i => new InspectedItem(i.Sku, i.Quantity, i.Condition, InspectionRule.Passes(i.Condition, reason))).ToList();
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
            Inspection = new Inspection(inspected, note, at.Actor.Name, at.Now);
        });

    /// <summary>True when every claimed unit arrived and passed inspection.</summary>
    public bool InspectionPassed =>
        Inspection is not null && Items.All(item => Inspection.AcceptedQuantity(item.Sku) >= item.Quantity);

    /// <summary>
    /// Records a refund. <paramref name="otherCases"/> is what the order's other cases returned already (the caller
    /// loads it, holding the order's lock); none when left out.
    /// </summary>
    public void Refund(decimal amount, PayoutMethod method, string? reference, ActionContext at, OrderMoney? otherCases = null) =>
        Apply(CaseAction.Refund, at, new { amount, method, reference, due = RefundDue }, () =>
        {
            if (amount <= 0m)
                throw new PolicyViolationException("invalid-amount", "A refund must be positive.");
            if (method == PayoutMethod.AlipayTransfer && string.IsNullOrWhiteSpace(reference))
                throw new PolicyViolationException(PolicyCodes.ReferenceRequired, "An Alipay transfer needs its payment record (打款记录) reference.");
            var total = Refunded + amount;
            if (total > RefundDue && !at.Actor.IsSupervisor)
                throw new PolicyViolationException(PolicyCodes.RefundExceedsDue,
                    $"Refund {total:0.00} exceeds the {RefundDue:0.00} due; a supervisor must approve a larger refund.");
            var aboveCap = RefundRule.PostageAboveCap(PostageReimbursement, at.Policy);
            if (total > RefundDue - aboveCap && !at.Actor.IsSupervisor)
                throw new PolicyViolationException(PolicyCodes.SupervisorRequired,
                    $"The postage owed is {aboveCap:0.00} above the shop's {at.Policy.PostageReimbursementCap:0.00} cap; " +
                    $"an agent may refund up to {RefundDue - aboveCap:0.00}, a supervisor the whole {RefundDue:0.00}.");
            OrderTotalRule.EnsureWithin(this, otherCases ?? OrderMoney.Nothing, amount);
            Refunds = [.. Refunds, new RefundRecord(amount, method, reference, at.Actor.Name, at.Now)];
        });

    /// <summary>
    /// The seller did not confirm receipt within the platform's limit, so the marketplace refunded the buyer
    /// the claimed goods and postage itself; we record it (issue 5: seller confirms receipt, 10 days).
    /// </summary>
    public void PlatformRefund(ActionContext at)
    {
        var amount = RefundDue;
        Apply(CaseAction.PlatformRefund, at, new { amount, method = PayoutMethod.PlatformRefund },
            () => Refunds = [.. Refunds, new RefundRecord(amount, PayoutMethod.PlatformRefund, "platform-auto-refund", at.Actor.Name, at.Now)]);
    }

    /// <summary>
    /// An exchange pays back the return postage the buyer advanced, once the goods are back (the goods themselves are
    /// replaced). Never more than is owed; above the shop's postage cap, if it set one, only a supervisor pays.
    /// </summary>
    public void RefundPostage(decimal amount, PayoutMethod method, string? reference, ActionContext at) =>
        Apply(CaseAction.RefundPostage, at, new { amount, method, reference, owed = PostageOwed }, () =>
        {
            if (PostageOwed <= 0m)
                throw new PolicyViolationException(PolicyCodes.NoPostageOwed,
                    "No return postage is owed on this exchange (the buyer's own reason, or it is already paid).");
            if (amount <= 0m)
                throw new PolicyViolationException("invalid-amount", "A refund must be positive.");
            if (method == PayoutMethod.AlipayTransfer && string.IsNullOrWhiteSpace(reference))
                throw new PolicyViolationException(PolicyCodes.ReferenceRequired, "An Alipay transfer needs its payment record (打款记录) reference.");
            if (amount > PostageOwed)
                throw new PolicyViolationException(PolicyCodes.RefundExceedsDue,
                    $"Refund {amount:0.00} exceeds the {PostageOwed:0.00} postage owed.");
            var aboveCap = RefundRule.PostageAboveCap(PostageReimbursement, at.Policy);
            if (Refunded + amount > PostageReimbursement - aboveCap && !at.Actor.IsSupervisor)
                throw new PolicyViolationException(PolicyCodes.SupervisorRequired,
                    $"The postage owed is {aboveCap:0.00} above the shop's {at.Policy.PostageReimbursementCap:0.00} cap; a supervisor must pay it.");
            Refunds = [.. Refunds, new RefundRecord(amount, method, reference, at.Actor.Name, at.Now)];
        });

    public void ShipReplacement(string carrier, string trackingNumber, ActionContext at) =>
        Apply(CaseAction.ShipReplacement, at, new { carrier, trackingNumber }, () =>
        {
            Replacement = new ReplacementShipment(carrier.Trim(), trackingNumber.Trim(), at.Now);
            ReplacementTrackingNumber = Cases.ReturnShipment.Normalize(trackingNumber);
        });

    public void ConfirmDelivery(ActionContext at) =>
        Apply(CaseAction.ConfirmDelivery, at, null, () => { });

    /// <summary>Out of stock: the exchange becomes a refund of what was returned.</summary>
    public void ConvertToRefund(string reason, ActionContext at) =>
        Apply(CaseAction.ConvertToRefund, at, new { reason }, () => ResolutionNote = reason);

    public void Expire(string reason, ActionContext at) =>
        Apply(CaseAction.Expire, at, new { reason }, () => ResolutionNote = reason);
}
