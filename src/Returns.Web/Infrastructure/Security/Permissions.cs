using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Returns.Web.Infrastructure.Security;

/// <summary>
/// What a caller may do (issue 6, docs/business-rules.md §5.2). People get permissions from their role; integrations from
/// their key's scopes. Each endpoint requires one permission; the domain still checks the role per action.
/// </summary>
public static class Permissions
{
    public const string CasesRead = "cases:read";
    public const string CasesWrite = "cases:write";
    public const string Warehouse = "warehouse";
    public const string Reviews = "reviews";
    public const string Webhooks = "webhooks";

    /// <summary>A key that reads the buyer's phone unmasked in the cases it may read (docs/business-rules.md §7).</summary>
    public const string BuyerContact = "buyer-contact";

    /// <summary>Read the access log of buyers' contact data: supervisors, admins, and a key with this scope (its shop's).</summary>
    public const string Audit = "audit";

    /// <summary>Reveal a buyer's phone with a reason, logged: the people who call buyers (agents, supervisors).</summary>
    public const string RevealContact = "reveal-contact";

    /// <summary>Log a case: the desk, and integrations that may write cases or feed reviews.</summary>
    public const string Intake = "intake";

    /// <summary>Upload evidence: the desk, and the warehouse photographing what arrived.</summary>
    public const string Evidence = "evidence";

    /// <summary>
    /// The event feed (GET /events): what the webhooks deliver, about every case of the caller's shop. People who oversee
    /// the desk (supervisors, admins); keys that receive webhooks or read cases. Not the warehouse, nor a review feed.
    /// </summary>
    public const string Events = "events";

    /// <summary>Users, keys: admins only, never a key.</summary>
    public const string Admin = "admin";

    /// <summary>People at the after-sales desk (handover list, supervisor tools).</summary>
    public const string Desk = "desk";

    /// <summary>Anyone signed in (their own notifications).</summary>
    public const string Person = "person";

    /// <summary>Any authenticated caller (catalogs, workflows).</summary>
    public const string Authenticated = "authenticated";

    /// <summary>The Hangfire dashboard: supervisors and admins.</summary>
    public const string Jobs = "jobs";

    public static readonly IReadOnlyList<string> Scopes = [CasesRead, CasesWrite, Warehouse, Reviews, Webhooks, BuyerContact, Audit];

    public static class Roles
    {
        public const string Agent = "agent";
        public const string Supervisor = "supervisor";
        public const string Warehouse = "warehouse";
        public const string Admin = "admin";

        public static readonly IReadOnlyList<string> All = [Agent, Supervisor, Warehouse, Admin];
    }

    public const string AuthKindClaim = "returns:auth";
    public const string ScopeClaim = "returns:scope";
    public const string ShopClaim = "returns:shop";
    public const string KeyIdClaim = "returns:key";

    private static readonly Dictionary<string, (string[] Roles, string[] Scopes)> Grants = new()
    {
        // A review feed reads the bad reviews it logs (CaseContext.Visible shows it nothing else).
        [CasesRead] = ([Roles.Agent, Roles.Supervisor, Roles.Admin, Roles.Warehouse], [CasesRead, CasesWrite, Reviews]),
        [CasesWrite] = ([Roles.Agent, Roles.Supervisor, Roles.Admin], [CasesWrite]),
        [Warehouse] = ([Roles.Agent, Roles.Supervisor, Roles.Admin, Roles.Warehouse], [Warehouse, CasesWrite]),
        [Reviews] = ([Roles.Agent, Roles.Supervisor, Roles.Admin], [Reviews, CasesWrite]),
        [Intake] = ([Roles.Agent, Roles.Supervisor, Roles.Admin], [CasesWrite, Reviews]),
        [Evidence] = ([Roles.Agent, Roles.Supervisor, Roles.Admin, Roles.Warehouse], [CasesWrite, Warehouse]),
        [Webhooks] = ([Roles.Admin], [Webhooks]),
        [Events] = ([Roles.Supervisor, Roles.Admin], [Webhooks, CasesRead, CasesWrite]),
        [Admin] = ([Roles.Admin], []),
        [Desk] = ([Roles.Agent, Roles.Supervisor, Roles.Admin], [CasesRead, CasesWrite]),
        [Person] = ([Roles.Agent, Roles.Supervisor, Roles.Admin, Roles.Warehouse], []),
        [Authenticated] = ([Roles.Agent, Roles.Supervisor, Roles.Admin, Roles.Warehouse], [CasesRead, CasesWrite, Warehouse, Reviews, Webhooks, BuyerContact, Audit]),
        [Jobs] = ([Roles.Supervisor, Roles.Admin], []),
        // People never read the phone unmasked in a view: they reveal it, and that is logged.
        [BuyerContact] = ([], [BuyerContact]),
        [RevealContact] = ([Roles.Agent, Roles.Supervisor], []),
        [Audit] = ([Roles.Supervisor, Roles.Admin], [Audit]),
    };

    public static bool IsKey(this ClaimsPrincipal user) => user.FindFirstValue(AuthKindClaim) == "key";

    public static bool Has(this ClaimsPrincipal user, string permission)
    {
        if (user.Identity?.IsAuthenticated != true || !Grants.TryGetValue(permission, out var grant)) return false;
        return user.IsKey()
            ? user.FindAll(ScopeClaim).Any(c => grant.Scopes.Contains(c.Value))
            : grant.Roles.Any(user.IsInRole);
    }

    /// <summary>The shop a key is restricted to, if any.</summary>
    public static string? RestrictedShop(this ClaimsPrincipal user) => user.FindFirstValue(ShopClaim);

    public static void AddPolicies(AuthorizationOptions options)
    {
        foreach (var permission in Grants.Keys)
            options.AddPolicy(permission, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.Has(permission)));
    }
}
