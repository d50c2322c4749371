using Microsoft.AspNetCore.Identity;
using Returns.Data.Security;
using Returns.Domain.Cases;

namespace Returns.Web.Infrastructure.Security;

/// <summary>Finds the people who sign in, as the cases see them (an assignee, for instance).</summary>
/// <remarks>
/// Every case request gets one (through CaseContext) and few look anybody up: the user manager, with its hasher,
/// validators and metrics, is built only for a lookup, not for each request.
/// </remarks>
public sealed class People(IServiceProvider services)
{
    /// <summary>The person with this user name (case-insensitive), or null when nobody has it.</summary>
    public async Task<Person?> Find(string userName)
    {
        var users = services.GetRequiredService<UserManager<ReturnsUser>>();
        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null) return null;
        // Disabling a person locks them out for good (Admin/Users.cs); a lockout after wrong passwords ends by itself.
        var disabled = await users.GetLockoutEndDateAsync(user) == DateTimeOffset.MaxValue;
        var role = (await users.GetRolesAsync(user)).FirstOrDefault() switch
        {
            Permissions.Roles.Admin => Role.Admin,
            Permissions.Roles.Supervisor => Role.Supervisor,
            Permissions.Roles.Agent => Role.Agent,
            // Nobody signs in without a role; such a person works no cases.
            _ => Role.Warehouse,
        };
        return new Person(user.UserName!, role, !disabled);
    }
}
