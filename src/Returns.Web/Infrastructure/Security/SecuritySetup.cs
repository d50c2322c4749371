using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Returns.Data;
using Returns.Data.Security;

namespace Returns.Web.Infrastructure.Security;

public static class SecuritySetup
{
    public const string Scheme = "Returns";

    /// <summary>Identity with our EF stores, cookie sign-in for people, X-Api-Key for integrations.</summary>
    public static IServiceCollection AddReturnsSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentityCore<ReturnsUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = configuration.GetValue("Returns:Security:MaxFailedSignIns", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(configuration.GetValue("Returns:Security:LockoutMinutes", 15));
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ReturnsDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
                o.DefaultForbidScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Cookie or API key", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.ContainsKey(ApiKeyAuthentication.Header) ? ApiKeyAuthentication.SchemeName : IdentityConstants.ApplicationScheme)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.Cookie.Name = "returns.auth";
                o.Cookie.HttpOnly = true;
                // Strict: a cookie never rides on another site's request; CrossOriginWrites refuses what a same-site
                // page (another subdomain) or an older browser could still send.
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                // Sessions expire in wall time: the injected clock is business time (and a fake one in tests).
                o.TimeProvider = TimeProvider.System;
                o.LoginPath = "/account/sign-in";
                o.LogoutPath = "/account/sign-out";
                o.AccessDeniedPath = "/account/denied";
                o.Events = new CookieAuthenticationEvents
                {
                    // Every request: the session still open, the person unchanged (signed out, disabled, moved, new password).
                    OnValidatePrincipal = SessionStore.ValidatePrincipal,
                    OnRedirectToLogin = c => ApiOr(c, 401, "unauthenticated", "Unauthenticated", "Sign in, or send an X-Api-Key."),
                    OnRedirectToAccessDenied = c => ApiOr(c, 403, "forbidden", "Forbidden", "Your role does not allow this request."),
                };
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, o => o.TimeProvider = TimeProvider.System)
            // Not used for sign-in, but Identity signs out of them when it rejects a stale session.
            .AddCookie(IdentityConstants.ExternalScheme)
            .AddCookie(IdentityConstants.TwoFactorUserIdScheme)
            .AddCookie(IdentityConstants.TwoFactorRememberMeScheme);
        services.AddScoped<SignInAttempts>();
        services.AddSingleton<ApiKeyCache>();
        services.AddAuthorization(options =>
        {
            Permissions.AddPolicies(options);
            Features.Cases.Actions.CaseActionAccess.AddPolicies(options);
        });
        // Every node reads every node's session cookie: the protection keys live in the shared database.
        services.AddDataProtection().PersistKeysToDbContext<ReturnsDbContext>().SetApplicationName("Returns");
        return services;
    }

    /// <summary>The API answers 401/403 problems; pages are redirected to sign in.</summary>
    private static Task ApiOr(RedirectContext<CookieAuthenticationOptions> context, int status, string code, string title, string detail)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/hangfire"))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(ProblemExceptionHandler.Create(status, code, title, detail),
            (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    public static string RoleOf(ClaimsPrincipal user) =>
        new[] { Permissions.Roles.Admin, Permissions.Roles.Supervisor, Permissions.Roles.Agent, Permissions.Roles.Warehouse }
            .FirstOrDefault(user.IsInRole) ?? "";
}
