using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Returns.Data;

namespace Returns.Web.Infrastructure.Security;

/// <summary>
/// Integrations send <c>X-Api-Key</c>; the key is found by its SHA-256 hash (in <see cref="ApiKeyCache"/> for 5 s) and must
/// not be revoked.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ReturnsDbContext db, ApiKeyCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A new key's text: rk_ + 8 hex characters shown in lists + 43 random characters.</summary>
    public static (string Key, string Prefix) NewKey()
    {
        var prefix = "rk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        return ($"{prefix}_{Base64Url(RandomNumberGenerator.GetBytes(32))}", prefix);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values)) return AuthenticateResult.NoResult();
        var text = values.ToString().Trim();
        if (text.Length is < 16 or > 200) return AuthenticateResult.Fail("Invalid API key.");
        var hash = Hash(text);
        if (!cache.TryGet(hash, out var key))
        {
            var row = await db.ApiKeys.AsNoTracking().Where(k => k.SecretHash == hash)
                .Select(k => new { k.Id, k.Name, k.Scopes, k.Shop, k.RevokedAt }).SingleOrDefaultAsync(Context.RequestAborted);
            key = row is null || row.RevokedAt is not null ? null : new ApiKeyCache.Entry(row.Id, row.Name, row.Scopes, row.Shop);
            cache.Remember(hash, key);
        }
        if (key is null) return AuthenticateResult.Fail("Invalid or revoked API key.");

        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, Returns.Domain.Cases.Actor.KeyName(key.Name)),
            new(ClaimTypes.NameIdentifier, key.Id.ToString()),
            new(Permissions.AuthKindClaim, "key"),
            new(Permissions.KeyIdClaim, key.Id.ToString()),
        };
        claims.AddRange(key.Scopes.Select(s => new Claim(Permissions.ScopeClaim, s)));
        if (key.Shop is not null) claims.Add(new Claim(Permissions.ShopClaim, key.Shop));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => Problem(401, "unauthenticated",
        "Unauthenticated", Request.Headers.ContainsKey(Header) ? "The API key is invalid or revoked." : "Sign in, or send an X-Api-Key.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problem(403, "forbidden", "Forbidden", "This key's scopes do not allow this request.");

    private Task Problem(int status, string code, string title, string detail)
    {
        Response.StatusCode = status;
        Response.ContentType = "application/problem+json";
        return Response.WriteAsJsonAsync(ProblemExceptionHandler.Create(status, code, title, detail), (System.Text.Json.JsonSerializerOptions?)null,
            "application/problem+json");
    }
}
