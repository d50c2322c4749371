using Returns.Domain.Cases;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Workflows;

/// <summary>Performs any case action with valid arguments, as someone allowed to attempt it.</summary>
internal static class CaseActionRunner
{
    /// <summary>A supervisor at the desk; only the system lets a case expire.</summary>
    public static Actor ActorFor(CaseAction action) => action == CaseAction.Expire ? Actors.System : Actors.Supervisor;

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
            case CaseAction.Expire:
                @case.Expire("Deadline passed.", actor, now);
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
                @case.Link(builder.Open(), actor, now);
                break;
            case CaseAction.Cancel:
                @case.Cancel("Buyer withdrew.", actor, now);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "Not an action on an existing case.");
        }
    }
}
