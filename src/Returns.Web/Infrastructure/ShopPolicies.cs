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
        var policy = ShopPolicy.Default with { };
        configuration.GetSection("Returns:Policies:Default").Bind(policy);
        configuration.GetSection($"Returns:Policies:Shops:{shop}").Bind(policy);
        return policy;
    }
}
