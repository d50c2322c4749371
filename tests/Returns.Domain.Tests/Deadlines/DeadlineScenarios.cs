using Microsoft.Extensions.Time.Testing;
using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Returns.Domain.Policies;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Deadlines;

/// <summary>
/// For each clock of the issue 5 table, a case brought to the step that starts it, that step taken at
/// <see cref="StartsAt"/> (a Tuesday, 14:00 in Shanghai: inside business hours, 9.5 h before the close).
/// Earlier steps happen at <see cref="CaseBuilder.Start"/>.
/// </summary>
internal static class DeadlineScenarios
{
    /// <summary>2026-11-03T06:00Z = 14:00 Asia/Shanghai.</summary>
    public static readonly DateTimeOffset StartsAt = new(2026, 11, 3, 6, 0, 0, TimeSpan.Zero);

    /// <summary>The clocks that start from a step of the case (the review clocks start at the review's postedAt instead).</summary>
    public static readonly IReadOnlyList<DeadlineKind> StartedBySteps =
    [
        DeadlineKind.FirstTouch, DeadlineKind.SellerDecision, DeadlineKind.EvidenceFromBuyer, DeadlineKind.BuyerShipsReturn,
        DeadlineKind.SellerConfirmsReceipt, DeadlineKind.RefundAfterReceipt, DeadlineKind.ExchangeReship,
        DeadlineKind.DiscountPayout, DeadlineKind.BadReviewFirstContact, DeadlineKind.ContactChaser,
    ];

    /// <summary>
    /// A case whose <paramref name="kind"/> clock has just started at <see cref="StartsAt"/> (for the review
    /// explanation and revision clocks: a bad review logged at <see cref="StartsAt"/>).
    /// </summary>
    public static PlannedCase Started(DeadlineKind kind, ShopPolicy? policy = null)
    {
        CaseBuilder Builder(DateTimeOffset at) => new CaseBuilder(new FakeTimeProvider(at)).WithPolicy(policy ?? ShopPolicy.Default);

        return kind switch
        {
            DeadlineKind.FirstTouch or DeadlineKind.SellerDecision => PlannedCase.Open(Builder(StartsAt)),
            DeadlineKind.EvidenceFromBuyer => PlannedCase.Open(Builder(CaseBuilder.Start)).At(StartsAt).RequestEvidence(),
            DeadlineKind.BuyerShipsReturn => PlannedCase.Open(Builder(CaseBuilder.Start)).At(StartsAt).Approve(),
            DeadlineKind.SellerConfirmsReceipt =>
                PlannedCase.In(Builder(CaseBuilder.Start), CaseStatus.AwaitingReturnShipment).At(StartsAt).RecordReturnShipment(),
            DeadlineKind.RefundAfterReceipt =>
                PlannedCase.In(Builder(CaseBuilder.Start), CaseStatus.ReturnInTransit).At(StartsAt).ConfirmReceipt(),
            DeadlineKind.ExchangeReship =>
                PlannedCase.In(Builder(CaseBuilder.Start).Exchange(), CaseStatus.ReturnInTransit).At(StartsAt).ConfirmReceipt(),
            // The default discount (15.00 above the 8.00 cap) waits for a supervisor's approval.
            DeadlineKind.DiscountPayout => PlannedCase.Open(Builder(CaseBuilder.Start).Discount()).At(StartsAt).Approve(),
            // The review clocks start at the review's postedAt, a day before the case is logged.
            DeadlineKind.BadReviewFirstContact or DeadlineKind.BadReviewExplanation or DeadlineKind.BadReviewRevision =>
                PlannedCase.Open(Builder(StartsAt).BadReview()),
            DeadlineKind.ContactChaser =>
                PlannedCase.Open(Builder(CaseBuilder.Start).BadReview()).At(StartsAt).ContactBuyer(ContactOutcome.NoAnswer),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No scenario for this clock."),
        };
    }

    /// <summary>
    /// Takes steps by their contract names, joined with <c>+</c>, with a variant after a colon where it matters:
    /// <c>contact-buyer:noAnswer</c>, <c>confirm-receipt:fails</c>, <c>add-note:system</c>.
    /// </summary>
    public static PlannedCase Perform(this PlannedCase c, string steps)
    {
        foreach (var step in steps.Split('+'))
            c.PerformOne(step);
        return c;
    }

    private static PlannedCase PerformOne(this PlannedCase c, string step) => step switch
    {
        "add-note" => c.AddNote(Actors.Agent),
        "add-note:system" => c.AddNote(Actors.System),
        "approve" => c.Approve(),
        "approve:system" => c.Approve(Actors.System),
        "reject" => c.Reject(),
        "request-evidence" => c.RequestEvidence(),
        "submit-evidence" => c.SubmitEvidence(),
        "record-return-shipment" => c.RecordReturnShipment(),
        "refuse-parcel" => c.RefuseParcel(),
        "confirm-receipt" => c.ConfirmReceipt(),
        "confirm-receipt:fails" => c.ConfirmReceipt(passes: false),
        "refund" => c.Refund(),
        "ship-replacement" => c.ShipReplacement(),
        "convert-to-refund" => c.ConvertToRefund(),
        "record-payout" => c.RecordPayout(),
        "contact-buyer:reached" => c.ContactBuyer(ContactOutcome.Reached),
        "contact-buyer:noAnswer" => c.ContactBuyer(ContactOutcome.NoAnswer),
        "contact-buyer:refused" => c.ContactBuyer(ContactOutcome.Refused),
        "buyer-agreed" => c.BuyerAgreed(),
        "confirm-revised" => c.ConfirmRevised(),
        "post-explanation" => c.PostExplanation(),
        "mark-malicious" => c.MarkMalicious(),
        "file-appeal" => c.FileAppeal(),
        "cancel" => c.Cancel(),
        "expire" => c.Expire(),
        "platform-refund" => c.PlatformRefund(),
        "lock" => c.Lock(),
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "No such step in these tests."),
    };
}
