using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Returns.Domain.Cases;
using Returns.Domain.Workflows;
using Returns.Web.Infrastructure.Security;

namespace Returns.Web.Features.Cases.Actions;

/// <summary>
/// Who may take which action on which case: the one rule behind the action endpoints (403), their handlers and every case's
/// <c>allowedActions</c> (docs/business-rules.md §5.2). The caller needs the permission of the action's row in
/// <see cref="CaseActionRoutes"/> — on a bad review, what every open case allows needs <c>reviews</c> instead, which the
/// desk and <c>cases:write</c> keys hold too — and a role the case's workflow lets attempt it.
/// </summary>
public static class CaseActionAccess
{
    /// <summary>The permission <paramref name="action"/> needs on a case of <paramref name="type"/>; null when no caller takes it (the system's own steps).</summary>
    public static string? PermissionFor(CaseAction action, CaseType type)
    {
        // A review feed works the bad reviews it logs: it notes, attaches, assigns, links and cancels them (§5.2).
        if (type == CaseType.BadReview && (Workflow.OpenCaseActions.Contains(action) || action == CaseAction.Cancel))
            return Permissions.Reviews;
        if (action == CaseAction.AddEvidence) return Permissions.Evidence;
        return CaseActionRoutes.TryGet(action, out var route) ? route.Permission : null;
    }

    /// <summary>The endpoint's policy: the caller may take the action on a case of some type (the handler then asks for this case's).</summary>
    public static string PolicyFor(CaseAction action) => "case-action:" + action.Name();

    public static void AddPolicies(AuthorizationOptions options)
    {
        foreach (var action in CaseActionRoutes.All.Select(r => r.Action).Append(CaseAction.AddEvidence))
            options.AddPolicy(PolicyFor(action), p => p.RequireAuthenticatedUser().RequireAssertion(c =>
                Workflow.Definitions.Keys.Any(type => PermissionFor(action, type) is { } permission && c.User.Has(permission))));
    }

    /// <summary>
    /// Whether the caller (<paramref name="user"/>, acting as <paramref name="role"/>; null for the system) may take
    /// <paramref name="action"/> on <paramref name="case"/>, whatever its state.
    /// </summary>
    public static bool Allows(ClaimsPrincipal? user, Role role, Case @case, CaseAction action) =>
        (user is null || (PermissionFor(action, @case.Type) is { } permission && user.Has(permission)))
        && @case.Definition.MayAttempt(action, role);
}
