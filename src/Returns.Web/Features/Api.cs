using Returns.Web.Features.Cases;
using Returns.Web.Features.Cases.Actions;
using Returns.Web.Features.Catalog;
using Returns.Web.Features.Warehouse;

namespace Returns.Web.Features;

public static class Api
{
    public const string Prefix = "/api/v1";

    public static void MapReturnsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix);

        var cases = api.MapGroup("cases").WithTags("Cases");
        CreateCase.Map(cases);
        ListCases.Map(cases);
        GetCase.Map(cases);
        GetTimeline.Map(cases);
        UploadEvidence.Map(cases);

        var actions = api.MapGroup("cases").WithTags("Case actions");
        Approve.Map(actions);
        Reject.Map(actions);
        RequestEvidence.Map(actions);
        SubmitEvidence.Map(actions);
        RecordReturnShipment.Map(actions);
        RefuseParcel.Map(actions);
        ConfirmReceipt.Map(actions);
        Refund.Map(actions);
        ShipReplacement.Map(actions);
        ConfirmDelivery.Map(actions);
        ConvertToRefund.Map(actions);
        Assign.Map(actions);
        AddNote.Map(actions);
        Link.Map(actions);
        Cancel.Map(actions);
        RecordPayout.Map(actions);
        ContactBuyer.Map(actions);
        BuyerAgreed.Map(actions);
        ConfirmRevised.Map(actions);
        PostExplanation.Map(actions);
        MarkMalicious.Map(actions);
        FileAppeal.Map(actions);
        AppealUpheld.Map(actions);
        AppealRejected.Map(actions);

        var warehouse = api.MapGroup("warehouse").WithTags("Warehouse");
        ScanParcel.Map(warehouse);
        ListUnmatchedParcels.Map(warehouse);
        MatchParcel.Map(warehouse);

        var desk = api.MapGroup("").WithTags("Notifications and handover");
        Notifications.ListNotifications.Map(desk);
        Notifications.MarkNotificationRead.Map(desk);
        Handover.ShiftHandover.Map(desk);

        var catalog = api.MapGroup("").WithTags("Catalog");
        ListReasons.Map(catalog);
        DescribeWorkflows.Map(catalog);
    }
}
