using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests.Hardening;

/// <summary>
/// Issue 19, item 1: a <c>webhooks</c> key restricted to shop A saw shop B's <c>case.create</c> events, listed B's
/// subscriptions, read their delivery logs and deleted them. A shop-restricted key sees and manages only its shop's
/// subscriptions, which receive only its shop's events; another shop's subscription does not exist for it (404).
/// </summary>
public abstract class WebhookScopeTests(ReturnsApp app) : InputSuite(app)
{
    private Api Admin => App.Client(ReturnsApp.AdminEmail, "admin");

    private async Task<Api> ShopKey(string shop)
    {
        var created = await Admin.Post("admin/api-keys", JsonSerializer.Serialize(new
        {
            name = $"hooks-{shop}-{Guid.NewGuid():N}", scopes = new[] { "webhooks" }, shop,
        }));
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        return App.WithKey(created.Body!["apiKey"]!.GetValue<string>());
    }

    private static string NewShop(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..8]}";

    private static async Task<Reply> Subscribe(Api caller, string url, params string[] events) =>
        await caller.Post("webhooks", new JsonObject
        {
            ["url"] = url, ["events"] = new JsonArray(events.Select(e => (JsonNode)e).ToArray()),
            ["secret"] = "scope-secret-" + Guid.NewGuid().ToString("N"),
        });

    private static async Task<string> Subscribed(Api caller, string url, params string[] events)
    {
        var reply = await Subscribe(caller, url, events);
        Assert.True(reply.Status == HttpStatusCode.Created, reply.ToString());
        return reply.Body!["subscription"]!["id"]!.GetValue<string>();
    }

    private static Task<Reply> Delete(Api caller, string id) =>
        caller.Send(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/webhooks/{id}"));

    private static async Task<List<string>> Listed(Api caller)
    {
        var reply = await caller.Get("webhooks");
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        return reply.Body!.AsArray().Select(s => s!["id"]!.GetValue<string>()).ToList();
    }

    private async Task<Guid> CaseIn(string shop)
    {
        var body = Bodies.Case(reason: "nonQuality.changedMind");
        body["shop"] = shop;
        var created = await Agent.Create(body);
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        return created.Id;
    }

    private static HashSet<Guid> CasesHeardBy(WebhookReceiver receiver) =>
        receiver.Deliveries.Select(d => Guid.Parse(JsonNode.Parse(d.Body)!["caseId"]!.GetValue<string>())).ToHashSet();

    [SkippableFact]
    public async Task A_shop_key_subscription_is_bound_to_its_shop_and_says_so()
    {
        _ = Agent;
        var shop = NewShop("shop-a");
        var key = await ShopKey(shop);

        var created = await Subscribe(key, "http://127.0.0.1:9/hook", "*");

        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        Assert.Equal(shop, created.Body!["subscription"]!["shop"]!.GetValue<string>());
        var listed = (await key.Get("webhooks")).Body!.AsArray().Single()!;
        Assert.Equal(shop, listed["shop"]!.GetValue<string>());
        // An admin's subscription hears every shop.
        var admins = await Subscribe(Admin, "http://127.0.0.1:9/hook", "*");
        Assert.Null(admins.Body!["subscription"]!["shop"]);
    }

    [SkippableFact]
    public async Task A_shop_key_lists_only_its_shops_subscriptions_and_an_admin_lists_all()
    {
        _ = Agent;
        var (a, b) = (await ShopKey(NewShop("shop-a")), await ShopKey(NewShop("shop-b")));
        var ofA = await Subscribed(a, "http://127.0.0.1:9/a", "*");
        var ofB = await Subscribed(b, "http://127.0.0.1:9/b", "*");
        var ofAdmin = await Subscribed(Admin, "http://127.0.0.1:9/admin", "*");

        Assert.Equal([ofA], await Listed(a));
        Assert.Equal([ofB], await Listed(b));
        var all = await Listed(Admin);
        Assert.Contains(ofA, all);
        Assert.Contains(ofB, all);
        Assert.Contains(ofAdmin, all);
    }

    [SkippableFact]
    public async Task Another_shops_subscription_is_404_to_a_shop_key_for_its_log_and_its_deletion_and_stays_active()
    {
        _ = Agent;
        var (a, b) = (await ShopKey(NewShop("shop-a")), await ShopKey(NewShop("shop-b")));
        var ofB = await Subscribed(b, "http://127.0.0.1:9/b", "*");
        var ofAdmin = await Subscribed(Admin, "http://127.0.0.1:9/admin", "*");

        foreach (var id in new[] { ofB, ofAdmin })
        {
            AssertProblem(await a.Get($"webhooks/{id}/deliveries"), HttpStatusCode.NotFound, "not-found");
            AssertProblem(await Delete(a, id), HttpStatusCode.NotFound, "not-found");
        }
        // The same answer as for an id that exists nowhere: nothing tells the key that B's subscription exists.
        var nowhere = await Delete(a, Guid.NewGuid().ToString());
        AssertProblem(nowhere, HttpStatusCode.NotFound, "not-found");

        var still = (await Admin.Get("webhooks")).Body!.AsArray().Where(s => s!["id"]!.GetValue<string>() is var i && (i == ofB || i == ofAdmin));
        Assert.All(still, s => Assert.True(s!["active"]!.GetValue<bool>()));
        Assert.Equal(HttpStatusCode.OK, (await b.Get($"webhooks/{ofB}/deliveries")).Status);
    }

    [SkippableFact]
    public async Task A_shop_key_deletes_its_own_subscription()
    {
        _ = Agent;
        var a = await ShopKey(NewShop("shop-a"));
        var ofA = await Subscribed(a, "http://127.0.0.1:9/a", "*");

        var deleted = await Delete(a, ofA);

        Assert.True(deleted.Status == HttpStatusCode.OK, deleted.ToString());
        Assert.False(deleted.Body!["active"]!.GetValue<bool>());
        Assert.False((await a.Get("webhooks")).Body!.AsArray().Single()!["active"]!.GetValue<bool>());
    }

    [SkippableFact]
    public async Task A_shop_subscription_receives_only_its_shops_events_and_an_admins_receives_both()
    {
        _ = Agent;
        var (shopA, shopB) = (NewShop("shop-a"), NewShop("shop-b"));
        var (a, b) = (await ShopKey(shopA), await ShopKey(shopB));
        await using var toA = await WebhookReceiver.Start();
        await using var toB = await WebhookReceiver.Start();
        await using var toAdmin = await WebhookReceiver.Start();
        var ofA = await Subscribed(a, toA.Url, "*");
        await Subscribed(b, toB.Url, "case.create", "case.add-note");
        await Subscribed(Admin, toAdmin.Url, "case.create");

        var caseOfA = await CaseIn(shopA);
        var caseOfB = await CaseIn(shopB);
        Ok(await Agent.Act(caseOfB, "add-note", new { text = "B 店的备注" }));
        await App.Dispatch();

        Assert.Equal([caseOfA], CasesHeardBy(toA));
        Assert.Equal([caseOfB], CasesHeardBy(toB));
        Assert.Equal(["case.create", "case.add-note"], toB.Deliveries.Select(d => d.Event));
        Assert.Superset(new HashSet<Guid> { caseOfA, caseOfB }, CasesHeardBy(toAdmin));
        // A's delivery log holds A's event only.
        var log = (await a.Get($"webhooks/{ofA}/deliveries")).Body!.AsArray();
        Assert.Equal(["case.create"], log.Select(d => d!["eventType"]!.GetValue<string>()));
    }

    private static Reply Ok(Reply reply)
    {
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        return reply;
    }
}

public sealed class SqliteWebhookScopeTests(SqliteApp app) : WebhookScopeTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresWebhookScopeTests(PostgresApp app) : WebhookScopeTests(app), IClassFixture<PostgresApp>;
