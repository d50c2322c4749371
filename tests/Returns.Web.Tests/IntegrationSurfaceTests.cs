using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests;

/// <summary>What integrations rely on: retry-safe POSTs, signed webhooks that survive failures and restarts, limits.</summary>
public abstract class IntegrationSurfaceTests(ReturnsApp app)
{
    private Api Agent
    {
        get
        {
            Skip.If(app.Unavailable is not null, app.Unavailable);
            return app.Client("agent.zhang", "agent");
        }
    }

    private Api Admin => app.Client(ReturnsApp.AdminEmail, "admin");

    private static HttpRequestMessage Post(string path, string json, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/" + path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    private async Task<int> CasesFor(string orderNumber) =>
        (await Agent.Get($"cases?orderNumber={orderNumber}")).Body!["items"]!.AsArray().Count;

    [SkippableFact]
    public async Task Repeated_create_with_the_same_idempotency_key_returns_the_first_response_and_creates_one_case()
    {
        var api = Agent;
        var body = Bodies.Case(reason: "nonQuality.changedMind");
        var order = body["order"]!["orderNumber"]!.GetValue<string>();
        var key = Guid.NewGuid().ToString();

        var first = await api.Send(Post("cases", body.ToJsonString(), key));
        var second = await api.Send(Post("cases", body.ToJsonString(), key));

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.Response.Headers.Location, second.Response.Headers.Location);
        Assert.True(second.Response.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await CasesFor(order));
    }

    [SkippableFact]
    public async Task Same_idempotency_key_with_another_body_is_409_and_changes_nothing()
    {
        var api = Agent;
        var key = Guid.NewGuid().ToString();
        var first = Bodies.Case(reason: "nonQuality.changedMind");
        Assert.Equal(HttpStatusCode.Created, (await api.Send(Post("cases", first.ToJsonString(), key))).Status);

        var other = Bodies.Case(reason: "nonQuality.changedMind");
        var reply = await api.Send(Post("cases", other.ToJsonString(), key));

        Assert.Equal(HttpStatusCode.Conflict, reply.Status);
        Assert.Equal("idempotency-key-reused", reply.Code);
        Assert.Equal(0, await CasesFor(other["order"]!["orderNumber"]!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task Fifty_concurrent_identical_creates_make_exactly_one_case()
    {
        var api = Agent;
        var body = Bodies.Case(reason: "nonQuality.changedMind").ToJsonString();
        var order = JsonNode.Parse(body)!["order"]!["orderNumber"]!.GetValue<string>();
        var key = Guid.NewGuid().ToString();

        var replies = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => api.Send(Post("cases", body, key)))));

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        Assert.Single(replies.Select(r => r.Id).Distinct());
        Assert.Equal(1, await CasesFor(order));
    }

    [SkippableFact]
    public async Task Repeated_action_with_an_idempotency_key_happens_once()
    {
        var api = Agent;
        var id = (await api.Create(Bodies.Case(reason: "nonQuality.changedMind"))).Id;
        var key = Guid.NewGuid().ToString();
        var first = await api.Send(Post($"cases/{id}/add-note", "{\"text\":\"买家说周末寄回\"}", key));
        var again = await api.Send(Post($"cases/{id}/add-note", "{\"text\":\"买家说周末寄回\"}", key));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(first.Version, again.Version);
        Assert.Single((await api.Case(id)).Body!["notes"]!.AsArray());
    }

    [SkippableFact]
    public async Task Idempotency_key_longer_than_128_characters_is_refused()
    {
        var reply = await Agent.Send(Post("cases", Bodies.Case().ToJsonString(), new string('k', 129)));
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("validation-failed", reply.Code);
    }

    private async Task<(string Id, string Secret)> Subscribe(string url, params string[] events)
    {
        var secret = "webhook-secret-" + Guid.NewGuid().ToString("N");
        var reply = await Admin.Post("webhooks", new JsonObject { ["url"] = url, ["events"] = new JsonArray(events.Select(e => (JsonNode)e).ToArray()), ["secret"] = secret });
        Assert.True(reply.Status == HttpStatusCode.Created, reply.ToString());
        return (reply.Body!["subscription"]!["id"]!.GetValue<string>(), secret);
    }

    private static void AssertSigned(WebhookReceiver.Delivery delivery, string secret)
    {
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{delivery.Timestamp}.{delivery.Body}")));
        Assert.Equal(expected, delivery.Signature);
    }

    [SkippableFact]
    public async Task Webhook_delivers_case_events_signed_with_the_subscription_secret()
    {
        var api = Agent;
        await using var receiver = await WebhookReceiver.Start();
        var (_, secret) = await Subscribe(receiver.Url, "case.create", "case.approve");
        var id = (await api.Create(Bodies.Case(reason: "nonQuality.changedMind"))).Id;
        await api.Act(id, "approve");
        await api.Act(id, "add-note", new { text = "not subscribed" });

        await app.Dispatch();

        var mine = receiver.Deliveries.Where(d => JsonNode.Parse(d.Body)!["caseId"]!.GetValue<string>() == id.ToString()).ToList();
        Assert.Equal(["case.create", "case.approve"], mine.Select(d => d.Event));
        Assert.All(mine, d => AssertSigned(d, secret));
        Assert.Equal("awaitingReturnShipment", JsonNode.Parse(mine[1].Body)!["to"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Webhook_retries_with_backoff_after_the_receiver_fails_and_logs_each_attempt()
    {
        var api = Agent;
        await using var receiver = await WebhookReceiver.Start(failFirst: 2);
        var (subscription, secret) = await Subscribe(receiver.Url, "case.cancel");
        var id = (await api.Create(Bodies.Case(reason: "nonQuality.changedMind"))).Id;
        await api.Act(id, "cancel", new { reason = "买家撤销" });

        await app.Dispatch();
        await app.Dispatch();
        Assert.Single(receiver.Deliveries);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.Dispatch();
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await app.Dispatch();

        Assert.Equal([500, 500, 200], receiver.Deliveries.Select(d => d.Answer));
        Assert.All(receiver.Deliveries, d => AssertSigned(d, secret));
        Assert.Single(receiver.Deliveries.Select(d => d.DeliveryId).Distinct());
        var log = (await Admin.Get($"webhooks/{subscription}/deliveries")).Body!.AsArray();
        var delivery = Assert.Single(log);
        Assert.Equal("delivered", delivery!["status"]!.GetValue<string>());
        Assert.Equal(3, delivery["attempts"]!.GetValue<int>());
        Assert.Equal(200, delivery["lastStatusCode"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task Event_committed_before_a_restart_is_delivered_by_the_next_instance()
    {
        _ = Agent;
        await using var receiver = await WebhookReceiver.Start();
        await Subscribe(receiver.Url, "case.create");
        Guid id;
        await using (var crashing = app.AnotherNode())
        {
            ((IAsyncLifetime)crashing).InitializeAsync().GetAwaiter().GetResult();
            id = (await crashing.Client("agent.restart", "agent").Create(Bodies.Case(reason: "nonQuality.changedMind"))).Id;
        }
        Assert.Empty(receiver.Deliveries);

        await using var restarted = app.AnotherNode();
        await ((IAsyncLifetime)restarted).InitializeAsync();
        await restarted.Dispatch();

        Assert.Contains(receiver.Deliveries, d => JsonNode.Parse(d.Body)!["caseId"]!.GetValue<string>() == id.ToString());
    }

    [SkippableFact]
    public async Task Json_body_over_one_megabyte_is_413()
    {
        var body = Bodies.Case();
        body["description"] = new string('长', 700_000);
        var request = Post("cases", body.ToJsonString(), null);
        // A client that announces its body (Expect: 100-continue) hears the refusal before sending 2 MB.
        request.Headers.ExpectContinue = true;
        var reply = await Agent.Send(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, reply.Status);
        Assert.Equal("payload-too-large", reply.Code);
    }

    [SkippableFact]
    public async Task Evidence_image_over_ten_megabytes_is_413_and_nothing_is_attached()
    {
        var api = Agent;
        var id = (await api.Create(Bodies.Case())).Id;
        var big = new byte[10 * 1024 * 1024 + 1];
        Api.Jpeg.CopyTo(big, 0);
        var reply = await api.UploadEvidence(id, big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, reply.Status);
        Assert.Equal("payload-too-large", reply.Code);
        Assert.Empty((await api.Case(id)).Body!["evidence"]!.AsArray());
    }
}

public sealed class SqliteIntegrationSurfaceTests(SqliteApp app) : IntegrationSurfaceTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresIntegrationSurfaceTests(PostgresApp app) : IntegrationSurfaceTests(app), IClassFixture<PostgresApp>;

/// <summary>A service with a small per-caller budget: the next request is 429 with Retry-After.</summary>
public sealed class RateLimitedApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Returns:RateLimit:PermitsPerMinute", "5");
    }
}

public sealed class RateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task Caller_over_its_budget_gets_429_with_retry_after()
    {
        var api = app.WithKey(ReturnsApp.BootstrapKey);
        var replies = new List<Reply>();
        for (var i = 0; i < 12; i++) replies.Add(await api.Get("reasons"));

        var limited = replies.First(r => r.Status == HttpStatusCode.TooManyRequests);
        Assert.Equal("rate-limited", limited.Code);
        Assert.True(limited.Response.Headers.RetryAfter is not null);
        Assert.Contains(replies, r => r.Status == HttpStatusCode.OK);
    }
}
