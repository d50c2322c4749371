using System.Net;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests;

/// <summary>Issue 13's rules where the contract shows them, over real HTTP on each database.</summary>
public abstract class ShopRulesApiTests(ReturnsApp app) : InputSuite(app)
{
    private static object Items(string condition) =>
        new { items = new[] { new { sku = "DRESS-RED-M", quantity = 1, condition } } };

    private async Task<Guid> QualityExchangeReceived(decimal postage)
    {
        var id = await Created(Agent.Create(Bodies.Case(type: "exchange", reason: "quality.defective")));
        Assert.Equal(HttpStatusCode.OK, (await Agent.UploadEvidence(id, Api.Jpeg)).Status);
        await Ok(Agent.Act(id, "approve"));
        await Ok(Agent.Act(id, "record-return-shipment",
            new { carrier = "SF", trackingNumber = "SF" + id.ToString("N")[^12..], postage, freightCollect = false }));
        await Ok(Agent.Act(id, "confirm-receipt", Items("damaged")));
        return id;
    }

    // Item 1 (F0-r 质量问题退换货需要亲先垫付邮费…收到商品后会及时给亲退款): the exchange pays back the postage, never the goods.
    [SkippableFact]
    public async Task A_quality_exchange_refunds_the_postage_and_completes_once_delivered()
    {
        var id = await QualityExchangeReceived(15.00m);
        var received = await Agent.Case(id);
        Assert.Equal(15.00m, received.Body!["amounts"]!["refundDue"]!.GetValue<decimal>());
        Assert.Contains("refund-postage", received.AllowedActions);

        var paid = await Agent.Act(id, "refund-postage", new { amount = 15.00m, method = "alipayTransfer", reference = "2026120122001" });
        Assert.True(paid.Status == HttpStatusCode.OK, paid.ToString());
        Assert.Equal("replacementPending", paid.CaseStatus);
        Assert.Equal(15.00m, paid.Body!["amounts"]!["refunded"]!.GetValue<decimal>());
        Assert.DoesNotContain("refund-postage", paid.AllowedActions);
        Assert.Equal(paid.Body.ToJsonString(), (await Agent.Case(id)).Body!.ToJsonString());

        await Ok(Agent.Act(id, "ship-replacement", new { carrier = "YTO", trackingNumber = "YT" + id.ToString("N")[^12..] }));
        var delivered = await Agent.Act(id, "confirm-delivery", new { });
        Assert.Equal("completed", delivered.CaseStatus);
    }

    [SkippableFact]
    public async Task A_delivered_exchange_with_the_postage_unpaid_waits_for_its_refund()
    {
        var id = await QualityExchangeReceived(12.00m);
        await Ok(Agent.Act(id, "ship-replacement", new { carrier = "YTO", trackingNumber = "YT" + id.ToString("N")[^12..] }));

        var delivered = await Agent.Act(id, "confirm-delivery", new { });
        Assert.Equal("refundPending", delivered.CaseStatus);

        var tooMuch = await RefusedAction(id, "refund", new { amount = 211.00m, method = "platformRefund", reference = "TB-RF-1" });
        AssertProblem(tooMuch, HttpStatusCode.UnprocessableEntity, "refund-exceeds-due");
        var refunded = await Agent.Act(id, "refund", new { amount = 12.00m, method = "platformRefund", reference = "TB-RF-1" });
        Assert.Equal("completed", refunded.CaseStatus);
    }

    [SkippableFact]
    public async Task Refunding_postage_on_an_exchange_for_the_buyers_reason_is_422_and_changes_nothing()
    {
        var id = await Created(Agent.Create(Bodies.Case(type: "exchange", reason: "nonQuality.wrongSize")));
        await Ok(Agent.Act(id, "approve"));
        await Ok(Agent.Act(id, "record-return-shipment",
            new { carrier = "SF", trackingNumber = "SF" + id.ToString("N")[^12..], postage = 10.00m, freightCollect = false }));
        var received = await Agent.Act(id, "confirm-receipt", Items("resaleable"));
        Assert.DoesNotContain("refund-postage", received.AllowedActions);

        var reply = await RefusedAction(id, "refund-postage", new { amount = 10.00m, method = "platformRefund" });

        AssertProblem(reply, HttpStatusCode.UnprocessableEntity, "no-postage-owed");
    }

    // Item 7: once the goods are back, an agent's cancel is 422 supervisor-required; a supervisor's is recorded.
    [SkippableFact]
    public async Task Cancelling_after_receipt_needs_a_supervisor()
    {
        var id = await CaseAwaitingRefund();
        Assert.DoesNotContain("cancel", (await Agent.Case(id)).AllowedActions);

        AssertProblem(await RefusedAction(id, "cancel", new { reason = "买家不要了" }), HttpStatusCode.UnprocessableEntity, "supervisor-required");

        var supervisor = App.Client("supervisor.li", "supervisor");
        var cancelled = await supervisor.Act(id, "cancel", new { reason = "买家撤销,货物入库" });
        Assert.True(cancelled.Status == HttpStatusCode.OK, cancelled.ToString());
        Assert.Equal("cancelled", cancelled.CaseStatus);
    }

    // Item 3: the shop sent the dress without its belt; the warehouse confirms the belt is missing: the goods are due.
    [SkippableFact]
    public async Task Confirmed_missing_parts_of_a_seller_fault_return_pass_inspection()
    {
        var id = await Created(Agent.Create(Bodies.Case(reason: "quality.missingParts")));
        Assert.Equal(HttpStatusCode.OK, (await Agent.UploadEvidence(id, Api.Jpeg)).Status);
        await Ok(Agent.Act(id, "approve"));
        await Ok(Agent.Act(id, "record-return-shipment",
            new { carrier = "SF", trackingNumber = "SF" + id.ToString("N")[^12..], postage = 12.00m, freightCollect = false }));

        var received = await Agent.Act(id, "confirm-receipt", Items("missingParts"));

        Assert.Equal("refundPending", received.CaseStatus);
        Assert.Equal(211.00m, received.Body!["amounts"]!["refundDue"]!.GetValue<decimal>());
    }

    // Item 6 (F0-l Q15): a 7-day no-reason return inside its window is not refused "because there is no quality problem".
    [SkippableFact]
    public async Task A_no_reason_return_inside_its_window_is_refused_only_with_the_codes_the_programme_allows()
    {
        var id = await NewCase("nonQuality.changedMind");
        var created = await Agent.Case(id);
        Assert.Equal(["productExcluded", "buyerWithdrew", "duplicate"],
            created.Body!["rejectionCodes"]!.AsArray().Select(c => c!.GetValue<string>()));

        AssertProblem(await RefusedAction(id, "reject", new { code = "other", reason = "没有质量问题,不支持退货" }),
            HttpStatusCode.UnprocessableEntity, "no-reason-return-not-refusable");
        AssertProblem(await RefusedAction(id, "reject", new { reason = "没有质量问题" }),
            HttpStatusCode.UnprocessableEntity, "no-reason-return-not-refusable");
        AssertValidation(await RefusedAction(id, "reject", new { code = "noSuchCode", reason = "x" }), "code");

        var rejected = await Agent.Act(id, "reject", new { code = "buyerWithdrew", reason = "买家已撤销申请" });
        Assert.True(rejected.Status == HttpStatusCode.OK, rejected.ToString());
        Assert.Equal("rejected", rejected.CaseStatus);
        var entry = (await Agent.Timeline(id))[^1]!;
        Assert.Equal("buyerWithdrew", entry["data"]!["code"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task The_rejection_catalog_names_each_code_in_Chinese_and_which_refuse_a_no_reason_return()
    {
        var reply = await Agent.Get("rejection-reasons");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var items = reply.Body!["items"]!.AsArray();
        Assert.Equal(["outsideWindow", "notResaleable", "productExcluded", "noEvidence", "buyerWithdrew", "duplicate", "other"],
            items.Select(i => i!["code"]!.GetValue<string>()));
        Assert.Equal(["notResaleable", "productExcluded", "buyerWithdrew", "duplicate"],
            items.Where(i => i!["refusesNoReasonReturn"]!.GetValue<bool>()).Select(i => i!["code"]!.GetValue<string>()));
        Assert.Equal("退回商品影响二次销售", items[1]!["nameZh"]!.GetValue<string>());
    }
}

public abstract class PlatformDeadlineApiTests(ReturnsApp app) : InputSuite(app)
{
    private static DateTimeOffset Parse(System.Text.Json.Nodes.JsonNode? node) => DateTimeOffset.Parse(node!.GetValue<string>());

    private static System.Text.Json.Nodes.JsonNode Clock(Reply reply, string kind) =>
        reply.Body!["deadlines"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == kind && d["state"]!.GetValue<string>() is "pending" or "warned")!;

    // Items 9 and 10: the platform and its request id are on the case; the platform's own due time wins and says so.
    [SkippableFact]
    public async Task A_case_sent_with_the_platforms_due_time_runs_its_clock_on_it()
    {
        var now = App.Clock.GetUtcNow();
        var due = now.AddHours(30);
        var body = Bodies.Case();
        body["platform"] = "pdd";
        body["platformRef"] = "PDD-AS-2026120100017";
        body["platformDeadlines"] = new System.Text.Json.Nodes.JsonObject { ["sellerDecision"] = due.ToOffset(TimeSpan.FromHours(8)).ToString("O") };

        var created = await Agent.Create(body);

        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        Assert.Equal("pdd", created.Body!["platform"]!.GetValue<string>());
        Assert.Equal("PDD-AS-2026120100017", created.Body["platformRef"]!.GetValue<string>());
        var clock = Clock(created, "sellerDecision");
        Assert.Equal(due, Parse(clock["dueAt"]));
        Assert.Equal("platform", clock["source"]!.GetValue<string>());
        Assert.Equal(due, Parse(created.Body["platformDeadlines"]!["sellerDecision"]));
        Assert.Equal("policy", Clock(created, "firstTouch")["source"]!.GetValue<string>());
        var id = created.Body["id"]!.GetValue<Guid>();
        Assert.Equal(created.Body.ToJsonString(), (await Agent.Case(id)).Body!.ToJsonString());
    }

    [SkippableFact]
    public async Task A_case_without_a_platform_is_on_the_shops_default_and_its_clocks_come_from_policy()
    {
        var created = await Agent.Create(Bodies.Case());

        Assert.Equal("taobao", created.Body!["platform"]!.GetValue<string>());
        Assert.Null(created.Body["platformDeadlines"]);
        var clock = Clock(created, "sellerDecision");
        Assert.Equal("policy", clock["source"]!.GetValue<string>());
        Assert.Equal(Parse(clock["startedAt"]).AddHours(48), Parse(clock["dueAt"]));
    }

    // Item 10: sync later; the running clock is planned again, the timeline says what changed, the answer is the case as stored.
    [SkippableFact]
    public async Task Syncing_the_platforms_deadlines_replans_the_running_clock()
    {
        var id = await Created(Agent.Create(Bodies.Case(reason: "nonQuality.wrongSize")));
        var before = await Agent.Case(id);
        var planned = Parse(Clock(before, "sellerDecision")["dueAt"]);
        var platformDue = planned.AddHours(-12);
        var receiptDue = planned.AddDays(11);

        var synced = await Agent.Act(id, "sync-platform-deadlines",
            new { sellerDecision = platformDue, sellerConfirmsReceipt = receiptDue }, before.Response.Headers.ETag?.Tag);

        Assert.True(synced.Status == HttpStatusCode.OK, synced.ToString());
        Assert.Equal("submitted", synced.CaseStatus);
        Assert.Equal(before.Version + 1, synced.Version);
        var clock = Clock(synced, "sellerDecision");
        Assert.Equal(platformDue, Parse(clock["dueAt"]));
        Assert.Equal("platform", clock["source"]!.GetValue<string>());
        Assert.Equal(receiptDue, Parse(synced.Body!["platformDeadlines"]!["sellerConfirmsReceipt"]));
        Assert.Equal(synced.Body.ToJsonString(), (await Agent.Case(id)).Body!.ToJsonString());
        var entry = (await Agent.Timeline(id)).Last()!;
        Assert.Equal("sync-platform-deadlines", entry["action"]!.GetValue<string>());
        var changes = entry["data"]!["deadlines"]!.AsArray();
        Assert.Equal(2, changes.Count);
        Assert.Contains(changes, c => c!["kind"]!.GetValue<string>() == "sellerDecision" && Parse(c["previousDueAt"]) == planned);
        Assert.Contains(changes, c => c!["kind"]!.GetValue<string>() == "sellerConfirmsReceipt" && !c["running"]!.GetValue<bool>());

        // The receipt clock starts later and takes the platform's time then.
        await Ok(Agent.Act(id, "approve"));
        var shipped = await Agent.Act(id, "record-return-shipment",
            new { carrier = "SF", trackingNumber = "SF" + id.ToString("N")[^12..], postage = 0m, freightCollect = false });
        Assert.Equal(receiptDue, Parse(Clock(shipped, "sellerConfirmsReceipt")["dueAt"]));
        Assert.Equal("platform", Clock(shipped, "sellerConfirmsReceipt")["source"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task An_empty_or_unreasonable_sync_is_400_and_a_discount_has_no_platform_clocks()
    {
        var id = await Created(Agent.Create(Bodies.Case()));

        AssertValidation(await RefusedAction(id, "sync-platform-deadlines", new { }), "body");
        AssertValidation(await RefusedAction(id, "sync-platform-deadlines", new { sellerDecision = "1999-12-31T00:00:00+08:00" }), "sellerDecision");
        AssertValidation(await RefusedAction(id, "sync-platform-deadlines", new { sellerDecision = "2030-01-01T00:00:00+08:00" }), "sellerDecision");
        AssertValidation(await Agent.Create(WithPlatform(Bodies.Case(), "ebay")), "platform");

        var discount = Bodies.Case(type: "discount", reason: "quality.defective");
        discount["compensation"] = new System.Text.Json.Nodes.JsonObject { ["amount"] = 5.00m, ["defect"] = "线头" };
        discount["platformDeadlines"] = new System.Text.Json.Nodes.JsonObject { ["sellerDecision"] = App.Clock.GetUtcNow().AddDays(1).ToString("O") };
        AssertProblem(await Agent.Create(discount), HttpStatusCode.UnprocessableEntity, "not-a-platform-clock");
    }

    private static System.Text.Json.Nodes.JsonObject WithPlatform(System.Text.Json.Nodes.JsonObject body, string platform)
    {
        body["platform"] = platform;
        return body;
    }
}

public sealed class SqlitePlatformDeadlineApiTests(SqliteApp app) : PlatformDeadlineApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresPlatformDeadlineApiTests(PostgresApp app) : PlatformDeadlineApiTests(app), IClassFixture<PostgresApp>;

public sealed class SqliteShopRulesApiTests(SqliteApp app) : ShopRulesApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresShopRulesApiTests(PostgresApp app) : ShopRulesApiTests(app), IClassFixture<PostgresApp>;
