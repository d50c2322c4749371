using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Returns.Data;
using Returns.Web.Jobs;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests.Hardening;

/// <summary>
/// Issue 19, item 5 (docs/business-rules.md §7): any agent or cases:read key paged through every case with full phone
/// numbers and nothing recorded who looked. Now the phone is masked for everyone, a person reveals it with a reason that
/// the access log records, and only a buyer-contact key reads it whole.
/// </summary>
public abstract class PrivacyTests(ReturnsApp app) : InputSuite(app)
{
    protected const string Phone = "13800000000";
    protected const string Masked = "138****0000";

    private Api Admin => App.Client(ReturnsApp.AdminEmail, "admin");

    private Api Supervisor => App.Client("supervisor.privacy", "supervisor");

    protected static string Json(object body) => JsonSerializer.Serialize(body);

    private static string PhoneOf(Reply reply) => reply.Body!["buyer"]!["phone"]!.GetValue<string>();

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private async Task<string> NewKey(string[] scopes, string? shop = null)
    {
        var created = await Admin.Post("admin/api-keys", Json(new { name = Unique("privacy"), scopes, shop }));
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        return created.Body!["apiKey"]!.GetValue<string>();
    }

    private async Task<Guid> CaseIn(string shop = "demo-shop")
    {
        var body = Bodies.Case(reason: "nonQuality.changedMind");
        body["shop"] = shop;
        return await Created(Agent.Create(body));
    }

    private static Task<Reply> Reveal(Api api, Guid id, string? reason) =>
        api.Post($"cases/{id}/reveal-contact", reason is null ? "{}" : Json(new { reason }));

    private static JsonArray Items(Reply page)
    {
        Assert.True(page.Status == HttpStatusCode.OK, page.ToString());
        return page.Body!["items"]!.AsArray();
    }

    private async Task<JsonArray> AccessLogOf(Guid caseId) => Items(await Supervisor.Get($"audit/access?case={caseId}"));

    // ---------------------------------------------------------------- masked for everyone

    [SkippableFact]
    public async Task The_phone_is_masked_in_the_case_and_in_every_write_and_lists_carry_none()
    {
        var create = await Agent.Create(Bodies.Case(reason: "nonQuality.changedMind"));
        Assert.Equal(HttpStatusCode.Created, create.Status);
        Assert.Equal(Masked, PhoneOf(create));
        var id = create.Id;

        Assert.Equal(Masked, PhoneOf(await Agent.Case(id)));
        Assert.Equal(Masked, PhoneOf(await Agent.Get($"cases/{create.Body!["number"]!.GetValue<string>()}")));
        Assert.Equal(Masked, PhoneOf(await Supervisor.Case(id)));
        Assert.Equal(Masked, PhoneOf(await Admin.Case(id)));
        var noted = await Agent.Act(id, "add-note", new { text = "买家来电" });
        Assert.Equal(HttpStatusCode.OK, noted.Status);
        Assert.Equal(Masked, PhoneOf(noted));
        var assigned = await Supervisor.Act(id, "assign", new { assignee = "agent.zhang" });
        Assert.Equal(Masked, PhoneOf(assigned));

        // Nowhere else a person reads does the number appear: the list, the timeline.
        var list = await Agent.Get($"cases?orderNumber={create.Body["order"]!["orderNumber"]!.GetValue<string>()}");
        Assert.Single(Items(list));
        Assert.DoesNotContain(Phone, list.Body!.ToJsonString());
        Assert.DoesNotContain(Phone, (await Agent.Timeline(id)).ToJsonString());

        // Webhook events carry no buyer data at all (they go out as written to the outbox).
        await using var scope = App.Services.CreateAsyncScope();
        var payloads = await scope.ServiceProvider.GetRequiredService<ReturnsDbContext>().Outbox.Where(m => m.CaseId == id).Select(m => m.Payload).ToListAsync();
        Assert.Equal(3, payloads.Count);
        Assert.All(payloads, p => Assert.DoesNotContain(Phone, p));
    }

    // ---------------------------------------------------------------- reveal-contact

    [SkippableFact]
    public async Task An_agent_reveals_the_phone_with_a_reason_and_the_log_records_who_when_which_case_and_why()
    {
        var id = await CaseIn();
        var before = await Agent.Case(id);

        var revealed = await Reveal(Agent, id, " 联系买家确认退货地址 ");

        Assert.True(revealed.Status == HttpStatusCode.OK, revealed.ToString());
        Assert.Equal(Phone, revealed.Body!["phone"]!.GetValue<string>());
        Assert.Equal("小王", revealed.Body["nickname"]!.GetValue<string>());
        Assert.Equal(id, Guid.Parse(revealed.Body["caseId"]!.GetValue<string>()));
        Assert.Equal(before.Body!["number"]!.GetValue<string>(), revealed.Body["number"]!.GetValue<string>());
        var now = App.Clock.GetUtcNow();
        Assert.Equal(now, revealed.Body["revealedAt"]!.GetValue<DateTimeOffset>());

        var entry = Assert.Single(await AccessLogOf(id))!;
        Assert.Equal("agent.zhang", entry["actor"]!.GetValue<string>());
        Assert.Equal("agent", entry["actorRole"]!.GetValue<string>());
        Assert.Equal("联系买家确认退货地址", entry["reason"]!.GetValue<string>());
        Assert.Equal(before.Body["number"]!.GetValue<string>(), entry["caseNumber"]!.GetValue<string>());
        Assert.Equal("demo-shop", entry["shop"]!.GetValue<string>());
        Assert.Equal(now, entry["at"]!.GetValue<DateTimeOffset>());

        // Looking is not a change: the case keeps its version, and still shows the phone masked.
        var after = await Agent.Case(id);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(Masked, PhoneOf(after));

        // A supervisor reveals too, and is logged too.
        Assert.Equal(HttpStatusCode.OK, (await Reveal(Supervisor, id, "核实投诉")).Status);
        Assert.Equal(["supervisor.privacy", "agent.zhang"], (await AccessLogOf(id)).Select(e => e!["actor"]!.GetValue<string>()));
    }

    [SkippableTheory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_reveal_without_a_reason_is_400_and_logs_nothing(string? reason)
    {
        var id = await CaseIn();
        AssertValidation(await Reveal(Agent, id, reason), "reason");
        Assert.Empty(await AccessLogOf(id));
    }

    [SkippableFact]
    public async Task A_reason_longer_than_500_characters_is_400()
    {
        var id = await CaseIn();
        AssertValidation(await Reveal(Agent, id, new string('因', 501)), "reason");
        Assert.Empty(await AccessLogOf(id));
    }

    [SkippableFact]
    public async Task Only_agents_and_supervisors_reveal_and_a_refusal_logs_nothing()
    {
        var id = await CaseIn();
        AssertProblem(await Reveal(App.Client("warehouse.privacy", "warehouse"), id, "看看"), HttpStatusCode.Forbidden, "forbidden");
        AssertProblem(await Reveal(Admin, id, "看看"), HttpStatusCode.Forbidden, "forbidden");
        AssertProblem(await Reveal(App.WithKey(await NewKey(["cases:write", "buyer-contact"])), id, "同步"), HttpStatusCode.Forbidden, "forbidden");
        AssertProblem(await Reveal(Agent, Guid.NewGuid(), "看看"), HttpStatusCode.NotFound, "not-found");
        Assert.Empty(await AccessLogOf(id));
    }

    // ---------------------------------------------------------------- keys: buyer-contact

    [SkippableFact]
    public async Task A_key_reads_the_phone_whole_only_with_the_buyer_contact_scope()
    {
        var id = await CaseIn();

        var reader = App.WithKey(await NewKey(["cases:read"]));
        Assert.Equal(Masked, PhoneOf(await reader.Case(id)));
        var writer = App.WithKey(await NewKey(["cases:write"]));
        Assert.Equal(Masked, PhoneOf(await writer.Act(id, "add-note", new { text = "ERP 同步" })));

        var contactReader = App.WithKey(await NewKey(["cases:read", "buyer-contact"]));
        Assert.Equal(Phone, PhoneOf(await contactReader.Case(id)));
        var contactWriter = App.WithKey(await NewKey(["cases:write", "buyer-contact"]));
        Assert.Equal(Phone, PhoneOf(await contactWriter.Act(id, "add-note", new { text = "ERP 同步" })));
        var created = await contactWriter.Create(Bodies.Case(reason: "nonQuality.changedMind"));
        Assert.Equal(Phone, PhoneOf(created));
        // Lists stay phone-free for every caller.
        Assert.DoesNotContain(Phone, (await contactReader.Get("cases?limit=5")).Body!.ToJsonString());

        // On its own the scope reads no case: it only unmasks what another scope lets the key read.
        AssertProblem(await App.WithKey(await NewKey(["buyer-contact"])).Case(id), HttpStatusCode.Forbidden, "forbidden");
    }

    [SkippableFact]
    public async Task The_admin_creates_a_buyer_contact_key_and_lists_it_with_its_scopes()
    {
        var created = await Admin.Post("admin/api-keys", Json(new { name = Unique("crm"), scopes = new[] { "cases:read", "buyer-contact", "audit" } }));
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        Assert.Equal(["cases:read", "buyer-contact", "audit"], created.Body!["key"]!["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        AssertValidation(await Admin.Post("admin/api-keys", Json(new { name = Unique("crm"), scopes = new[] { "buyer-phone" } })), "scopes[0]");
    }

    // ---------------------------------------------------------------- the access log

    [SkippableFact]
    public async Task The_access_log_is_newest_first_paged_and_filtered_by_case_actor_and_time()
    {
        var first = await CaseIn();
        var second = await CaseIn();
        var liName = Unique("li");
        var li = App.Client(liName, "agent");
        var from = App.Clock.GetUtcNow();
        Assert.Equal(HttpStatusCode.OK, (await Reveal(li, first, "一")).Status);
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await Reveal(Agent, first, "二")).Status);
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await Reveal(li, second, "三")).Status);
        var third = App.Clock.GetUtcNow();
        App.Clock.Advance(TimeSpan.FromMinutes(1));

        static IEnumerable<string> Reasons(JsonArray items) => items.Select(e => e!["reason"]!.GetValue<string>());

        Assert.Equal(["二", "一"], Reasons(await AccessLogOf(first)));
        var number = (await Agent.Case(second)).Body!["number"]!.GetValue<string>();
        Assert.Equal(["三"], Reasons(Items(await Supervisor.Get($"audit/access?case={number.ToLowerInvariant()}"))));
        Assert.Equal(["三", "一"], Reasons(Items(await Supervisor.Get($"audit/access?actor={liName}"))));
        var window = $"from={Uri.EscapeDataString(from.AddMinutes(1).ToString("O"))}&to={Uri.EscapeDataString(third.ToString("O"))}";
        Assert.Equal(["二"], Reasons(Items(await Supervisor.Get($"audit/access?{window}"))));

        // One entry a page, newest first, to the end.
        var firstPage = await Admin.Get($"audit/access?actor={liName}&limit=1");
        Assert.Equal(["三"], Reasons(Items(firstPage)));
        var cursor = firstPage.Body!["nextCursor"]!.GetValue<string>();
        var lastPage = await Admin.Get($"audit/access?actor={liName}&limit=1&cursor={cursor}");
        Assert.Equal(["一"], Reasons(Items(lastPage)));
        Assert.Null(lastPage.Body!["nextCursor"]);
    }

    [SkippableFact]
    public async Task Supervisors_and_admins_read_the_log_a_shop_restricted_audit_key_its_shop_only_nobody_else()
    {
        var shopA = Unique("shop-a");
        var shopB = Unique("shop-b");
        var inA = await CaseIn(shopA);
        var inB = await CaseIn(shopB);
        Assert.Equal(HttpStatusCode.OK, (await Reveal(Agent, inA, "甲")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Reveal(Agent, inB, "乙")).Status);

        static IEnumerable<string> Shops(JsonArray items) => items.Select(e => e!["shop"]!.GetValue<string>()).Distinct();

        var auditorOfA = App.WithKey(await NewKey(["audit"], shopA));
        Assert.Equal([shopA], Shops(Items(await auditorOfA.Get("audit/access?limit=200"))));
        Assert.Empty(Items(await auditorOfA.Get($"audit/access?case={inB}")));
        var auditor = App.WithKey(await NewKey(["audit"]));
        Assert.Contains(shopB, Shops(Items(await auditor.Get("audit/access?limit=200"))));
        Assert.Single(Items(await Admin.Get($"audit/access?case={inB}")));
        Assert.Single(Items(await Supervisor.Get($"audit/access?case={inA}")));

        AssertProblem(await Agent.Get("audit/access"), HttpStatusCode.Forbidden, "forbidden");
        AssertProblem(await App.Client("warehouse.privacy", "warehouse").Get("audit/access"), HttpStatusCode.Forbidden, "forbidden");
        AssertProblem(await App.WithKey(await NewKey(["cases:write", "buyer-contact"])).Get("audit/access"), HttpStatusCode.Forbidden, "forbidden");
        AssertProblem(await App.Anonymous().Get("audit/access"), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [SkippableTheory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("from=2026-11-20T00:00:00Z&to=2026-11-19T00:00:00Z", "to")]
    public async Task Bad_access_log_filters_are_400(string query, string field)
    {
        _ = Agent;
        AssertValidation(await Supervisor.Get($"audit/access?{query}"), field);
    }
}

public sealed class SqlitePrivacyTests(SqliteApp app) : PrivacyTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresPrivacyTests(PostgresApp app) : PrivacyTests(app), IClassFixture<PostgresApp>;

/// <summary>
/// The daily removal of buyer data from cases closed longer than Returns:Privacy:RetainBuyerDataDays (365), with the fake
/// clock moved by a year: an app of its own.
/// </summary>
public abstract class BuyerDataRetentionTests(ReturnsApp app) : InputSuite(app)
{
    private const string Phone = "13800000000";

    private BuyerDataRemoval Job(int batchSize) => new(App.Services.GetRequiredService<IServiceScopeFactory>(), App.Clock,
        App.Services.GetRequiredService<IOptions<PrivacyOptions>>(), NullLogger<BuyerDataRemoval>.Instance) { BatchSize = batchSize };

    private async Task<Guid> Closed()
    {
        var id = await Created(Agent.Create(Bodies.Case(reason: "nonQuality.changedMind", deliveredAt: App.Clock.GetUtcNow().AddDays(-1))));
        var cancelled = await Agent.Act(id, "cancel", new { reason = "买家撤回" });
        Assert.True(cancelled.Status == HttpStatusCode.OK, cancelled.ToString());
        return id;
    }

    [SkippableFact]
    public async Task Closed_cases_lose_the_phone_after_the_retention_period_in_batches_once_and_keep_the_rest()
    {
        var supervisor = App.Client("supervisor.retention", "supervisor");
        var contactKey = await Admin().Post("admin/api-keys", JsonSerializer.Serialize(new { name = "retention-crm", scopes = new[] { "cases:read", "buyer-contact" } }));
        var crm = App.WithKey(contactKey.Body!["apiKey"]!.GetValue<string>());
        var closed = new List<Guid>();
        for (var i = 0; i < 5; i++) closed.Add(await Closed());
        var open = await Created(Agent.Create(Bodies.Case(reason: "nonQuality.changedMind", deliveredAt: App.Clock.GetUtcNow().AddDays(-1))));
        var before = (await crm.Case(closed[0])).Body!;
        Assert.Equal(Phone, before["buyer"]!["phone"]!.GetValue<string>());
        App.Clock.Advance(TimeSpan.FromDays(1));
        var closedLater = await Closed();

        // A second before the year is up nothing is due.
        App.Clock.Advance(TimeSpan.FromDays(364) - TimeSpan.FromSeconds(1));
        Assert.Equal(new RemovalResult(0, 0, 0), await Job(2).Run());
        App.Clock.Advance(TimeSpan.FromSeconds(1));

        var run = await Job(2).Run();

        Assert.Equal(new RemovalResult(5, 3, 0), run);
        var now = App.Clock.GetUtcNow();
        foreach (var id in closed)
        {
            var seen = (await crm.Case(id)).Body!;
            Assert.Null(seen["buyer"]!["phone"]);
            Assert.Equal("小王", seen["buyer"]!["nickname"]!.GetValue<string>());
            Assert.Equal(now, seen["buyer"]!["contactRemovedAt"]!.GetValue<DateTimeOffset>());
            // The case, its amounts and its timeline stay; the timeline says what happened.
            Assert.Equal("cancelled", seen["status"]!.GetValue<string>());
            Assert.Equal(before["amounts"]!.ToJsonString(), seen["amounts"]!.ToJsonString());
            var timeline = await Agent.Timeline(id);
            Assert.Equal(["create", "cancel", "remove-buyer-data"], timeline.Select(e => e!["action"]!.GetValue<string>()));
            Assert.Equal("system", timeline[^1]!["actor"]!.GetValue<string>());
            Assert.Equal(seen["version"]!.GetValue<int>(), timeline[^1]!["version"]!.GetValue<int>());
            Assert.Equal(365, timeline[^1]!["data"]!["retainDays"]!.GetValue<int>());
        }
        // Open cases, and cases closed less than a year ago, keep it.
        Assert.Equal(Phone, (await crm.Case(open)).Body!["buyer"]!["phone"]!.GetValue<string>());
        Assert.Equal(Phone, (await crm.Case(closedLater)).Body!["buyer"]!["phone"]!.GetValue<string>());

        // Idempotent: the next run finds nothing, and changes no version.
        var versions = new List<int>();
        foreach (var id in closed) versions.Add((await Agent.Case(id)).Version);
        Assert.Equal(new RemovalResult(0, 0, 0), await Job(200).Run());
        foreach (var (id, version) in closed.Zip(versions)) Assert.Equal(version, (await Agent.Case(id)).Version);

        // Revealing a removed phone says it is gone, and logs nothing.
        AssertProblem(await Agent.Post($"cases/{closed[0]}/reveal-contact", """{"reason":"回访"}"""), HttpStatusCode.UnprocessableEntity, "buyer-data-removed");
        Assert.Empty((await supervisor.Get($"audit/access?case={closed[0]}")).Body!["items"]!.AsArray());

        // Integrations hear of it like of any change, and the event carries no buyer data.
        await using var scope = App.Services.CreateAsyncScope();
        var events = await scope.ServiceProvider.GetRequiredService<ReturnsDbContext>().Outbox
            .Where(m => m.CaseId == closed[0] && m.Type == "case.remove-buyer-data").Select(m => m.Payload).ToListAsync();
        Assert.DoesNotContain(Phone, Assert.Single(events));

        // The day after, the case closed a day later is due as well.
        App.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, (await Job(200).Run()).Removed);
        Assert.Null((await crm.Case(closedLater)).Body!["buyer"]!["phone"]);
    }

    private Api Admin() => App.Client(ReturnsApp.AdminEmail, "admin");
}

public sealed class SqliteBuyerDataRetentionTests(SqliteApp app) : BuyerDataRetentionTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresBuyerDataRetentionTests(PostgresApp app) : BuyerDataRetentionTests(app), IClassFixture<PostgresApp>;

/// <summary>The removal is a daily recurring job on the worker, beside the minutely ones.</summary>
public sealed class BuyerDataRemovalScheduleTests(HangfireApp app) : IClassFixture<HangfireApp>
{
    [Fact]
    public void The_buyer_data_removal_runs_daily()
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == RecurringJobs.BuyerDataRemovalId);
        Assert.Equal(Cron.Daily(19), job.Cron);
        Assert.Equal(BuyerDataRetentionDefault, app.Services.GetRequiredService<IOptions<PrivacyOptions>>().Value.RetainBuyerDataDays);
    }

    private const int BuyerDataRetentionDefault = 365;
}
