using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Returns.Domain.Cases;
using Returns.Domain.Workflows;
using Returns.Web.Tests.Inputs;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests.Hardening;

/// <summary>
/// Issue 19, item 4: a <c>reviews</c> key reads and works the bad reviews it logs, and only those; and for every caller
/// a case's <c>allowedActions</c> is exactly what that caller can do — the actions the endpoints do not refuse with 403.
/// </summary>
public abstract class ReviewsKeyTests(ReturnsApp app) : InputSuite(app)
{
    private Api Admin => App.Client(ReturnsApp.AdminEmail, "admin");

    private static readonly ConcurrentDictionary<(ReturnsApp, string), Lazy<Task<Api>>> Keys = new();

    /// <summary>An integration holding one key with <paramref name="scope"/>, made once per app.</summary>
    private Task<Api> Key(string scope) => Keys.GetOrAdd((App, scope), k => new Lazy<Task<Api>>(async () =>
    {
        var created = await Admin.Post("admin/api-keys",
            JsonSerializer.Serialize(new { name = $"allowed-{scope.Replace(':', '-')}-{Guid.NewGuid():N}"[..40], scopes = new[] { scope } }));
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        return App.WithKey(created.Body!["apiKey"]!.GetValue<string>());
    })).Value;

    private static JsonObject BadReview()
    {
        var body = Bodies.Case(type: "badReview");
        body.Remove("items");
        body.Remove("reason");
        body["review"] = new JsonObject { ["rating"] = "bad", ["content"] = "质量太差", ["postedAt"] = ReturnsApp.Start.ToString("O") };
        return body;
    }

    private static IReadOnlyList<string> AllowedActions(Reply reply) =>
        reply.Body!["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();

    [SkippableFact]
    public async Task A_reviews_key_logs_reads_and_works_a_bad_review()
    {
        var feed = await Key("reviews");
        var created = await feed.Create(BadReview());
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        var id = created.Id;

        var read = await feed.Case(id);
        Assert.True(read.Status == HttpStatusCode.OK, read.ToString());
        Assert.Equal(
            ["add-evidence", "add-note", "assign", "cancel", "contact-buyer", "link", "mark-malicious", "post-explanation"],
            AllowedActions(read).Order());

        var contacted = await feed.Act(id, "contact-buyer", new { channel = "wangwang", outcome = "reached", note = "买家愿意修改" });
        Assert.True(contacted.Status == HttpStatusCode.OK, contacted.ToString());
        var explained = await feed.Act(id, "post-explanation", new { text = "亲,已为您补发" });
        Assert.True(explained.Status == HttpStatusCode.OK, explained.ToString());
        var noted = await feed.Act(id, "add-note", new { text = "买家留言" });
        Assert.True(noted.Status == HttpStatusCode.OK, noted.ToString());
        Assert.Equal(HttpStatusCode.OK, (await feed.UploadEvidence(id, Api.Jpeg)).Status);
        var malicious = await feed.Act(id, "mark-malicious", new { reason = "以差评要挟退款", evidence = "聊天记录截图" });
        Assert.True(malicious.Status == HttpStatusCode.OK, malicious.ToString());
        Assert.Equal("appealing", malicious.CaseStatus);
        Assert.All(await feed.Timeline(id), e => Assert.StartsWith("key:allowed-reviews", e!["actor"]!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task A_reviews_key_sees_no_other_case_type_and_works_none()
    {
        var feed = await Key("reviews");
        var @return = await NewCase();
        var review = await Created(feed.Create(BadReview()));

        AssertProblem(await feed.Case(@return), HttpStatusCode.NotFound, "not-found");
        AssertProblem(await RefusedAction(@return, () => feed.Act(@return, "add-note", new { text = "x" })), HttpStatusCode.NotFound, "not-found");
        AssertProblem(await RefusedAction(@return, () => feed.Act(@return, "cancel", new { reason = "x" })), HttpStatusCode.NotFound, "not-found");
        AssertProblem(await RefusedAction(@return, () => feed.Act(@return, "approve", new { })), HttpStatusCode.Forbidden, "forbidden");
        AssertProblem(await RefusedAction(@return, () => feed.Act(@return, "contact-buyer", new { channel = "phone", outcome = "reached" })),
            HttpStatusCode.NotFound, "not-found");
        AssertProblem(await RefusedCreate(Agent, () => feed.Create(Bodies.Case())), HttpStatusCode.Forbidden, "forbidden");

        var listed = (await feed.Get("cases?limit=200")).Body!["items"]!.AsArray();
        Assert.Contains(listed, c => c!["id"]!.GetValue<string>() == review.ToString());
        Assert.All(listed, c => Assert.Equal("badReview", c!["type"]!.GetValue<string>()));
    }

    // ---- allowedActions ⇔ not 403, for every caller, every case type and every action its state permits -------------

    /// <summary>The callers whose case views carry allowedActions (a warehouse-only or webhooks key reads no case).</summary>
    public static TheoryData<string> Callers => new() { "agent", "supervisor", "warehouse", "admin", "key:cases:read", "key:cases:write", "key:reviews" };

    private async Task<Api> Caller(string caller) => caller.StartsWith("key:", StringComparison.Ordinal)
        ? await Key(caller["key:".Length..])
        : App.Client("allowed." + caller, caller);

    private static readonly ConcurrentDictionary<ReturnsApp, Lazy<Task<IReadOnlyList<(Guid Id, CaseType Type, CaseStatus Status)>>>> Cases = new();

    /// <summary>One case in each state that some action needs, made once per app by an agent.</summary>
    private Task<IReadOnlyList<(Guid Id, CaseType Type, CaseStatus Status)>> CasesInEveryState() =>
        Cases.GetOrAdd(App, _ => new Lazy<Task<IReadOnlyList<(Guid, CaseType, CaseStatus)>>>(async () =>
        {
            var agent = Agent;
            var made = new List<(Guid, CaseType, CaseStatus)>();
            async Task<Guid> Walk(JsonObject body, CaseType type, CaseStatus status, params (string Action, object Body)[] steps)
            {
                var id = await Created(agent.Create(body));
                foreach (var (action, stepBody) in steps) await Ok(agent.Act(id, action, stepBody));
                var reply = await agent.Case(id);
                Assert.Equal(status.Name(), reply.CaseStatus);
                made.Add((id, type, status));
                return id;
            }
            var shipment = () => ("record-return-shipment", (object)new { carrier = "SF", trackingNumber = "SF" + Guid.NewGuid().ToString("N")[..12], postage = 10.00m, freightCollect = false });
            var receipt = ("confirm-receipt", (object)new { items = new[] { new { sku = "DRESS-RED-M", quantity = 1, condition = "resaleable" } } });
            var approve = ("approve", (object)new { });
            await Walk(CaseBody(), CaseType.Return, CaseStatus.Submitted);
            await Walk(CaseBody(), CaseType.Return, CaseStatus.AwaitingEvidence, ("request-evidence", new { message = "请拍照" }));
            await Walk(CaseBody(), CaseType.Return, CaseStatus.AwaitingReturnShipment, approve);
            await Walk(CaseBody(), CaseType.Return, CaseStatus.ReturnInTransit, approve, shipment());
            await Walk(CaseBody(), CaseType.Return, CaseStatus.RefundPending, approve, shipment(), receipt);
            await Walk(CaseBody("exchange"), CaseType.Exchange, CaseStatus.ReplacementPending, approve, shipment(), receipt);
            await Walk(CaseBody("exchange"), CaseType.Exchange, CaseStatus.ReplacementShipped, approve, shipment(), receipt,
                ("ship-replacement", new { carrier = "YTO", trackingNumber = "YT" + Guid.NewGuid().ToString("N")[..12] }));
            var discount = Bodies.Case(type: "discount", reason: "quality.defective");
            discount["compensation"] = new JsonObject { ["amount"] = 5.00m, ["defect"] = "线头" };
            await Walk(discount, CaseType.Discount, CaseStatus.Approved);
            var contact = ("contact-buyer", (object)new { channel = "phone", outcome = "reached" });
            var malicious = ("mark-malicious", (object)new { reason = "要挟", evidence = "截图" });
            await Walk(BadReview(), CaseType.BadReview, CaseStatus.Open);
            await Walk(BadReview(), CaseType.BadReview, CaseStatus.Contacting, contact);
            await Walk(BadReview(), CaseType.BadReview, CaseStatus.AwaitingRevision, contact, ("buyer-agreed", new { }));
            await Walk(BadReview(), CaseType.BadReview, CaseStatus.Appealing, malicious);
            await Walk(BadReview(), CaseType.BadReview, CaseStatus.AppealFiled, malicious, ("file-appeal", new { reference = "AP-1" }));
            return made;
        })).Value;

    /// <summary>
    /// The action with a body it accepts and (unless <paramref name="stale"/> is false) a version no case has: authorized,
    /// it is 412 and changes nothing.
    /// </summary>
    private static Task<Reply> Attempt(Api api, Guid id, CaseAction action, bool stale = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{id}/{action.Name()}");
        if (action == CaseAction.AddEvidence)
        {
            var file = new ByteArrayContent(Api.Jpeg);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            request.Content = new MultipartFormDataContent { { file, "file", "photo.jpg" } };
        }
        else request.Content = new StringContent(ActionBodyTable.ValidBodies[action.Name()], Encoding.UTF8, "application/json");
        if (stale) request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        return api.Send(request);
    }

    /// <summary>What a caller can be asked for: the routed actions and add-evidence (the system's own steps are nobody's).</summary>
    private static bool Routed(CaseAction action) =>
        action == CaseAction.AddEvidence || ActionBodyTable.ValidBodies.ContainsKey(action.Name());

    [SkippableTheory]
    [MemberData(nameof(Callers))]
    public async Task Every_action_a_case_lists_is_one_the_caller_may_take_and_every_other_is_refused(string caller)
    {
        var api = await Caller(caller);
        var mismatches = new List<string>();
        foreach (var (id, type, status) in await CasesInEveryState())
        {
            var permitted = Workflow.For(type).PermittedIn(status).Where(Routed).ToList();
            var read = await api.Case(id);
            if (read.Status == HttpStatusCode.NotFound)
            {
                // Out of the caller's sight: nothing on it may pass authorization.
                foreach (var action in permitted)
                    if ((await Attempt(api, id, action)).Status is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden) and var seen)
                        mismatches.Add($"{type} {status} (invisible) {action.Name()}: {(int)seen}");
                continue;
            }
            Assert.True(read.Status == HttpStatusCode.OK, $"{caller} reading {type} {status}: {read}");
            var listed = AllowedActions(read);
            foreach (var name in listed.Where(n => !permitted.Any(a => a.Name() == n)))
                mismatches.Add($"{type} {status}: lists {name}, which the state does not permit");
            foreach (var action in permitted)
            {
                if (listed.Contains(action.Name()))
                {
                    var reply = await Attempt(api, id, action);
                    if (reply.Status != HttpStatusCode.PreconditionFailed) mismatches.Add($"{type} {status} {action.Name()}: listed but {reply}");
                    continue;
                }
                // Not listed: refused, either to the caller (403) or by the case itself (422: a supervisor must decide,
                // nothing to act on). Sent with the current version so the case's own answer is seen; 200 would be a bug.
                var refused = await Attempt(api, id, action, stale: false);
                if (refused.Status is not (HttpStatusCode.Forbidden or HttpStatusCode.UnprocessableEntity))
                    mismatches.Add($"{type} {status} {action.Name()}: not listed but {refused}");
            }
        }
        Assert.True(mismatches.Count == 0, $"{caller}:\n" + string.Join("\n", mismatches));
    }
}

public sealed class SqliteReviewsKeyTests(SqliteApp app) : ReviewsKeyTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresReviewsKeyTests(PostgresApp app) : ReviewsKeyTests(app), IClassFixture<PostgresApp>;
