using Returns.Domain.Cases;

namespace Returns.Web.Infrastructure;

/// <summary>Who is calling. Until sign-in and API keys land, callers name themselves in headers.</summary>
public interface IActorAccessor
{
    Actor Current { get; }
}

/// <summary>
/// Interim identity: <c>X-Actor</c> (name, default "api") and <c>X-Actor-Role</c>
/// (agent, supervisor, warehouse, admin; default agent). The system role is never accepted from outside.
/// </summary>
public sealed class HeaderActorAccessor(IHttpContextAccessor http) : IActorAccessor
{
    public const string NameHeader = "X-Actor";
    public const string RoleHeader = "X-Actor-Role";

    private Actor? _overridden;

    public Actor Current => _overridden ?? Read(http.HttpContext);

    /// <summary>Jobs and tests act as someone other than the HTTP caller.</summary>
    public void ActAs(Actor actor) => _overridden = actor;

    private static Actor Read(HttpContext? context)
    {
        if (context is null) return Actor.System;
        var name = context.Request.Headers[NameHeader].ToString().Trim();
        if (name.Length > 128)
            throw ProblemException.Validation(NameHeader, "At most 128 characters.");
        var roleText = context.Request.Headers[RoleHeader].ToString().Trim();
        var role = Role.Agent;
        if (roleText.Length > 0 && (!Enum.TryParse(roleText, ignoreCase: true, out role) || role == Role.System || int.TryParse(roleText, out _)))
            throw ProblemException.Validation(RoleHeader, "Must be one of agent, supervisor, warehouse, admin.");
        return new Actor(name.Length == 0 ? "api" : name, role);
    }
}
