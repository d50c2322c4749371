using Returns.Domain.Policies;

namespace Returns.Web.Infrastructure;

/// <summary>
/// Shop rules from configuration: <c>Returns:Policies:Default</c>, overridden per shop under
/// <c>Returns:Policies:Shops:{code}</c> (only the keys a shop sets).
/// </summary>
public sealed class ShopPolicies(IConfiguration configuration)
{
    public ShopPolicy For(string shop)
    {
        // A fresh instance each time: binding mutates nested settings, which must never leak between shops.
        var policy = new ShopPolicy();
        configuration.GetSection("Returns:Policies:Default").Bind(policy);
        configuration.GetSection($"Returns:Policies:Shops:{shop}").Bind(policy);
        return policy;
    }
}
