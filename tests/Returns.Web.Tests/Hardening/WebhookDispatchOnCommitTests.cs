using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests.Hardening;

public sealed class DispatchingSqliteApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Returns:Webhooks:DispatchOnCommit", "true");
    }
}

public sealed class DispatchingPostgresApp : PostgresApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Returns:Webhooks:DispatchOnCommit", "true");
    }
}

/// <summary>
/// Issue 19, item 19: webhooks waited for the minutely job. Now they leave right after the commit that wrote their
/// outbox row (nobody runs the job here: Hangfire is off in the tests), in case-version order per case, and exactly
/// once when several nodes on one database all dispatch.
/// </summary>
public abstract class WebhookDispatchOnCommitTests(ReturnsApp app) : InputSuite(app)
{
    private Api Admin => App.Client(ReturnsApp.AdminEmail, "admin");

    private async Task<string> Subscribe(string url, params string[] events)
    {
        var reply = await Admin.Post("webhooks", new JsonObject
        {
            ["url"] = url, ["events"] = new JsonArray(events.Select(e => (JsonNode)e).ToArray()), ["secret"] = "commit-secret-" + Guid.NewGuid().ToString("N"),
        });
        Assert.True(reply.Status == HttpStatusCode.Created, reply.ToString());
        return reply.Body!["subscription"]!["id"]!.GetValue<string>();
    }

    private static List<(Guid Case, int Version, string Event)> Heard(WebhookReceiver receiver) =>
        receiver.Deliveries.Where(d => d.Event?.StartsWith("case.", StringComparison.Ordinal) == true).Select(d => JsonNode.Parse(d.Body)!)
            .Select(e => (Guid.Parse(e["caseId"]!.GetValue<string>()), e["version"]!.GetValue<int>(), "case." + e["action"]!.GetValue<string>())).ToList();

    /// <summary>Waits (without running any job) until <paramref name="done"/> holds, for at most <paramref name="seconds"/>.</summary>
    private static Task<bool> Within(double seconds, Func<bool> done) => Within(seconds, () => Task.FromResult(done()));

    private static async Task<bool> Within(double seconds, Func<Task<bool>> done)
    {
        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        while (!await done())
        {
            if (Stopwatch.GetTimestamp() > until) return false;
            await Task.Delay(20);
        }
        return true;
    }

    [SkippableFact]
    public async Task A_committed_event_is_delivered_without_the_recurring_job_in_version_order()
    {
        _ = Agent;
        await using var receiver = await WebhookReceiver.Start();
        await Subscribe(receiver.Url, "case.create", "case.approve", "case.add-note");
        var id = (await Agent.Create(Bodies.Case(reason: "nonQuality.changedMind"))).Id;
        await Agent.Act(id, "approve");
        await Agent.Act(id, "add-note", new { text = "买家周末寄回" });

        // Generous for a shared machine; without dispatch on commit nothing would ever arrive here.
        Assert.True(await Within(15, () => Heard(receiver).Count(h => h.Case == id) == 3), $"heard {Heard(receiver).Count(h => h.Case == id)} of 3");

        var mine = Heard(receiver).Where(h => h.Case == id).ToList();
        Assert.Equal(["case.create", "case.approve", "case.add-note"], mine.Select(h => h.Event));
        Assert.Equal(mine.Select(h => h.Version).Order(), mine.Select(h => h.Version));
    }

    [SkippableFact]
    public async Task A_later_event_of_a_case_waits_while_an_earlier_one_is_being_retried()
    {
        _ = Agent;
        await using var receiver = await WebhookReceiver.Start(failFirst: 1);
        var subscription = await Subscribe(receiver.Url, "case.create", "case.add-note");
        var id = (await Agent.Create(Bodies.Case(reason: "nonQuality.changedMind"))).Id;
        Assert.True(await Within(15, () => receiver.Deliveries.Count == 1), "the first attempt never came");
        await Agent.Act(id, "add-note", new { text = "第一条" });
        await Agent.Act(id, "add-note", new { text = "第二条" });

        // The notes' commits ran the dispatcher; the create's retry is due in a minute, so the notes wait behind it.
        Assert.True(await Within(15, async () => (await Admin.Get($"webhooks/{subscription}/deliveries")).Body!.AsArray().Count == 3),
            "the notes were not queued");
        await Task.Delay(300);
        Assert.Single(receiver.Deliveries);

        App.Clock.Advance(TimeSpan.FromMinutes(1));
        await App.Dispatch();

        Assert.Equal([500, 200, 200, 200], receiver.Deliveries.Select(d => d.Answer));
        Assert.Equal(["case.create", "case.create", "case.add-note", "case.add-note"], receiver.Deliveries.Select(d => d.Event));
        var versions = receiver.Deliveries.Skip(1).Select(d => JsonNode.Parse(d.Body)!["version"]!.GetValue<int>()).ToList();
        Assert.Equal(versions.Order(), versions);
    }

    [SkippableFact]
    public async Task Three_nodes_dispatching_on_one_database_deliver_every_event_once_and_each_case_in_order()
    {
        _ = Agent;
        await using var receiver = await WebhookReceiver.Start();
        await Subscribe(receiver.Url, "*");
        Action<IWebHostBuilder> dispatching = b => b.UseSetting("Returns:Webhooks:DispatchOnCommit", "true");
        await using var second = App.AnotherNode(dispatching);
        await using var third = App.AnotherNode(dispatching);
        await ((IAsyncLifetime)second).InitializeAsync();
        await ((IAsyncLifetime)third).InitializeAsync();
        var nodes = new[] { Agent, second.Client("agent.node2", "agent"), third.Client("agent.node3", "agent") };

        // Each case is logged on one node and worked on the others, so every node commits events of every case.
        var cases = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            var id = (await nodes[i % 3].Create(Bodies.Case(reason: "nonQuality.changedMind"))).Id;
            for (var step = 1; step <= 3; step++)
            {
                var reply = await nodes[(i + step) % 3].Act(id, "add-note", new { text = $"第 {step} 条" });
                Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
            }
            return id;
        })));

        Assert.True(await Within(30, () => cases.All(c => Heard(receiver).Count(h => h.Case == c) >= 4)),
            $"heard {Heard(receiver).Count(h => cases.Contains(h.Case))} of {cases.Length * 4}");
        await Task.Delay(500);
        var heard = Heard(receiver).Where(h => cases.Contains(h.Case)).ToList();
        Assert.Equal(cases.Length * 4, heard.Count);
        Assert.Equal(heard.Count, heard.Select(h => (h.Case, h.Version)).Distinct().Count());
        Assert.Equal(receiver.Deliveries.Count, receiver.Deliveries.Select(d => d.DeliveryId).Distinct().Count());
        foreach (var id in cases)
        {
            var versions = heard.Where(h => h.Case == id).Select(h => h.Version).ToList();
            Assert.Equal(versions.Order(), versions);
        }
    }
}

public sealed class SqliteWebhookDispatchOnCommitTests(DispatchingSqliteApp app) : WebhookDispatchOnCommitTests(app), IClassFixture<DispatchingSqliteApp>;

public sealed class PostgresWebhookDispatchOnCommitTests(DispatchingPostgresApp app) : WebhookDispatchOnCommitTests(app), IClassFixture<DispatchingPostgresApp>;
