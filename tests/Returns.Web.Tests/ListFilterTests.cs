using System.Net;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests;

/// <summary>
/// <c>GET /cases</c> filters where the database has a say: a search matches its text literally (no LIKE wildcards), and
/// NUL, which PostgreSQL cannot take as a parameter, is refused before the query. The filters' other rules are
/// <see cref="Inputs.ListFilterTable"/>'s, in-process.
/// </summary>
public abstract class ListFilterTests(ReturnsApp app) : InputSuite(app)
{
    [SkippableTheory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("'")]
    public async Task Wildcards_in_a_search_match_only_themselves(string q)
    {
        var api = Agent;
        var shop = "shop-" + Guid.NewGuid().ToString("N")[..8];
        var body = CaseBody();
        body["shop"] = shop;
        body["description"] = "裙子开线";
        await Created(api.Create(body));

        var found = await api.Get($"cases?shop={shop}&q={Uri.EscapeDataString(q)}");
        Assert.True(found.Status == HttpStatusCode.OK, found.ToString());
        Assert.Empty(found.Body!["items"]!.AsArray());
    }

    [SkippableTheory]
    [InlineData("q")]
    [InlineData("shop")]
    [InlineData("orderNumber")]
    [InlineData("assignee")]
    [InlineData("trackingNumber")]
    public async Task Nul_in_a_filter_is_refused_under_filters(string filter)
    {
        var reply = await Agent.Get($"cases?{filter}=a%00b");
        AssertValidation(reply, "filters");
        Assert.Equal(["filters"], reply.Body!["errors"]!.AsObject().Select(e => e.Key));
    }
}

public sealed class SqliteListFilterTests(SqliteApp app) : ListFilterTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresListFilterTests(PostgresApp app) : ListFilterTests(app), IClassFixture<PostgresApp>;
