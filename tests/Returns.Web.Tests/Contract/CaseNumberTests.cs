using System.Net;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests.Contract;

/// <summary>Two nodes on one PostgreSQL database number concurrent creates: every number once, readable, none reused.</summary>
public sealed class CaseNumberTests : TwoPostgresNodes
{
    [SkippableFact]
    public async Task Concurrent_creates_on_two_nodes_get_distinct_readable_numbers()
    {
        Skip.If(_first.Unavailable is not null, _first.Unavailable);
        var nodes = new[] { _first.Client("agent.a", "agent"), _second!.Client("agent.b", "agent") };

        var replies = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => nodes[i % 2].Create(Bodies.Case(reason: "nonQuality.wrongSize"))));

        Assert.All(replies, r => Assert.True(r.Status == HttpStatusCode.Created, r.ToString()));
        var numbers = replies.Select(r => r.Body!["number"]!.GetValue<string>()).ToList();
        Assert.All(numbers, n => Assert.Matches("^AS-[0-9]{6,}$", n));
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        // What each create answered is what is stored.
        foreach (var reply in replies.Take(6))
            Assert.Equal(reply.Body!["number"]!.GetValue<string>(), (await nodes[0].Case(reply.Id)).Body!["number"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task A_restarted_node_never_reuses_a_number_it_handed_out()
    {
        Skip.If(_first.Unavailable is not null, _first.Unavailable);
        var before = await _first.Client("agent.a", "agent").Create(Bodies.Case(reason: "nonQuality.wrongSize"));
        await using var restarted = _first.SecondNode();
        await restarted.InitializeAsync();

        var after = await restarted.Client("agent.c", "agent").Create(Bodies.Case(reason: "nonQuality.wrongSize"));

        Assert.Equal(HttpStatusCode.Created, after.Status);
        Assert.True(Sequence(after) > Sequence(before), $"{after.Body!["number"]} after {before.Body!["number"]}");
    }

    private static long Sequence(Reply reply) => long.Parse(reply.Body!["number"]!.GetValue<string>()[3..]);
}

/// <summary>A key revoked on one node stops working there at once and on every other node within the cache's lifetime.</summary>
public sealed class KeyRevocationTests : TwoPostgresNodes
{
    [SkippableFact]
    public async Task A_key_revoked_on_one_node_is_refused_by_the_other_within_five_seconds()
    {
        Skip.If(_first.Unavailable is not null, _first.Unavailable);
        var admin = _first.Client(ReturnsApp.AdminEmail, "admin");
        var created = await admin.Post("admin/api-keys", System.Text.Json.JsonSerializer.Serialize(new { name = "two-nodes", scopes = new[] { "cases:read" } }));
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        var id = created.Body!["key"]!["id"]!.GetValue<string>();
        var key = created.Body["apiKey"]!.GetValue<string>();
        var here = _first.WithKey(key);
        var there = _second!.WithKey(key);
        Assert.Equal(HttpStatusCode.OK, (await here.Get("cases")).Status);
        Assert.Equal(HttpStatusCode.OK, (await there.Get("cases")).Status); // both nodes now hold it in their caches

        var revoked = await admin.Send(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/admin/api-keys/{id}"));
        Assert.Equal(HttpStatusCode.OK, revoked.Status);

        Assert.Equal(HttpStatusCode.Unauthorized, (await here.Get("cases")).Status);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((await there.Get("cases")).Status == HttpStatusCode.OK)
        {
            Assert.True(waited.Elapsed < Returns.Web.Infrastructure.Security.ApiKeyCache.Lifetime + TimeSpan.FromSeconds(1),
                $"the other node still accepts the revoked key after {waited.Elapsed.TotalSeconds:0.0} s");
            await Task.Delay(200);
        }
    }
}
