using System.Net;
using System.Text;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests;

/// <summary>
/// Case actions refused over HTTP: one per kind of refusal (400, 409, 412, 413, 415, 422), each answering its problem
/// and leaving the case exactly as it was; unknown cases and actions; who acts. Which field each body rule names is
/// <see cref="Inputs.ActionBodyTable"/>'s, in-process; If-Match parsing is <see cref="Inputs.IfMatchTable"/>'s.
/// </summary>
public abstract class ActionInputTests(ReturnsApp app) : InputSuite(app)
{
    public static TheoryData<string> RefusedActions() => new()
    {
        "a rule of the body: a refund of zero",
        "a value that cannot bind: an unknown refund method",
        "an unknown member",
        "malformed json",
        "an if-match that is not an etag",
        "an action the state does not allow",
        "a stale if-match",
        "a body over one megabyte",
        "the body as text/plain",
        "a refund above what is due",
        "a freight-collect return shipment",
        "approving a quality case without evidence",
    };

    [SkippableTheory]
    [MemberData(nameof(RefusedActions))]
    public async Task A_refused_action_answers_its_problem_and_changes_nothing(string row)
    {
        var api = Agent;
        Guid id;
        (Func<Task<Reply>> send, HttpStatusCode status, string code, string? field) refusal;
        switch (row)
        {
            case "a rule of the body: a refund of zero":
                id = await CaseAwaitingRefund();
                refusal = (() => api.Act(id, "refund", new { amount = 0m, method = "platformRefund", reference = "RF-0" }),
                    HttpStatusCode.BadRequest, "validation-failed", "amount");
                break;
            case "a value that cannot bind: an unknown refund method":
                id = await CaseAwaitingRefund();
                refusal = (() => api.Post($"cases/{id}/refund", """{"amount": 10.00, "method": "cash", "reference": "RF-5"}"""),
                    HttpStatusCode.BadRequest, "validation-failed", "method");
                break;
            case "an unknown member":
                id = await NewCase();
                refusal = (() => api.Act(id, "add-note", new { text = "买家来电", urgent = true }), HttpStatusCode.BadRequest, "validation-failed", "urgent");
                break;
            case "malformed json":
                id = await NewCase();
                refusal = (() => api.Post($"cases/{id}/add-note", "{\"text\": \"买家来电\""), HttpStatusCode.BadRequest, "validation-failed", null);
                break;
            case "an if-match that is not an etag":
                id = await NewCase();
                refusal = (() => api.Act(id, "add-note", new { text = "买家来电" }, ifMatch: "abc"), HttpStatusCode.BadRequest, "validation-failed", "If-Match");
                break;
            case "an action the state does not allow":
                id = await NewCase();
                refusal = (() => api.Act(id, "confirm-receipt", new { items = new[] { new { sku = "DRESS-RED-M", quantity = 1, condition = "resaleable" } } }),
                    HttpStatusCode.Conflict, "invalid-transition", null);
                break;
            case "a stale if-match":
                id = await NewCase();
                await Ok(api.Act(id, "add-note", new { text = "买家说周末寄回" }, ifMatch: "\"1\""));
                refusal = (() => api.Act(id, "approve", ifMatch: "\"1\""), HttpStatusCode.PreconditionFailed, "precondition-failed", null);
                break;
            case "a body over one megabyte":
                id = await NewCase();
                refusal = (() => PostAnnounced(api, $"cases/{id}/add-note", $$"""{"text": "{{new string('x', 1_100_000)}}"}"""), HttpStatusCode.RequestEntityTooLarge, "payload-too-large", null);
                break;
            case "the body as text/plain":
                id = await NewCase();
                refusal = (() => api.Post($"cases/{id}/add-note", "{\"text\": \"x\"}", contentType: "text/plain"),
                    HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", null);
                break;
            case "a refund above what is due":
                id = await CaseAwaitingRefund();
                refusal = (() => api.Act(id, "refund", new { amount = 99_999.00m, method = "platformRefund", reference = "RF-9" }),
                    HttpStatusCode.UnprocessableEntity, "refund-exceeds-due", null);
                break;
            case "a freight-collect return shipment":
                id = await CaseAwaitingShipment();
                refusal = (() => api.Act(id, "record-return-shipment", new { carrier = "SF", trackingNumber = "SF-FC-1", postage = 0m, freightCollect = true }),
                    HttpStatusCode.UnprocessableEntity, "freight-collect-refused", null);
                break;
            case "approving a quality case without evidence":
                id = await NewCase(reason: "quality.defective");
                refusal = (() => api.Act(id, "approve"), HttpStatusCode.UnprocessableEntity, "evidence-required", null);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(row), row, "No such row.");
        }

        var reply = await RefusedAction(id, refusal.send);
        AssertRefusal(reply, refusal.status, refusal.code, refusal.field);
    }

    [SkippableFact]
    public async Task Action_not_allowed_in_the_state_is_409_with_the_allowed_actions()
    {
        var id = await NewCase();
        var reply = await RefusedAction(id, "confirm-receipt", new { items = new[] { new { sku = "DRESS-RED-M", quantity = 1, condition = "resaleable" } } });
        AssertProblem(reply, HttpStatusCode.Conflict, "invalid-transition");
        var allowed = reply.Body!["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.Contains("approve", allowed);
        Assert.DoesNotContain("confirm-receipt", allowed);
    }

    [SkippableFact]
    public async Task Action_on_a_closed_case_is_409_with_no_allowed_actions()
    {
        var id = await NewCase();
        await Ok(Agent.Act(id, "cancel", new { reason = "买家撤销" }));
        var reply = await RefusedAction(id, "approve", new { });
        AssertProblem(reply, HttpStatusCode.Conflict, "invalid-transition");
        Assert.Empty(reply.Body!["allowedActions"]!.AsArray());
    }

    // ---- unknown cases and actions -------------------------------------------------------------

    [SkippableFact]
    public async Task Action_on_an_unknown_case_is_404()
    {
        var reply = await Agent.Act(Guid.NewGuid(), "add-note", new { text = "买家来电" });
        AssertProblem(reply, HttpStatusCode.NotFound, "not-found");
    }

    [SkippableFact]
    public async Task Unknown_case_is_404_for_its_resource_and_timeline()
    {
        var id = Guid.NewGuid();
        AssertProblem(await Agent.Case(id), HttpStatusCode.NotFound, "not-found");
        AssertProblem(await Agent.Get($"cases/{id}/timeline"), HttpStatusCode.NotFound, "not-found");
    }

    [SkippableTheory]
    [InlineData("fly")]
    [InlineData("expire")]
    [InlineData("create")]
    [InlineData("approve-all")]
    public async Task Unknown_action_is_404_problem(string action)
    {
        var id = await NewCase();
        var reply = await RefusedAction(id, action, new { });
        AssertProblem(reply, HttpStatusCode.NotFound, "not-found");
    }

    [SkippableTheory]
    [InlineData("POST", "cases/not-a-guid/approve")]
    [InlineData("POST", "cases/12345/add-note")]
    [InlineData("POST", "cases/not-a-guid/evidence")]
    [InlineData("GET", "cases/not-a-guid/timeline")]
    [InlineData("GET", "cases/not-a-guid")]
    public async Task Malformed_case_id_in_the_path_is_404(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), "/api/v1/" + path);
        if (path.EndsWith("/evidence", StringComparison.Ordinal))
            request.Content = new MultipartFormDataContent { { new ByteArrayContent(Api.Jpeg), "file", "photo.jpg" } };
        else if (method == "POST")
            request.Content = new StringContent("{\"text\": \"x\"}", Encoding.UTF8, "application/json");
        AssertProblem(await Agent.Send(request), HttpStatusCode.NotFound, "not-found");
    }

    // ---- who acts ------------------------------------------------------------------------------

    [SkippableTheory]
    [InlineData("nonsense")]
    [InlineData("rk_00000000_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("'; DROP TABLE \"ApiKeys\"; --")]
    public async Task Request_with_an_invalid_api_key_is_401_and_changes_nothing(string key)
    {
        var id = await NewCase();
        var reply = await RefusedAction(id, () => App.WithKey(key).Act(id, "cancel", new { reason = "买家撤销" }));
        AssertProblem(reply, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [SkippableFact]
    public async Task Actor_headers_do_not_choose_who_acts()
    {
        var id = await NewCase();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{id}/add-note")
        {
            Content = new StringContent("{\"text\":\"x\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Actor", "boss");
        request.Headers.Add("X-Actor-Role", "supervisor");
        Assert.Equal(HttpStatusCode.OK, (await Agent.Send(request)).Status);
        var entry = (await Agent.Timeline(id))[^1]!;
        Assert.NotEqual("boss", entry["actor"]!.GetValue<string>());
        Assert.Equal("agent", entry["actorRole"]!.GetValue<string>());
    }
}

public sealed class SqliteActionInputTests(SqliteApp app) : ActionInputTests(app), IClassFixture<SqliteApp>;
