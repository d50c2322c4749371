using Returns.Web.Features.Cases;
using Returns.Web.Features.Cases.Actions;
using Returns.Web.Features.Catalog;
using Returns.Web.Features.Warehouse;
using Returns.Web.Infrastructure.Security;

namespace Returns.Web.Features;

public static class Api
{
    public const string Prefix = "/api/v1";

    public static void MapReturnsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix);

        // Every group states the permission it needs; only /auth/sign-in answers anonymously.
        var read = api.MapGroup("cases").WithTags("Cases").RequireAuthorization(Permissions.CasesRead);
        ListCases.Map(read);
        GetCase.Map(read);
        GetTimeline.Map(read);
        UploadEvidence.MapDownload(read);

        var intake = api.MapGroup("cases").WithTags("Cases").RequireAuthorization(Permissions.Intake);
        CreateCase.Map(intake);

        var evidence = api.MapGroup("cases").WithTags("Cases").RequireAuthorization(CaseActionAccess.PolicyFor(Domain.Cases.CaseAction.AddEvidence));
        UploadEvidence.MapUpload(evidence);

        // docs/business-rules.md §7: the buyer's phone for the people who call buyers, logged; the log for supervisors.
        Privacy.RevealContact.Map(api.MapGroup("cases").WithTags("Cases").RequireAuthorization(Permissions.RevealContact));
        Privacy.ListContactAccess.Map(api.MapGroup("audit").WithTags("Audit").RequireAuthorization(Permissions.Audit));

        // Each action states its own permission: one row each in CaseActionRoutes.
        api.MapGroup("cases").WithTags("Case actions").MapCaseActions();

        var warehouse = api.MapGroup("warehouse").WithTags("Warehouse");
        ScanParcel.Map(warehouse.MapGroup("").RequireAuthorization(Permissions.Warehouse));
        ListUnmatchedParcels.Map(warehouse.MapGroup("").RequireAuthorization(Permissions.Warehouse));
        MatchParcel.Map(warehouse.MapGroup("").RequireAuthorization(Permissions.CasesWrite));

        var people = api.MapGroup("").WithTags("Notifications and handover");
        Notifications.ListNotifications.Map(people.MapGroup("").RequireAuthorization(Permissions.Person));
        Notifications.MarkNotificationRead.Map(people.MapGroup("").RequireAuthorization(Permissions.Person));
        Handover.ShiftHandover.Map(people.MapGroup("").RequireAuthorization(Permissions.Desk));

        var catalog = api.MapGroup("").WithTags("Catalog").RequireAuthorization(Permissions.Authenticated);
        ListReasons.Map(catalog);
        ListRejectionReasons.Map(catalog);
        DescribeWorkflows.Map(catalog);

        var auth = api.MapGroup("auth").WithTags("Sign-in");
        Auth.SignIn.Map(auth);
        Auth.SignOut.Map(auth);
        Admin.Users.Map(api.MapGroup("admin/users").WithTags("Admin").RequireAuthorization(Permissions.Admin));
        Admin.ApiKeys.Map(api.MapGroup("admin/api-keys").WithTags("Admin").RequireAuthorization(Permissions.Admin));
        Webhooks.WebhookSubscriptions.Map(api.MapGroup("webhooks").WithTags("Webhooks").RequireAuthorization(Permissions.Webhooks));
        Webhooks.EventFeed.Map(api.MapGroup("events").WithTags("Webhooks").RequireAuthorization(Permissions.Events));
    }
}
