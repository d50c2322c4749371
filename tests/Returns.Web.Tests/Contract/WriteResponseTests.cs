using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Returns.Domain.Cases;
using Returns.Domain.Workflows;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests.Contract;

/// <summary>
/// A write answers with the case as stored: for every allowed move of every workflow (generated from the workflow
/// definitions, one sample body per action), for opening a case, uploading evidence, the warehouse scan and matching an
/// unmatched parcel, the response body equals, field for field, what the same caller's next GET returns, with the same
/// ETag; an idempotent replay returns that same body.
/// </summary>
public abstract class WriteResponseTests(ReturnsApp app)
{
    private Api Desk
    {
        get
        {
            Skip.If(app.Unavailable is not null, app.Unavailable);
            // A supervisor may take every person's action, so only the workflow decides what is allowed.
            return app.Client("supervisor.li", "supervisor");
        }
    }

    /// <summary>(type, state, action, state after): every move a person can make, from the definitions.</summary>
    public static TheoryData<string, string, string, string> EveryAllowedMove()
    {
        var moves = new TheoryData<string, string, string, string>();
        foreach (var definition in Workflow.Definitions.Values)
            foreach (var transition in Workflow.Transitions(definition.Type))
            {
                if (transition.Action == CaseAction.AddEvidence) continue; // multipart: its own test below
                if (!definition.RolesFor(transition.Action).Contains(Role.Supervisor)) continue; // the system's timeouts
                foreach (var to in transition.To)
                    moves.Add(Contract(definition.Type), transition.From.Name(), transition.Action.Name(), to.Name());
            }
        return moves;
    }

    [SkippableTheory]
    [MemberData(nameof(EveryAllowedMove))]
    public async Task An_actions_response_is_the_case_as_stored(string type, string state, string action, string to)
    {
        var api = Desk;
        // The return postage is owed only for the shop's or the courier's fault: refunding it, or a delivery that waits for it.
        var owesPostage = action == "refund-postage" || (action == "confirm-delivery" && to == "refundPending");
        var id = await CaseIn(api, owesPostage ? "exchangeOwingPostage" : type, state);
        var key = Guid.NewGuid().ToString("N");

        var reply = await Post(api, $"cases/{id}/{action}", await SampleBody(api, type, action, to), key);

        Assert.True(reply.Status == HttpStatusCode.OK, $"{type} {state} {action}: {reply}");
        Assert.Equal(to, reply.CaseStatus);
        await AssertIsTheStoredCase(api, id, reply);
        await AssertReplayIsTheSame(api, reply, key);
    }

    [SkippableTheory]
    [InlineData("return")]
    [InlineData("exchange")]
    [InlineData("discount")]
    [InlineData("discountWithinCap")]
    [InlineData("badReview")]
    public async Task Opening_a_case_answers_the_case_as_stored_with_its_clocks(string kind)
    {
        var api = Desk;
        var key = Guid.NewGuid().ToString("N");
        var reply = await Post(api, "cases", Opening(kind).ToJsonString(), key);

        Assert.True(reply.Status == HttpStatusCode.Created, reply.ToString());
        Assert.NotEmpty(reply.Body!["deadlines"]!.AsArray());
        Assert.Contains(reply.Body!["deadlines"]!.AsArray(), d => d!["kind"]!.GetValue<string>() == "firstTouch");
        await AssertIsTheStoredCase(api, reply.Id, reply);
        await AssertReplayIsTheSame(api, reply, key);
    }

    [SkippableFact]
    public async Task Approving_answers_the_met_decision_clock_and_the_started_shipping_clock()
    {
        var api = Desk;
        var id = await CaseIn(api, "return", "submitted");
        var reply = await api.Act(id, "approve", new { note = "同意" });

        var deadlines = reply.Body!["deadlines"]!.AsArray();
        Assert.Equal("met", deadlines.Single(d => d!["kind"]!.GetValue<string>() == "sellerDecision")!["state"]!.GetValue<string>());
        Assert.Equal("pending", deadlines.Single(d => d!["kind"]!.GetValue<string>() == "buyerShipsReturn")!["state"]!.GetValue<string>());
        await AssertIsTheStoredCase(api, id, reply);
    }

    [SkippableFact]
    public async Task Uploading_evidence_answers_the_case_as_stored()
    {
        var api = Desk;
        var id = await CaseIn(api, "return", "submitted");
        var reply = await api.UploadEvidence(id, Api.Jpeg);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Single(reply.Body!["evidence"]!.AsArray());
        await AssertIsTheStoredCase(api, id, reply);
    }

    [SkippableTheory]
    [InlineData(false, "refundPending")]
    [InlineData(true, "awaitingReturnShipment")]
    public async Task The_warehouse_scan_answers_the_case_as_stored(bool freightCollect, string expected)
    {
        var api = Desk;
        var id = await CaseIn(api, "return", "returnInTransit");
        var tracking = (await api.Case(id)).Body!["returnShipment"]!["trackingNumber"]!.GetValue<string>();
        var key = Guid.NewGuid().ToString("N");

        var reply = await Post(api, "warehouse/receipts", JsonSerializer.Serialize(new
        {
            trackingNumber = tracking, freightCollect, items = new[] { new { sku = "DRESS-RED-M", quantity = 1, condition = "resaleable" } },
        }), key);

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        var scanned = reply.Body!["case"]!;
        Assert.Equal(expected, scanned["status"]!.GetValue<string>());
        Assert.Equal((await api.Case(id)).Body!.ToJsonString(), scanned.ToJsonString());
        Assert.Equal(reply.Body!.ToJsonString(), (await Post(api, "warehouse/receipts", JsonSerializer.Serialize(new
        {
            trackingNumber = tracking, freightCollect, items = new[] { new { sku = "DRESS-RED-M", quantity = 1, condition = "resaleable" } },
        }), key)).Body!.ToJsonString());
    }

    [SkippableFact]
    public async Task Matching_an_unmatched_parcel_answers_the_case_as_stored()
    {
        var api = Desk;
        var id = await CaseIn(api, "return", "returnInTransit");
        var parcel = await api.Post("warehouse/receipts", JsonSerializer.Serialize(new
        {
            trackingNumber = "UNKNOWN" + Guid.NewGuid().ToString("N")[..10], freightCollect = false,
            items = new[] { new { sku = "DRESS-RED-M", quantity = 1, condition = "resaleable" } },
        }));
        Assert.True(parcel.Status == HttpStatusCode.Accepted, parcel.ToString());
        var parcelId = parcel.Body!["parcel"]!["id"]!.GetValue<string>();

        var reply = await api.Post($"warehouse/unmatched-parcels/{parcelId}/match", JsonSerializer.Serialize(new { caseId = id }));

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal("refundPending", reply.CaseStatus);
        await AssertIsTheStoredCase(api, id, reply);
    }

    // ---- what must hold -----------------------------------------------------------------------

    private static async Task AssertIsTheStoredCase(Api api, Guid id, Reply reply)
    {
        var stored = await api.Case(id);
        Assert.Equal(stored.Body!.ToJsonString(), reply.Body!.ToJsonString());
        Assert.Equal(stored.Response.Headers.ETag?.Tag, reply.Response.Headers.ETag?.Tag);
    }

    private static async Task AssertReplayIsTheSame(Api api, Reply reply, string key)
    {
        var path = reply.Response.RequestMessage!.RequestUri!.PathAndQuery["/api/v1/".Length..];
        var body = await reply.Response.RequestMessage.Content!.ReadAsStringAsync();
        var replay = await Post(api, path, body, key);
        Assert.Equal(reply.Status, replay.Status);
        Assert.True(replay.Response.Headers.Contains("Idempotent-Replayed"), replay.ToString());
        Assert.Equal(reply.Body!.ToJsonString(), replay.Body!.ToJsonString());
    }

    private static Task<Reply> Post(Api api, string path, string json, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/" + path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        return api.Send(request);
    }

    // ---- getting a case into a state ------------------------------------------------------------

    private static string Contract(CaseType type) => JsonNamingPolicy.CamelCase.ConvertName(type.ToString());

    private static JsonObject Opening(string kind)
    {
        // A buyer's reason within the 7-day window: approval needs no photo and no supervisor.
        var body = Bodies.Case(type: kind.StartsWith("exchange") ? "exchange" : "return", reason: "nonQuality.wrongSize");
        switch (kind)
        {
            case "exchangeOwingPostage":
                // Damaged in transit: the shop owes the postage, and no photo is needed to approve.
                body["reason"] = "logistics.damagedInTransit";
                break;
            case "discount" or "discountWithinCap":
                body["type"] = "discount";
                body["reason"] = "quality.defective";
                body["compensation"] = new JsonObject { ["amount"] = kind == "discount" ? 20.00m : 8.00m, ["defect"] = "袖口线头" };
                break;
            case "badReview":
                body["type"] = "badReview";
                body.Remove("reason");
                body.Remove("items");
                body["review"] = new JsonObject { ["rating"] = "bad", ["content"] = "质量太差", ["postedAt"] = ReturnsApp.Start.AddDays(-1).ToString("O") };
                break;
        }
        return body;
    }

    /// <summary>Opens a case of the type and walks it to <paramref name="state"/> along the definition's transitions.</summary>
    private static async Task<Guid> CaseIn(Api api, string type, string state)
    {
        var kind = type;
        if (type == "exchangeOwingPostage") type = "exchange";
        var definition = Workflow.Definitions.Values.Single(d => Contract(d.Type) == type);
        var target = Enum.GetValues<CaseStatus>().Single(s => s.Name() == state);
        var start = definition.Type == CaseType.Discount && target == CaseStatus.Approved ? "discountWithinCap"
            : definition.Type == CaseType.Discount ? "discount" : kind;
        var created = await api.Create(Opening(start));
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        foreach (var (action, to) in PathTo(definition, created.CaseStatus!, target))
        {
            var step = await api.Post($"cases/{created.Id}/{action}", await SampleBody(api, type, action, to));
            Assert.True(step.Status == HttpStatusCode.OK && step.CaseStatus == to, $"walking to {state}: {action} → {step}");
            if (to == "awaitingEvidence") Assert.Equal(HttpStatusCode.OK, (await api.UploadEvidence(created.Id, Api.Jpeg)).Status);
        }
        return created.Id;
    }

    private static IReadOnlyList<(string Action, string To)> PathTo(WorkflowDefinition definition, string from, CaseStatus target)
    {
        var start = Enum.GetValues<CaseStatus>().Single(s => s.Name() == from);
        var paths = new Dictionary<CaseStatus, List<(string, string)>> { [start] = [] };
        var queue = new Queue<CaseStatus>([start]);
        while (queue.Count > 0 && !paths.ContainsKey(target))
        {
            var state = queue.Dequeue();
            foreach (var t in Workflow.Transitions(definition.Type).Where(t => t.From == state && t.Action != CaseAction.Cancel
                         && definition.RolesFor(t.Action).Contains(Role.Supervisor)))
                foreach (var to in t.To.Where(to => !paths.ContainsKey(to)))
                {
                    paths[to] = [.. paths[state], (t.Action.Name(), to.Name())];
                    queue.Enqueue(to);
                }
        }
        return paths.TryGetValue(target, out var path) ? path : throw new InvalidOperationException($"{definition.Type} cannot reach {target}");
    }

    /// <summary>One valid body per action; a receipt passes or fails inspection as the move asks.</summary>
    private static async Task<string> SampleBody(Api api, string type, string action, string to)
    {
        object body = action switch
        {
            "approve" => new { note = "同意" },
            // A 7-day no-reason return inside its window is refused only for what the programme allows (F0-l Q15).
            "reject" => new { code = "duplicate", reason = "测试原因" },
            "refuse-parcel" or "convert-to-refund" or "cancel" or "mark-malicious" => new { reason = "测试原因" },
            "request-evidence" => new { message = "请补充照片" },
            "submit-evidence" or "buyer-agreed" => new { note = "已补充" },
            "record-return-shipment" => new { carrier = "SF", trackingNumber = "SF" + Guid.NewGuid().ToString("N")[..12], postage = 12.00m, freightCollect = false },
            "confirm-receipt" => new { items = new[] { new { sku = "DRESS-RED-M", quantity = 1, condition = to == "inspectionFailed" ? "wrongItem" : "resaleable" } } },
            "refund" => new { amount = 10.00m, method = "platformRefund", reference = "TB-RF-1" },
            "refund-postage" => new { amount = 12.00m, method = "platformRefund", reference = "TB-RF-3" },
            "ship-replacement" => new { carrier = "YTO", trackingNumber = "YT" + Guid.NewGuid().ToString("N")[..12] },
            "record-payout" => new { method = "platformRefund", reference = "TB-RF-2" },
            "contact-buyer" => new { channel = "phone", outcome = "reached" },
            "confirm-revised" => new { newRating = "good" },
            "post-explanation" => new { text = "亲,已为您补发" },
            "file-appeal" => new { reference = "APPEAL-1" },
            "assign" => new { assignee = "supervisor.li" }, // someone who signs in: the desk user above
            "add-note" => new { text = "买家来电" },
            "link" => new { caseId = await OtherCase(api, type) },
            "sync-platform-deadlines" => new { sellerConfirmsReceipt = ReturnsApp.Start.AddDays(12) },
            _ => new { },
        };
        return JsonSerializer.Serialize(body);
    }

    /// <summary>A case to link to: a bad review's remedy is a return; anything else may be linked to a review.</summary>
    private static async Task<Guid> OtherCase(Api api, string type)
    {
        var other = await api.Create(Opening(type == "badReview" ? "return" : "badReview"));
        Assert.True(other.Status == HttpStatusCode.Created, other.ToString());
        return other.Id;
    }
}

public sealed class SqliteWriteResponseTests(SqliteApp app) : WriteResponseTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresWriteResponseTests(PostgresApp app) : WriteResponseTests(app), IClassFixture<PostgresApp>;
