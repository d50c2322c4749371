using System.Security.Claims;
using Returns.Domain.Cases;
using Returns.Web.Infrastructure.Security;

namespace Returns.Web.Infrastructure;

/// <summary>Who is acting: the signed-in person or the integration's key; the system when no request is involved (jobs).</summary>
public interface IActorAccessor
{
    Actor Current { get; }

    /// <summary>The caller's principal, or null for the system.</summary>
    ClaimsPrincipal? Principal { get; }
}

public sealed class PrincipalActorAccessor(IHttpContextAccessor http) : IActorAccessor
{
    public ClaimsPrincipal? Principal => http.HttpContext?.User;

    public Actor Current
    {
        get
        {
            var context = http.HttpContext;
            if (context is null) return Actor.System;
            var user = context.User;
            // Every API endpoint requires authentication; an anonymous request never acts as anybody.
            if (user.Identity?.IsAuthenticated != true)
                throw new ProblemException(401, "unauthenticated", "Unauthenticated", "Sign in, or send an X-Api-Key.");
            // Asked once per permitted action of each case shown: read the claims once per principal.
            if (!ReferenceEquals(_actorOf, user)) (_actorOf, _actor) = (user, new Actor(user.Identity.Name ?? "unknown", DomainRole(user)));
            return _actor!;
        }
    }

    private ClaimsPrincipal? _actorOf;
    private Actor? _actor;

    /// <summary>People act in their role; a key acts as the desk when it may write, else as the warehouse.</summary>
    public static Role DomainRole(ClaimsPrincipal user)
    {
        if (user.IsKey())
        {
            var scopes = user.FindAll(Permissions.ScopeClaim).Select(c => c.Value).ToHashSet();
            return scopes.Contains(Permissions.CasesWrite) || scopes.Contains(Permissions.Reviews) || !scopes.Contains(Permissions.Warehouse)
                ? Role.Agent
                : Role.Warehouse;
        }
        return SecuritySetup.RoleOf(user) switch
        {
            Permissions.Roles.Admin => Role.Admin,
            Permissions.Roles.Supervisor => Role.Supervisor,
            Permissions.Roles.Warehouse => Role.Warehouse,
            _ => Role.Agent,
        };
    }
}
