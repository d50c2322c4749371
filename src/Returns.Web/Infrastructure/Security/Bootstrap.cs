using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Returns.Data;
using Returns.Data.Security;

namespace Returns.Web.Infrastructure.Security;

/// <summary>
/// First start: the roles, an admin from configuration (<c>Returns:Bootstrap:AdminEmail</c>/<c>AdminPassword</c>;
/// the password is never logged), or in Development a generated one printed once; and an optional development
/// key from <c>Returns:Bootstrap:ApiKey</c>.
/// </summary>
public static class Bootstrap
{
    public static async Task BootstrapSecurity(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        var users = services.GetRequiredService<UserManager<ReturnsUser>>();
        var clock = services.GetRequiredService<TimeProvider>();
        var configuration = app.Configuration;
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("Returns.Bootstrap");

        // Create the session key ring now, not inside the first sign-in.
        services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>().CreateProtector("Returns.Startup").Protect("ready"u8.ToArray());

        foreach (var role in Permissions.Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));

        var email = configuration["Returns:Bootstrap:AdminEmail"];
        var password = configuration["Returns:Bootstrap:AdminPassword"];
        if (!string.IsNullOrWhiteSpace(email) && !string.IsNullOrWhiteSpace(password))
        {
            if (await users.FindByEmailAsync(email) is null)
            {
                var result = await CreateAdmin(users, email, password, clock);
                if (result.Succeeded) log.LogInformation("Created the admin {Email} from configuration", email);
                else log.LogError("Could not create the admin {Email}: {Errors}", email, string.Join(" ", result.Errors.Select(e => e.Description)));
            }
        }
        else if (app.Environment.IsDevelopment() && !await users.Users.AnyAsync())
        {
            // A one-time password, shown once on this console, never logged.
            var generated = "Rt-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y') + "7";
            const string devEmail = "admin@returns.local";
            var result = await CreateAdmin(users, devEmail, generated, clock);
            if (result.Succeeded)
                System.Console.WriteLine($"\n  Returns: first admin created — user {devEmail}, one-time password {generated}\n  Sign in at /account/sign-in and create your people; this is not shown again.\n");
        }

        var bootstrapKey = configuration["Returns:Bootstrap:ApiKey"];
        if (!string.IsNullOrWhiteSpace(bootstrapKey))
        {
            if (bootstrapKey.Length < 32)
            {
                log.LogError("Returns:Bootstrap:ApiKey must be at least 32 characters; it was ignored");
                return;
            }
            var db = services.GetRequiredService<ReturnsDbContext>();
            var hash = ApiKeyAuthentication.Hash(bootstrapKey);
            if (!await db.ApiKeys.AnyAsync(k => k.SecretHash == hash))
            {
                // Key names are unique: a changed bootstrap key gets a name of its own.
                var name = await db.ApiKeys.AnyAsync(k => k.Name == "bootstrap") ? "bootstrap-" + hash[..6] : "bootstrap";
                db.ApiKeys.Add(new ApiKey
                {
                    Id = Guid.CreateVersion7(clock.GetUtcNow()), Name = name, Prefix = "bootstrap-" + hash[..6], SecretHash = hash,
                    Scopes = [.. Permissions.Scopes], CreatedBy = "configuration", CreatedAt = clock.GetUtcNow(),
                });
                await db.SaveChangesAsync();
                log.LogInformation("Registered the bootstrap API key from configuration (all scopes)");
            }
        }
    }

    private static async Task<IdentityResult> CreateAdmin(UserManager<ReturnsUser> users, string email, string password, TimeProvider clock)
    {
        var admin = new ReturnsUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Admin", CreatedAt = clock.GetUtcNow() };
        var result = await users.CreateAsync(admin, password);
        return result.Succeeded ? await users.AddToRoleAsync(admin, Permissions.Roles.Admin) : result;
    }
}
