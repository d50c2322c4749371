using Returns.Domain.Policies;

namespace Returns.Web.Infrastructure;

/// <summary>
/// Shop rules from configuration: <c>Returns:Policies:Default</c>, overridden per shop under
/// <c>Returns:Policies:Shops:{code}</c> (only the keys a shop sets).
/// </summary>
public sealed class ShopPolicies
{
    private readonly IConfiguration _configuration;
    private System.Collections.Concurrent.ConcurrentDictionary<string, ShopPolicy> _cache = new(StringComparer.Ordinal);

    public ShopPolicies(IConfiguration configuration)
    {
        _configuration = configuration;
        // Bound once per shop, bound again when the configuration is reloaded.
        Microsoft.Extensions.Primitives.ChangeToken.OnChange(configuration.GetReloadToken, () => _cache = new(StringComparer.Ordinal));
    }

    /// <summary>The shop's rules. Treat the result as read-only: it is shared.</summary>
    public ShopPolicy For(string shop) =>
        // Shops without their own section share the default's entry, so any shop code a caller sends cannot grow the cache.
        _cache.GetOrAdd(_configuration.GetSection($"Returns:Policies:Shops:{shop}").Exists() ? shop : "", Bind);

    private ShopPolicy Bind(string shop)
    {
        var configuration = _configuration;
        // A fresh instance each time: binding mutates nested settings, which must never leak between shops.
        var policy = new ShopPolicy();
        configuration.GetSection("Returns:Policies:Default").Bind(policy);
        configuration.GetSection($"Returns:Policies:Shops:{shop}").Bind(policy);
        return policy;
    }
}
