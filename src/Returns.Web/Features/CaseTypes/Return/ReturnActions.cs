using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Returns.Domain.Cases;
using Returns.Web.Features.Cases;
using Returns.Web.Features.Cases.Actions;

namespace Returns.Web.Features.CaseTypes.Return;

// The actions of a return (退货退款), mirroring Case.Return.cs; approve and reject also decide a discount.

/// <summary>Approve the case: the buyer may send the goods back (a discount: the supervisor agrees).</summary>
public sealed record ApproveBody(string? Note) : CaseActionBody
{
    internal override ValueTask ApplyTo(Case c, CaseContext x, CancellationToken ct) { c.Approve(Note, x.At(c)); return default; }
}

public sealed class ApproveBodyValidator : AbstractValidator<ApproveBody>
{
    public ApproveBodyValidator() => RuleFor(b => b.Note).MaxCharacters(2000);
}

/// <summary>Reject the case, with the reason the buyer will be told.</summary>
/// <param name="Code">For a return or exchange, why (GET /rejection-reasons); <c>other</c> when left out.</param>
/// <param name="Reason">The text the buyer is told.</param>
public sealed record RejectBody(RejectionCode? Code, string? Reason) : CaseActionBody
{
    internal override ValueTask ApplyTo(Case c, CaseContext x, CancellationToken ct) { c.Reject(Code, Reason!, x.At(c)); return default; }
}

public sealed class RejectBodyValidator : AbstractValidator<RejectBody>
{
    public RejectBodyValidator() => RuleFor(b => b.Reason).RequiredText(2000);
}

/// <summary>Ask the buyer for evidence (photos); the case waits for it.</summary>
public sealed record RequestEvidenceBody(string? Message) : CaseActionBody
{
    internal override ValueTask ApplyTo(Case c, CaseContext x, CancellationToken ct) { c.RequestEvidence(Message!, x.At(c)); return default; }
}

public sealed class RequestEvidenceBodyValidator : AbstractValidator<RequestEvidenceBody>
{
    public RequestEvidenceBodyValidator() => RuleFor(b => b.Message).RequiredText(2000);
}

/// <summary>The requested evidence arrived (uploaded with POST /cases/{id}/evidence).</summary>
public sealed record SubmitEvidenceBody(string? Note) : CaseActionBody
{
    internal override ValueTask ApplyTo(Case c, CaseContext x, CancellationToken ct) { c.SubmitEvidence(Note, x.At(c)); return default; }
}

public sealed class SubmitEvidenceBodyValidator : AbstractValidator<SubmitEvidenceBody>
{
    public SubmitEvidenceBodyValidator() => RuleFor(b => b.Note).MaxCharacters(2000);
}

/// <summary>The buyer's return parcel: carrier, waybill, the postage they advanced; freight-collect is refused.</summary>
public sealed record RecordReturnShipmentBody(string? Carrier, string? TrackingNumber, decimal? Postage, bool? FreightCollect) : CaseActionBody
{
    internal override async ValueTask ApplyTo(Case c, CaseContext x, CancellationToken ct)
    {
        // Every shop's cases, not only the caller's: the warehouse scan matches a parcel by its number alone.
        var number = ReturnShipment.Normalize(TrackingNumber!);
        var heldBy = await x.Db.Cases.AsNoTracking().Where(o => o.ClaimedReturnTrackingNumber == number).Select(o => (Guid?)o.Id)
            .FirstOrDefaultAsync(ct);
        c.RecordReturnShipment(Carrier!, TrackingNumber!, Postage!.Value, FreightCollect!.Value, x.At(c), heldBy);
    }
}

public sealed class RecordReturnShipmentBodyValidator : AbstractValidator<RecordReturnShipmentBody>
{
    public RecordReturnShipmentBodyValidator()
    {
        RuleFor(b => b.Carrier).RequiredText(64);
        RuleFor(b => b.TrackingNumber).RequiredText(64).Matches("^[A-Za-z0-9-]+$").WithMessage("Letters, digits and '-' only.");
        RuleFor(b => b.Postage).NotNull().WithMessage("Required (0 when none).").Amount();
        RuleFor(b => b.FreightCollect).NotNull().WithMessage("Required: true when the parcel was sent freight-collect (到付).");
    }
}

/// <summary>The warehouse refused the parcel; the case waits for a new shipment.</summary>
public sealed record RefuseParcelBody(string? Reason) : CaseActionBody
{
    internal override ValueTask ApplyTo(Case c, CaseContext x, CancellationToken ct) { c.RefuseParcel(Reason!, x.At(c)); return default; }
}

public sealed class RefuseParcelBodyValidator : AbstractValidator<RefuseParcelBody>
{
    public RefuseParcelBodyValidator() => RuleFor(b => b.Reason).RequiredText(2000);
}

/// <summary>One inspected line: how many units of a SKU arrived in which condition.</summary>
public sealed record ReceivedItem(string? Sku, int? Quantity, ItemCondition? Condition)
{
    public static IReadOnlyList<(string Sku, int Quantity, ItemCondition Condition)> Inspection(IEnumerable<ReceivedItem> items) =>
        items.Select(i => (i.Sku!.Trim(), i.Quantity!.Value, i.Condition!.Value)).ToList();
}

public sealed class ReceivedItemValidator : AbstractValidator<ReceivedItem>
{
    public ReceivedItemValidator()
    {
        RuleFor(i => i.Sku).RequiredText(64);
        RuleFor(i => i.Quantity).NotNull().WithMessage("Required.").GreaterThan(0).LessThanOrEqualTo(10_000);
        RuleFor(i => i.Condition).NotNull().WithMessage("Required: resaleable, damaged, used, missingParts or wrongItem.");
    }
}

/// <summary>
/// The parcel arrived and was inspected item by item: every unit passing → refund (or replacement); anything else →
/// inspectionFailed for a partial refund or a rejection.
/// </summary>
public sealed record ConfirmReceiptBody(IReadOnlyList<ReceivedItem>? Items, string? Note) : CaseActionBody
{
    internal override ValueTask ApplyTo(Case c, CaseContext x, CancellationToken ct)
    {
        c.ConfirmReceipt(ReceivedItem.Inspection(Items!), Note, x.At(c));
        return default;
    }
}

public sealed class ConfirmReceiptBodyValidator : AbstractValidator<ConfirmReceiptBody>
{
    public ConfirmReceiptBodyValidator()
    {
        RuleFor(b => b.Items).NotEmpty().WithMessage("List what arrived, item by item.");
        RuleForEach(b => b.Items).NotNull().WithMessage("Required.");
        RuleForEach(b => b.Items).SetValidator(new ReceivedItemValidator());
        RuleFor(b => b.Note).MaxCharacters(2000);
    }
}

/// <summary>The refund reached the buyer (platform refund or Alipay transfer); completes the case.</summary>
public sealed record RefundBody(decimal? Amount, PayoutMethod? Method, string? Reference) : CaseActionBody
{
    internal override async ValueTask ApplyTo(Case c, CaseContext x, CancellationToken ct) =>
        c.Refund(Amount!.Value, Method!.Value, Reference?.Trim(), x.At(c), await x.MoneyOfOtherCasesOfOrder(c, ct));
}

public sealed class RefundBodyValidator : AbstractValidator<RefundBody>
{
    public RefundBodyValidator()
    {
        RuleFor(b => b.Amount).NotNull().WithMessage("Required.").GreaterThan(0m).WithMessage("Must be more than zero.").Amount();
        RuleFor(b => b.Method).NotNull().WithMessage("Required: platformRefund or alipayTransfer.");
        RuleFor(b => b.Reference).MaxCharacters(128);
        RuleFor(b => b.Reference).NotEmpty().When(b => b.Method == PayoutMethod.AlipayTransfer)
            .WithMessage("An Alipay transfer needs the payment record (打款记录) reference.");
    }
}

/// <summary>
/// The marketplace's own due times for its clocks on this case (its seller backend shows them); each given time replaces
/// the planned one, and a clock that has not started yet takes it when it does. Times carry their offset.
/// </summary>
/// <param name="SellerDecision">When the marketplace approves the request itself if the seller has not decided.</param>
/// <param name="EvidenceFromBuyer">When the request lapses if the buyer sends no evidence.</param>
/// <param name="BuyerShipsReturn">When the request lapses if the buyer has not shipped the return.</param>
/// <param name="SellerConfirmsReceipt">When the marketplace refunds the buyer itself if the seller has not confirmed receipt.</param>
public sealed record SyncPlatformDeadlinesBody(
    DateTimeOffset? SellerDecision, DateTimeOffset? EvidenceFromBuyer, DateTimeOffset? BuyerShipsReturn, DateTimeOffset? SellerConfirmsReceipt)
    : CaseActionBody
{
    internal override ValueTask ApplyTo(Case c, CaseContext x, CancellationToken ct)
    {
        c.SyncPlatformDeadlines(PlatformDeadlines.DueTimes(SellerDecision, EvidenceFromBuyer, BuyerShipsReturn, SellerConfirmsReceipt), x.At(c));
        return default;
    }
}

public sealed class SyncPlatformDeadlinesBodyValidator : AbstractValidator<SyncPlatformDeadlinesBody>
{
    public SyncPlatformDeadlinesBodyValidator(TimeProvider clock)
    {
        RuleFor(b => b).Must(b => PlatformDeadlines.DueTimes(b.SellerDecision, b.EvidenceFromBuyer, b.BuyerShipsReturn, b.SellerConfirmsReceipt).Count > 0)
            .WithName("body").WithMessage("Give at least one due time: sellerDecision, evidenceFromBuyer, buyerShipsReturn or sellerConfirmsReceipt.");
        RuleFor(b => b.SellerDecision).PlatformDueTime(clock);
        RuleFor(b => b.EvidenceFromBuyer).PlatformDueTime(clock);
        RuleFor(b => b.BuyerShipsReturn).PlatformDueTime(clock);
        RuleFor(b => b.SellerConfirmsReceipt).PlatformDueTime(clock);
    }
}
