using Microsoft.Extensions.Time.Testing;
using Returns.Domain.Cases;
using Returns.Domain.Policies;

namespace Returns.Domain.Tests.Support;

/// <summary>
/// Opens a case with <see cref="Case.Open"/> and walks it through the public case methods to the state a
/// test needs. Defaults: a return of 2 × SKU-TEE-M at 99.00 for a changed size, delivered two days ago,
/// shipping fee 8.00. A discount defaults to a defect (quality.defective) compensated with 15.00, above
/// the 8.00 cap, so it starts awaiting a supervisor; a bad review defaults to a bad rating posted a day
/// ago with no reason yet (its cause is not known when it is logged).
/// </summary>
internal sealed class CaseBuilder
{
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);

    public const string Sku = "SKU-TEE-M";
    public const decimal UnitPrice = 99.00m;
    public const decimal ReturnPostage = 12.00m;
    public const decimal ShippingFee = 8.00m;
    public const decimal Compensation = 15.00m;
    public const string Defect = "Loose stitching on the left sleeve.";
    public static readonly DateTimeOffset ReviewPostedAt = Start.AddDays(-1);

    private CaseType _type = CaseType.Return;
    private string? _reason;
    private bool _reasonSet;
    private DateTimeOffset _paidAt = Start.AddDays(-5);
    private DateTimeOffset? _deliveredAt = Start.AddDays(-2);
    private DateTimeOffset? _completedAt;
    private decimal? _shippingFee = ShippingFee;
    private List<OrderItem> _orderItems = [new(Sku, "T-shirt, size M", 2, UnitPrice)];
    private List<CaseItem> _items = [new(Sku, 2)];
    private List<ExchangeItem> _exchangeFor = [new("SKU-TEE-L", 2, "T-shirt, size L")];
    private long _sequence = 42;
    private ShopPolicy _policy = ShopPolicy.Default;
    private (decimal Amount, string Defect)? _compensation = (Compensation, Defect);
    private Review? _review = new(ReviewRating.Bad, "Shrank after one wash, the seller ignored me.", ReviewPostedAt);

    public CaseBuilder(FakeTimeProvider? clock = null) => Clock = clock ?? new FakeTimeProvider(Start);

    public FakeTimeProvider Clock { get; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    public ShopPolicy Policy => _policy;

    public CaseBuilder OfType(CaseType type) { _type = type; return this; }

    public CaseBuilder Exchange() => OfType(CaseType.Exchange);

    public CaseBuilder Discount() => OfType(CaseType.Discount);

    public CaseBuilder BadReview() => OfType(CaseType.BadReview);

    public CaseBuilder WithReason(string? reason) { _reason = reason; _reasonSet = true; return this; }

    /// <summary>The discount's compensation (折价): amount and defect; null to leave it out.</summary>
    public CaseBuilder WithCompensation(decimal amount, string defect = Defect) { _compensation = (amount, defect); return this; }

    public CaseBuilder WithoutCompensation() { _compensation = null; return this; }

    /// <summary>The bad review's review; null to leave it out.</summary>
    public CaseBuilder WithReview(Review? review) { _review = review; return this; }

    public CaseBuilder WithReview(ReviewRating rating, DateTimeOffset postedAt) =>
        WithReview(new Review(rating, "Not what I expected.", postedAt));

    /// <summary>The reason the case is opened with: the one set, else the type's usual one.</summary>
    public string? Reason => _reasonSet ? _reason : _type switch
    {
        CaseType.Discount => "quality.defective",
        CaseType.BadReview => null,
        _ => "nonQuality.wrongSize",
    };

    public CaseBuilder PaidAt(DateTimeOffset paidAt) { _paidAt = paidAt; return this; }

    public CaseBuilder DeliveredAt(DateTimeOffset? deliveredAt) { _deliveredAt = deliveredAt; return this; }

    public CaseBuilder CompletedAt(DateTimeOffset? completedAt) { _completedAt = completedAt; return this; }

    public CaseBuilder WithShippingFee(decimal? shippingFee) { _shippingFee = shippingFee; return this; }

    public CaseBuilder WithSequence(long sequence) { _sequence = sequence; return this; }

    public CaseBuilder WithPolicy(ShopPolicy policy) { _policy = policy; return this; }

    private Platform? _platform;
    private IReadOnlyList<PlatformDueTime> _platformDueTimes = [];

    public CaseBuilder OnPlatform(Platform platform) { _platform = platform; return this; }

    /// <summary>The marketplace's own due times, as an integration sends them on create.</summary>
    public CaseBuilder WithPlatformDueTimes(params PlatformDueTime[] times) { _platformDueTimes = times; return this; }

    public CaseBuilder WithExchangeFor(params ExchangeItem[] exchangeFor) { _exchangeFor = [.. exchangeFor]; return this; }

    /// <summary>One order line, claimed in full by the case.</summary>
    public CaseBuilder WithLine(string sku, int quantity, decimal unitPrice) =>
        WithLines(new OrderItem(sku, sku, quantity, unitPrice));

    /// <summary>The order lines, each claimed in full by the case.</summary>
    public CaseBuilder WithLines(params OrderItem[] lines)
    {
        _orderItems = [.. lines];
        _items = [.. lines.Select(l => new CaseItem(l.Sku, l.Quantity))];
        return this;
    }

    /// <summary>What the case claims, when it is less than (or not on) the order.</summary>
    public CaseBuilder Claiming(params CaseItem[] items) { _items = [.. items]; return this; }

    /// <summary>Who acts now, under this builder's shop policy: the context every case action takes.</summary>
    public ActionContext At(Actor actor) => new(actor, Now, _policy);

    public Case.Opening Opening() => new(
        _type,
        "tmall-flagship",
        Money.DefaultCurrency,
        new OrderSnapshot("TB-20261025-0001", _paidAt, _deliveredAt, _completedAt, _shippingFee, _orderItems),
        new Buyer("xiao.mei", "+86 138 0000 0000"),
        Reason,
        _type switch
        {
            CaseType.Discount => "Small defect; the buyer keeps the shirt for a partial refund.",
            CaseType.BadReview => "Bad review about shrinking.",
            _ => "Needs another size.",
        },
        _items,
        _exchangeFor,
        Priority.Normal,
        null,
        _type == CaseType.Discount ? _compensation : null,
        _type == CaseType.BadReview ? _review : null,
        _platform,
        _platform is null ? null : "TB-RF-" + _sequence,
        _platformDueTimes);

    public Case Open(Actor? actor = null) => Case.Open(Opening(), _sequence++, At(actor ?? Actors.Agent));

    /// <summary>A new case walked through the real workflow to <paramref name="status"/>.</summary>
    public Case In(CaseStatus status)
    {
        var @case = Open();
        WalkTo(@case, status);
        return @case;
    }

    public EvidenceItem Photo() => new(Guid.NewGuid(), "defect.jpg", "image/jpeg", 48_213, "xiao.mei", Now);

    /// <summary>Every claimed unit, in the given condition.</summary>
    public IReadOnlyList<(string Sku, int Quantity, ItemCondition Condition)> AllItems(ItemCondition condition) =>
        [.. _items.Select(i => (i.Sku, i.Quantity, condition))];

    private void WalkTo(Case @case, CaseStatus status)
    {
        switch (@case.Type)
        {
            case CaseType.Discount:
                WalkDiscountTo(@case, status);
                return;
            case CaseType.BadReview:
                WalkBadReviewTo(@case, status);
                return;
            default:
                WalkReturnTo(@case, status);
                return;
        }
    }

    private void WalkReturnTo(Case @case, CaseStatus status)
    {
        var supervisor = Actors.Supervisor;
        switch (status)
        {
            case CaseStatus.Submitted:
                return;
            case CaseStatus.AwaitingEvidence:
                @case.RequestEvidence("Please send a photo of the problem.", At(supervisor));
                @case.AddEvidence(Photo(), At(supervisor));
                return;
            case CaseStatus.AwaitingReturnShipment:
                if (ReasonCatalog.Get(@case.Reason!).IsQuality) @case.AddEvidence(Photo(), At(supervisor));
                @case.Approve(null, At(supervisor));
                return;
            case CaseStatus.ReturnInTransit:
                WalkReturnTo(@case, CaseStatus.AwaitingReturnShipment);
                @case.RecordReturnShipment("SF Express", "sf1234567890", ReturnPostage, false, At(supervisor));
                return;
            case CaseStatus.ReplacementPending:
                WalkReturnTo(@case, CaseStatus.ReturnInTransit);
                @case.ConfirmReceipt(AllItems(ItemCondition.Resaleable), null, At(Actors.Warehouse));
                return;
            case CaseStatus.RefundPending when @case.Type == CaseType.Exchange:
                WalkReturnTo(@case, CaseStatus.ReplacementPending);
                @case.ConvertToRefund("Size L is out of stock.", At(supervisor));
                return;
            case CaseStatus.RefundPending:
                WalkReturnTo(@case, CaseStatus.ReturnInTransit);
                @case.ConfirmReceipt(AllItems(ItemCondition.Resaleable), null, At(Actors.Warehouse));
                return;
            case CaseStatus.InspectionFailed:
                WalkReturnTo(@case, CaseStatus.ReturnInTransit);
                // One unit comes back fine, the other is not the item sold.
                var first = _items[0];
                @case.ConfirmReceipt(
                    [(first.Sku, first.Quantity - 1, ItemCondition.Resaleable), (first.Sku, 1, ItemCondition.WrongItem)],
                    "One unit is a different product.", At(Actors.Warehouse));
                return;
            case CaseStatus.ReplacementShipped:
                WalkReturnTo(@case, CaseStatus.ReplacementPending);
                @case.ShipReplacement("YTO", "yt9876543210", At(supervisor));
                return;
            case CaseStatus.Completed when @case.Type == CaseType.Exchange:
                WalkReturnTo(@case, CaseStatus.ReplacementShipped);
                @case.ConfirmDelivery(At(supervisor));
                return;
            case CaseStatus.Completed:
                WalkReturnTo(@case, CaseStatus.RefundPending);
                @case.Refund(@case.RefundDue, PayoutMethod.PlatformRefund, "TB-RF-1", At(supervisor));
                return;
            case CaseStatus.Rejected:
                @case.Reject(RejectionCode.Duplicate, "Duplicate of an earlier request.", At(supervisor));
                return;
            case CaseStatus.Cancelled:
                @case.Cancel("The buyer withdrew the request.", At(supervisor));
                return;
            case CaseStatus.Expired:
                WalkReturnTo(@case, CaseStatus.AwaitingReturnShipment);
                @case.Expire("The buyer did not send the parcel in time.", At(Actors.System));
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, "No path to this state.");
        }
    }

    /// <summary>A discount above the cap starts awaiting approval; one within it starts approved.</summary>
    private void WalkDiscountTo(Case @case, CaseStatus status)
    {
        if (status == @case.Status) return;
        var supervisor = Actors.Supervisor;
        switch (status)
        {
            case CaseStatus.Approved when @case.Status == CaseStatus.AwaitingApproval:
                @case.Approve("Agreed with the buyer.", At(supervisor));
                return;
            case CaseStatus.Completed:
                WalkDiscountTo(@case, CaseStatus.Approved);
                @case.RecordPayout(PayoutMethod.AlipayTransfer, "2026110122009", null, null, At(supervisor));
                return;
            case CaseStatus.Rejected when @case.Status == CaseStatus.AwaitingApproval:
                @case.Reject("Offer an exchange instead.", At(supervisor));
                return;
            case CaseStatus.Cancelled:
                @case.Cancel("The buyer withdrew the request.", At(supervisor));
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, $"No path from {@case.Status} to this state.");
        }
    }

    private void WalkBadReviewTo(Case @case, CaseStatus status)
    {
        var supervisor = Actors.Supervisor;
        switch (status)
        {
            case CaseStatus.Open:
                return;
            case CaseStatus.Contacting:
                @case.ContactBuyer(ContactChannel.Wangwang, ContactOutcome.Reached, "Buyer explained the shrinking.", At(supervisor));
                return;
            case CaseStatus.AwaitingRevision:
                WalkBadReviewTo(@case, CaseStatus.Contacting);
                @case.BuyerAgreed("Will revise after the refund.", At(supervisor));
                return;
            case CaseStatus.Completed:
                WalkBadReviewTo(@case, CaseStatus.AwaitingRevision);
                @case.ConfirmRevised(ReviewRating.Good, At(supervisor));
                return;
            case CaseStatus.Appealing:
                @case.MarkMalicious("Asks for 50.00 to remove the review.", "chat-2026-11-01.png", At(supervisor));
                return;
            case CaseStatus.AppealFiled:
                WalkBadReviewTo(@case, CaseStatus.Appealing);
                @case.FileAppeal("TM-APPEAL-0001", At(supervisor));
                return;
            case CaseStatus.Locked:
                // The appeal path locks without moving the clock past the revision window.
                WalkBadReviewTo(@case, CaseStatus.AppealFiled);
                @case.AppealRejected(At(supervisor));
                return;
            case CaseStatus.Cancelled:
                @case.Cancel("Reviewed by mistake.", At(supervisor));
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, "No path to this state.");
        }
    }
}
