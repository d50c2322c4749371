using System.Net;
using System.Text.Json.Nodes;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests;

/// <summary>The return and exchange workflows end to end over real HTTP, on each database.</summary>
public abstract class CaseWorkflowApiTests(ReturnsApp app)
{
    protected Api Agent
    {
        get
        {
            Skip.If(app.Unavailable is not null, app.Unavailable);
            return app.Client("agent.zhang", "agent");
        }
    }

    protected Api As(string actor, string role) => app.Client(actor, role);

    private static async Task<Guid> Created(Task<Reply> create)
    {
        var reply = await create;
        Assert.True(reply.Status == HttpStatusCode.Created, reply.ToString());
        return reply.Id;
    }

    private static void Ok(Reply reply, string expectedStatus)
    {
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal(expectedStatus, reply.CaseStatus);
    }

    private static object Shipment(string tracking, decimal postage = 12.00m, bool freightCollect = false) =>
        new { carrier = "SF", trackingNumber = tracking, postage, freightCollect };

    private static object Items(string condition, int quantity = 1, string sku = "DRESS-RED-M") =>
        new { items = new[] { new { sku, quantity, condition } } };

    [SkippableFact]
    public async Task Quality_return_goes_from_creation_to_refund()
    {
        var api = Agent;
        var create = await api.Create(Bodies.Case(reason: "quality.defective"));
        Assert.Equal(HttpStatusCode.Created, create.Status);
        Assert.Equal($"/api/v1/cases/{create.Id}", create.Response.Headers.Location!.OriginalString);
        Assert.Equal("\"1\"", create.Response.Headers.ETag!.Tag);
        Assert.Equal("submitted", create.CaseStatus);
        Assert.Equal("seller", create.Body!["responsibility"]!.GetValue<string>());
        Assert.Matches("^AS-[0-9]{6,}$", create.Body["number"]!.GetValue<string>());
        var id = create.Id;

        var refused = await api.Act(id, "approve");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal("evidence-required", refused.Code);
        Assert.Equal("application/problem+json", refused.ContentType);

        Assert.Equal(HttpStatusCode.OK, (await api.UploadEvidence(id, Api.Jpeg)).Status);
        Ok(await api.Act(id, "approve", new { note = "照片确认开线" }), "awaitingReturnShipment");
        Ok(await api.Act(id, "record-return-shipment", Shipment("SF1001" + id.ToString("N")[^6..], postage: 12.00m)), "returnInTransit");

        var warehouse = As("warehouse.li", "warehouse");
        var scan = await warehouse.Post("warehouse/receipts", new JsonObject
        {
            ["trackingNumber"] = " sf1001" + id.ToString("N")[^6..].ToLowerInvariant() + " ",
            ["items"] = new JsonArray { new JsonObject { ["sku"] = "DRESS-RED-M", ["quantity"] = 1, ["condition"] = "damaged" } },
            ["freightCollect"] = false,
        });
        Assert.True(scan.Status == HttpStatusCode.OK, scan.ToString());
        Assert.Equal("confirmed", scan.Body!["outcome"]!.GetValue<string>());
        var received = scan.Body["case"]!;
        Assert.Equal("refundPending", received["status"]!.GetValue<string>());
        Assert.Equal(199.00m, received["amounts"]!["itemsTotal"]!.GetValue<decimal>());
        Assert.Equal(12.00m, received["amounts"]!["postageReimbursement"]!.GetValue<decimal>());
        Assert.Equal(211.00m, received["amounts"]!["refundDue"]!.GetValue<decimal>());

        var tooMuch = await api.Act(id, "refund", new { amount = 211.01m, method = "platformRefund", reference = "RF-1" });
        Assert.Equal("refund-exceeds-due", tooMuch.Code);
        var refund = await api.Act(id, "refund", new { amount = 211.00m, method = "alipayTransfer", reference = "ALIPAY-20261120-1" });
        Ok(refund, "completed");
        Assert.Equal(211.00m, refund.Body!["amounts"]!["refunded"]!.GetValue<decimal>());
        Assert.Empty(refund.Body["allowedActions"]!.AsArray());

        var timeline = await api.Timeline(id);
        Assert.Equal(
            ["create", "add-evidence", "approve", "record-return-shipment", "confirm-receipt", "refund"],
            timeline.Select(e => e!["action"]!.GetValue<string>()).ToArray());
        Assert.Equal("warehouse.li", timeline[4]!["actor"]!.GetValue<string>());
        Assert.Equal("returnInTransit", timeline[4]!["from"]!.GetValue<string>());
        Assert.Equal("refundPending", timeline[4]!["to"]!.GetValue<string>());
        Assert.Equal(211.00m, timeline[5]!["data"]!["amount"]!.GetValue<decimal>());
    }

    [SkippableFact]
    public async Task No_reason_return_pays_no_postage_and_a_used_item_gets_a_partial_refund()
    {
        var api = Agent;
        var id = await Created(api.Create(Bodies.Case(reason: "nonQuality.changedMind", quantity: 2)));
        Ok(await api.Act(id, "approve"), "awaitingReturnShipment");
        Ok(await api.Act(id, "record-return-shipment", Shipment("YT2002" + id.ToString("N")[^6..], postage: 15.00m)), "returnInTransit");

        var receipt = await api.Act(id, "confirm-receipt", new
        {
            items = new[]
            {
                new { sku = "DRESS-RED-M", quantity = 1, condition = "resaleable" },
                new { sku = "DRESS-RED-M", quantity = 1, condition = "used" },
            },
        });
        Ok(receipt, "inspectionFailed");
        Assert.Equal(0m, receipt.Body!["amounts"]!["postageReimbursement"]!.GetValue<decimal>());
        Assert.Equal(199.00m, receipt.Body["amounts"]!["refundDue"]!.GetValue<decimal>());

        Ok(await api.Act(id, "refund", new { amount = 150.00m, method = "platformRefund", reference = "TB-RF-9" }), "completed");
    }

    [SkippableFact]
    public async Task Case_outside_its_window_is_flagged_and_needs_a_supervisor_to_approve()
    {
        var api = Agent;
        var create = await api.Create(Bodies.Case(reason: "nonQuality.wrongSize", deliveredAt: ReturnsApp.Start.AddDays(-7).AddSeconds(-1)));
        Assert.True(create.Body!["outsideWindow"]!.GetValue<bool>());

        var agentApproval = await api.Act(create.Id, "approve");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, agentApproval.Status);
        Assert.Equal("supervisor-required", agentApproval.Code);

        Ok(await As("supervisor.wang", "supervisor").Act(create.Id, "approve", new { note = "老客户,特批" }), "awaitingReturnShipment");
        var timeline = await api.Timeline(create.Id);
        Assert.Equal("supervisor.wang", timeline[^1]!["actor"]!.GetValue<string>());
        Assert.Equal("supervisor", timeline[^1]!["actorRole"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Case_inside_its_window_at_the_exact_boundary_is_not_flagged()
    {
        var create = await Agent.Create(Bodies.Case(reason: "nonQuality.wrongSize", deliveredAt: ReturnsApp.Start.AddDays(-7)));
        Assert.False(create.Body!["outsideWindow"]!.GetValue<bool>());
    }

    [SkippableFact]
    public async Task Exchange_ships_a_replacement_and_completes_on_delivery()
    {
        var api = Agent;
        var id = await Created(api.Create(Bodies.Case(type: "exchange", reason: "nonQuality.wrongSize")));
        Ok(await api.Act(id, "approve"), "awaitingReturnShipment");
        Ok(await api.Act(id, "record-return-shipment", Shipment("ZT3003" + id.ToString("N")[^6..])), "returnInTransit");
        Ok(await api.Act(id, "confirm-receipt", Items("resaleable")), "replacementPending");
        var shipped = await api.Act(id, "ship-replacement", new { carrier = "ZTO", trackingNumber = "ZTO-778899" });
        Ok(shipped, "replacementShipped");
        Assert.Equal("ZTO-778899", shipped.Body!["replacement"]!["trackingNumber"]!.GetValue<string>());
        Ok(await api.Act(id, "confirm-delivery"), "completed");

        var byTracking = await api.Get("cases?trackingNumber=zto-778899");
        Assert.Equal(id.ToString(), byTracking.Body!["items"]![0]!["id"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Out_of_stock_exchange_is_converted_to_a_refund()
    {
        var api = Agent;
        var id = await Created(api.Create(Bodies.Case(type: "exchange", reason: "quality.wrongItem")));
        await api.UploadEvidence(id, Api.Jpeg);
        Ok(await api.Act(id, "approve"), "awaitingReturnShipment");
        Ok(await api.Act(id, "record-return-shipment", Shipment("JD4004" + id.ToString("N")[^6..], postage: 45.00m)), "returnInTransit");
        Ok(await api.Act(id, "confirm-receipt", Items("resaleable")), "replacementPending");
        var converted = await api.Act(id, "convert-to-refund", new { reason = "L 码缺货" });
        Ok(converted, "refundPending");
        // Seller's fault: the 45.00 postage the buyer advanced is repaid in full (no cap by default).
        Assert.Equal(244.00m, converted.Body!["amounts"]!["refundDue"]!.GetValue<decimal>());
        Ok(await api.Act(id, "refund", new { amount = 244.00m, method = "platformRefund", reference = "TB-RF-4004" }), "completed");
    }

    [SkippableFact]
    public async Task Warehouse_keeps_an_unmatched_parcel_once_and_an_agent_matches_it_to_its_case()
    {
        var api = Agent;
        var warehouse = As("warehouse.li", "warehouse");
        var id = await Created(api.Create(Bodies.Case(reason: "nonQuality.changedMind")));
        Ok(await api.Act(id, "approve"), "awaitingReturnShipment");
        Ok(await api.Act(id, "record-return-shipment", Shipment("EMS5005" + id.ToString("N")[^6..])), "returnInTransit");

        var unknownTracking = "UNKNOWN" + id.ToString("N")[..8];
        var scan = new JsonObject
        {
            ["trackingNumber"] = unknownTracking,
            ["items"] = new JsonArray { new JsonObject { ["sku"] = "DRESS-RED-M", ["quantity"] = 1, ["condition"] = "resaleable" } },
            ["freightCollect"] = false,
            ["note"] = "面单模糊",
        };
        var first = await warehouse.Post("warehouse/receipts", scan);
        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal("unmatched", first.Body!["outcome"]!.GetValue<string>());
        var second = await warehouse.Post("warehouse/receipts", scan);
        Assert.Equal(HttpStatusCode.Accepted, second.Status);
        Assert.Equal(first.Body["parcel"]!["id"]!.GetValue<string>(), second.Body!["parcel"]!["id"]!.GetValue<string>());

        var list = await api.Get("warehouse/unmatched-parcels");
        var parcels = list.Body!["items"]!.AsArray().Where(p => p!["trackingNumber"]!.GetValue<string>() == unknownTracking.ToUpperInvariant()).ToList();
        Assert.Single(parcels);

        var matched = await api.Post($"warehouse/unmatched-parcels/{parcels[0]!["id"]}/match", new JsonObject { ["caseId"] = id.ToString() });
        Ok(matched, "refundPending");
        var after = await api.Get("warehouse/unmatched-parcels");
        Assert.DoesNotContain(after.Body!["items"]!.AsArray(), p => p!["trackingNumber"]!.GetValue<string>() == unknownTracking.ToUpperInvariant());
    }

    [SkippableFact]
    public async Task Warehouse_refuses_a_freight_collect_parcel_and_the_case_waits_for_a_new_shipment()
    {
        var api = Agent;
        var id = await Created(api.Create(Bodies.Case(reason: "nonQuality.changedMind")));
        Ok(await api.Act(id, "approve"), "awaitingReturnShipment");
        var tracking = "YD6006" + id.ToString("N")[^6..];
        Ok(await api.Act(id, "record-return-shipment", Shipment(tracking)), "returnInTransit");

        var scan = await As("warehouse.li", "warehouse").Post("warehouse/receipts", new JsonObject
        {
            ["trackingNumber"] = tracking,
            ["items"] = new JsonArray { new JsonObject { ["sku"] = "DRESS-RED-M", ["quantity"] = 1, ["condition"] = "resaleable" } },
            ["freightCollect"] = true,
        });
        Assert.Equal(HttpStatusCode.OK, scan.Status);
        Assert.Equal("refused", scan.Body!["outcome"]!.GetValue<string>());
        Assert.Equal("awaitingReturnShipment", scan.Body["case"]!["status"]!.GetValue<string>());
        Assert.Null(scan.Body["case"]!["returnShipment"]);
    }

    [SkippableFact]
    public async Task Warehouse_staff_cannot_approve_or_refund()
    {
        var id = await Created(Agent.Create(Bodies.Case(reason: "nonQuality.changedMind")));
        var reply = await As("warehouse.li", "warehouse").Act(id, "approve");
        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
        Assert.Equal("forbidden", reply.Code);
        Assert.Equal("submitted", (await Agent.Case(id)).CaseStatus);
    }

    [SkippableFact]
    public async Task Action_not_allowed_in_the_state_is_409_with_the_allowed_actions_and_changes_nothing()
    {
        var api = Agent;
        var id = await Created(api.Create(Bodies.Case(reason: "nonQuality.changedMind")));
        var reply = await api.Act(id, "refund", new { amount = 10.00m, method = "platformRefund", reference = "X" });
        Assert.Equal(HttpStatusCode.Conflict, reply.Status);
        Assert.Equal("invalid-transition", reply.Code);
        var allowed = reply.Body!["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.Contains("approve", allowed);
        Assert.DoesNotContain("refund", allowed);
        var after = await api.Case(id);
        Assert.Equal(1, after.Version);
        Assert.Single(await api.Timeline(id));
    }

    [SkippableFact]
    public async Task Stale_if_match_is_412_and_changes_nothing()
    {
        var api = Agent;
        var id = await Created(api.Create(Bodies.Case(reason: "nonQuality.changedMind")));
        Ok(await api.Act(id, "add-note", new { text = "买家说周末寄回" }, ifMatch: "\"1\""), "submitted");
        var stale = await api.Act(id, "approve", ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        Assert.Equal("precondition-failed", stale.Code);
        var current = await api.Case(id);
        Assert.Equal("submitted", current.CaseStatus);
        Assert.Equal("\"2\"", current.Response.Headers.ETag!.Tag);
        Ok(await api.Act(id, "approve", ifMatch: "\"2\""), "awaitingReturnShipment");
    }

    [SkippableFact]
    public async Task Two_concurrent_conflicting_actions_one_wins_and_the_timeline_has_one_entry()
    {
        var api = Agent;
        for (var round = 0; round < 5; round++)
        {
            var id = await Created(api.Create(Bodies.Case(reason: "nonQuality.changedMind")));
            var approve = app.Client("agent.a", "agent").Act(id, "approve");
            var reject = app.Client("agent.b", "agent").Act(id, "reject", new { code = "duplicate", reason = "重复申请" });
            var replies = await Task.WhenAll(approve, reject);

            Assert.Single(replies, r => r.Status == HttpStatusCode.OK);
            var loser = Assert.Single(replies, r => r.Status != HttpStatusCode.OK);
            Assert.True(loser.Status is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed, loser.ToString());
            var timeline = await api.Timeline(id);
            Assert.Equal(2, timeline.Count);
            var winner = replies.Single(r => r.Status == HttpStatusCode.OK);
            Assert.Equal(winner.CaseStatus, (await api.Case(id)).CaseStatus);
        }
    }

    [SkippableFact]
    public async Task Second_open_case_for_the_same_order_item_is_refused()
    {
        var api = Agent;
        var order = Bodies.NewOrderNumber();
        await Created(api.Create(Bodies.Case(reason: "nonQuality.changedMind", orderNumber: order)));
        var duplicate = await api.Create(Bodies.Case(reason: "nonQuality.changedMind", orderNumber: order));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.Status);
        Assert.Equal("items-under-open-case", duplicate.Code);
        var list = await api.Get($"cases?orderNumber={order}");
        Assert.Single(list.Body!["items"]!.AsArray());
    }

    [SkippableFact]
    public async Task Case_is_found_by_id_and_by_number_with_its_etag()
    {
        var api = Agent;
        var create = await api.Create(Bodies.Case());
        var number = create.Body!["number"]!.GetValue<string>();
        var byNumber = await api.Get($"cases/{number.ToLowerInvariant()}");
        Assert.Equal(HttpStatusCode.OK, byNumber.Status);
        Assert.Equal(create.Id, byNumber.Id);
        Assert.Equal("\"1\"", byNumber.Response.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Get("cases/AS-999999999")).Status);
    }

    [SkippableFact]
    public async Task List_filters_and_pages_with_a_cursor()
    {
        var api = Agent;
        var order = Bodies.NewOrderNumber();
        var shop = "shop-" + Guid.NewGuid().ToString("N")[..8];
        var ids = new List<Guid>();
        foreach (var sku in new[] { "DRESS-RED-M", "BELT-01" })
        {
            var body = Bodies.Case(reason: "nonQuality.changedMind", orderNumber: order);
            body["shop"] = shop;
            body["items"] = new JsonArray { new JsonObject { ["sku"] = sku, ["quantity"] = 1 } };
            ids.Add(await Created(api.Create(body)));
        }
        var exchange = Bodies.Case(type: "exchange", reason: "nonQuality.wrongSize");
        exchange["shop"] = shop;
        ids.Add(await Created(api.Create(exchange)));
        As("agent.li", "agent"); // an assignee is someone who signs in
        Ok(await api.Act(ids[0], "assign", new { assignee = "agent.li" }), "submitted");

        var first = await api.Get($"cases?shop={shop}&limit=2");
        Assert.Equal(2, first.Body!["items"]!.AsArray().Count);
        var cursor = first.Body["nextCursor"]!.GetValue<string>();
        var second = await api.Get($"cases?shop={shop}&limit=2&cursor={cursor}");
        Assert.Single(second.Body!["items"]!.AsArray());
        Assert.Null(second.Body["nextCursor"]);
        var all = first.Body["items"]!.AsArray().Concat(second.Body["items"]!.AsArray()).Select(i => Guid.Parse(i!["id"]!.GetValue<string>())).ToList();
        Assert.Equal(ids.AsEnumerable().Reverse(), all);

        Assert.Single((await api.Get($"cases?shop={shop}&type=exchange")).Body!["items"]!.AsArray());
        Assert.Equal(2, (await api.Get($"cases?shop={shop}&orderNumber={order}")).Body!["items"]!.AsArray().Count);
        Assert.Single((await api.Get($"cases?shop={shop}&assignee=agent.li")).Body!["items"]!.AsArray());
        Assert.Equal(3, (await api.Get($"cases?shop={shop}&status=submitted")).Body!["items"]!.AsArray().Count);
        Assert.Equal(3, (await api.Get($"cases?shop={shop}&q=小王")).Body!["items"]!.AsArray().Count);
        Assert.Empty((await api.Get($"cases?shop={shop}&status=completed")).Body!["items"]!.AsArray());
    }

    [SkippableFact]
    public async Task Linked_cases_show_the_link_on_both_sides()
    {
        var api = Agent;
        var a = await Created(api.Create(Bodies.Case(reason: "nonQuality.changedMind")));
        var b = await Created(api.Create(Bodies.Case(type: "exchange", reason: "nonQuality.wrongSize")));
        var linked = await api.Act(a, "link", new { caseId = b });
        Assert.Equal(b.ToString(), linked.Body!["links"]![0]!["caseId"]!.GetValue<string>());
        var other = await api.Case(b);
        Assert.Equal(a.ToString(), other.Body!["links"]![0]!["caseId"]!.GetValue<string>());
        Assert.Equal("link", (await api.Timeline(b))[^1]!["action"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Reasons_and_workflows_describe_themselves()
    {
        var api = Agent;
        var reasons = (await api.Get("reasons")).Body!["items"]!.AsArray();
        Assert.Equal("courier", reasons.Single(r => r!["code"]!.GetValue<string>() == "logistics.lost")!["responsibility"]!.GetValue<string>());
        var workflow = await api.Get("workflows/exchange");
        Assert.StartsWith("stateDiagram-v2", workflow.Body!["mermaid"]!.GetValue<string>());
        Assert.Contains(workflow.Body["transitions"]!.AsArray(), t =>
            t!["from"]!.GetValue<string>() == "replacementPending" && t["action"]!.GetValue<string>() == "convert-to-refund");
        Assert.Equal(HttpStatusCode.NotFound, (await api.Get("workflows/refund")).Status);
    }
}

public sealed class SqliteCaseWorkflowApiTests(SqliteApp app) : CaseWorkflowApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresCaseWorkflowApiTests(PostgresApp app) : CaseWorkflowApiTests(app), IClassFixture<PostgresApp>;
