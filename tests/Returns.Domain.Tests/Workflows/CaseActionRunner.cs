using Returns.Domain.Cases;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Workflows;

/// <summary>
/// Performs any case action with valid arguments, as someone allowed to attempt it, so that only the
/// case's state decides whether it happens.
/// </summary>
internal static class CaseActionRunner
{
    /// <summary>A supervisor at the desk (a discount's approve and reject are theirs); only the system expires or locks.</summary>
    public static Actor ActorFor(CaseAction action) =>
        ExpectedWorkflow.SystemOnlyActions.Contains(action) ? Actors.System : Actors.Supervisor;

    public static void Perform(Case @case, CaseAction action, CaseBuilder builder)
    {
        var actor = ActorFor(action);
        var now = builder.Now;
        switch (action)
        {
            case CaseAction.Approve:
                @case.Approve("Looks fine.", builder.Policy, actor, now);
                break;
            case CaseAction.Reject:
                @case.Reject("Not our product.", actor, now);
                break;
            case CaseAction.RequestEvidence:
                @case.RequestEvidence("Please send a photo of the problem.", actor, now);
                break;
            case CaseAction.SubmitEvidence:
                @case.SubmitEvidence("Photo attached.", actor, now);
                break;
            case CaseAction.RecordReturnShipment:
                @case.RecordReturnShipment("SF Express", "sf5550001111", CaseBuilder.ReturnPostage, false, builder.Policy, actor, now);
                break;
            case CaseAction.RefuseParcel:
                @case.RefuseParcel("Parcel arrived freight-collect.", actor, now);
                break;
            case CaseAction.ConfirmReceipt:
                @case.ConfirmReceipt(builder.AllItems(ItemCondition.Resaleable), null, actor, now);
                break;
            case CaseAction.Refund:
                @case.Refund(10.00m, PayoutMethod.PlatformRefund, "TB-RF-2", actor, now);
                break;
            case CaseAction.ShipReplacement:
                @case.ShipReplacement("YTO", "yt0001112223", actor, now);
                break;
            case CaseAction.ConfirmDelivery:
                @case.ConfirmDelivery(actor, now);
                break;
            case CaseAction.ConvertToRefund:
                @case.ConvertToRefund("Out of stock.", actor, now);
                break;
            case CaseAction.RecordPayout:
                @case.RecordPayout(PayoutMethod.AlipayTransfer, "2026110122001", null, null, actor, now);
                break;
            case CaseAction.ContactBuyer:
                @case.ContactBuyer(ContactChannel.Phone, ContactOutcome.Reached, "Buyer answered.", actor, now);
                break;
            case CaseAction.BuyerAgreed:
                @case.BuyerAgreed("Will revise tonight.", actor, now);
                break;
            case CaseAction.ConfirmRevised:
                @case.ConfirmRevised(ReviewRating.Good, actor, now);
                break;
            case CaseAction.PostExplanation:
                @case.PostExplanation("Sorry about the shrinking; we have sent a replacement.", actor, now);
                break;
            case CaseAction.MarkMalicious:
                @case.MarkMalicious("Demands money to remove the review.", "chat.png", actor, now);
                break;
            case CaseAction.FileAppeal:
                @case.FileAppeal("TM-APPEAL-0002", actor, now);
                break;
            case CaseAction.AppealUpheld:
                @case.AppealUpheld(actor, now);
                break;
            case CaseAction.AppealRejected:
                @case.AppealRejected(actor, now);
                break;
            case CaseAction.Expire:
                @case.Expire("Deadline passed.", actor, now);
                break;
            case CaseAction.PlatformRefund:
                @case.PlatformRefund(actor, now);
                break;
            case CaseAction.Lock:
                // The deadline job locks a review once its revision window has passed.
                if (@case.RevisionDueAt is { } due && builder.Now < due)
                    builder.Clock.Advance(due - builder.Now);
                @case.Lock(actor, builder.Now);
                break;
            case CaseAction.Assign:
                @case.Assign("li.na", actor, now);
                break;
            case CaseAction.AddNote:
                @case.AddNote("Buyer called again.", actor, now);
                break;
            case CaseAction.AddEvidence:
                @case.AddEvidence(builder.Photo(), actor, now);
                break;
            case CaseAction.Link:
                // A return: every type may link to one (a bad review may not link to another bad review).
                @case.Link(new CaseBuilder(builder.Clock).WithSequence(900).Open(), actor, now);
                break;
            case CaseAction.Cancel:
                @case.Cancel("Buyer withdrew.", actor, now);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "Not an action on an existing case.");
        }
    }
}
