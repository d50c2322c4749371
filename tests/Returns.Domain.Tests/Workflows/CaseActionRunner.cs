using Returns.Domain.Cases;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Workflows;

/// <summary>
/// Performs any case action with valid arguments, as someone allowed to attempt it, so that only the
/// case's state decides whether it happens.
/// </summary>
internal static class CaseActionRunner
{
    /// <summary>
    /// A supervisor at the desk (so the supervisor gate never refuses: a discount above the cap is theirs to decide);
    /// only the system expires, locks or records the platform's refund.
    /// </summary>
    public static Actor ActorFor(CaseAction action) =>
        ExpectedWorkflow.SystemOnlyActions.Contains(action) ? Actors.System : Actors.Supervisor;

    public static void Perform(Case @case, CaseAction action, CaseBuilder builder)
    {
        var actor = ActorFor(action);
        var at = builder.At(actor);
        switch (action)
        {
            case CaseAction.Approve:
                @case.Approve("Looks fine.", at);
                break;
            case CaseAction.Reject:
                @case.Reject(RejectionCode.Duplicate, "Duplicate of an earlier request.", at);
                break;
            case CaseAction.RequestEvidence:
                @case.RequestEvidence("Please send a photo of the problem.", at);
                break;
            case CaseAction.SubmitEvidence:
                @case.SubmitEvidence("Photo attached.", at);
                break;
            case CaseAction.RecordReturnShipment:
                @case.RecordReturnShipment("SF Express", "sf5550001111", CaseBuilder.ReturnPostage, false, at);
                break;
            case CaseAction.RefuseParcel:
                @case.RefuseParcel("Parcel arrived freight-collect.", at);
                break;
            case CaseAction.ConfirmReceipt:
                @case.ConfirmReceipt(builder.AllItems(ItemCondition.Resaleable), null, at);
                break;
            case CaseAction.Refund:
                @case.Refund(10.00m, PayoutMethod.PlatformRefund, "TB-RF-2", at);
                break;
            case CaseAction.ShipReplacement:
                @case.ShipReplacement("YTO", "yt0001112223", at);
                break;
            case CaseAction.ConfirmDelivery:
                @case.ConfirmDelivery(at);
                break;
            case CaseAction.RefundPostage:
                @case.RefundPostage(@case.PostageOwed, PayoutMethod.PlatformRefund, "TB-RF-3", at);
                break;
            case CaseAction.ConvertToRefund:
                @case.ConvertToRefund("Out of stock.", at);
                break;
            case CaseAction.RecordPayout:
                @case.RecordPayout(PayoutMethod.AlipayTransfer, "2026110122001", null, null, at);
                break;
            case CaseAction.ContactBuyer:
                @case.ContactBuyer(ContactChannel.Phone, ContactOutcome.Reached, "Buyer answered.", at);
                break;
            case CaseAction.BuyerAgreed:
                @case.BuyerAgreed("Will revise tonight.", at);
                break;
            case CaseAction.ConfirmRevised:
                @case.ConfirmRevised(ReviewRating.Good, at);
                break;
            case CaseAction.PostExplanation:
                @case.PostExplanation("Sorry about the shrinking; we have sent a replacement.", at);
                break;
            case CaseAction.MarkMalicious:
                @case.MarkMalicious("Demands money to remove the review.", "chat.png", at);
                break;
            case CaseAction.FileAppeal:
                @case.FileAppeal("TM-APPEAL-0002", at);
                break;
            case CaseAction.AppealUpheld:
                @case.AppealUpheld(at);
                break;
            case CaseAction.AppealRejected:
                @case.AppealRejected(at);
                break;
            case CaseAction.Expire:
                @case.Expire("Deadline passed.", at);
                break;
            case CaseAction.PlatformRefund:
                @case.PlatformRefund(at);
                break;
            case CaseAction.Lock:
                // The deadline job locks a review once its revision window has passed.
                if (@case.RevisionDueAt is { } due && builder.Now < due)
                    builder.Clock.Advance(due - builder.Now);
                @case.Lock(builder.At(actor));
                break;
            case CaseAction.Assign:
                @case.Assign("li.na", Actors.ActiveAgent("li.na"), at);
                break;
            case CaseAction.AddNote:
                @case.AddNote("Buyer called again.", at);
                break;
            case CaseAction.AddEvidence:
                @case.AddEvidence(builder.Photo(), at);
                break;
            case CaseAction.Link:
                // A return: every type may link to one (a bad review may not link to another bad review).
                @case.Link(new CaseBuilder(builder.Clock).WithSequence(900).Open(), at);
                break;
            case CaseAction.Cancel:
                @case.Cancel("Buyer withdrew.", at);
                break;
            case CaseAction.SyncPlatformDeadlines:
                @case.SyncPlatformDeadlines([new PlatformDueTime(Returns.Domain.Deadlines.DeadlineKind.SellerDecision, builder.Now.AddHours(40))], at);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "Not an action on an existing case.");
        }
    }
}
