using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Returns.Web.Tests.Support;

/// <summary>
/// What the input suites over HTTP share (docs/design.md §3): every refusal is RFC 9457 problem+json with its code, nothing a
/// client sends produces a 500, and a refused request changes nothing. Which field a rule names is asserted
/// in-process by the tables in <c>Inputs/</c>; these suites show what only HTTP and the database can.
/// </summary>
public abstract class InputSuite(ReturnsApp app)
{
    protected const string Script = "<script>alert(1)</script>";
    protected const string Sql = "'; DROP TABLE \"Cases\"; --";

    protected ReturnsApp App => app;

    protected Api Agent
    {
        get
        {
            Skip.If(app.Unavailable is not null, app.Unavailable);
            return app.Client("agent.zhang", "agent");
        }
    }

    /// <summary>The contract of every refusal: status, problem+json, <c>code</c>, <c>type</c> /problems/{code}.</summary>
    protected static void AssertProblem(Reply reply, HttpStatusCode status, string code)
    {
        Assert.True(reply.Status == status, $"Expected {(int)status} {code}, got {reply}");
        Assert.Equal("application/problem+json", reply.ContentType);
        Assert.Equal(code, reply.Code);
        Assert.Equal($"/problems/{code}", reply.Body!["type"]?.GetValue<string>());
        Assert.Equal((int)status, reply.Body["status"]?.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(reply.Body["title"]?.GetValue<string>()), reply.ToString());
    }

    /// <summary>Any client error: 4xx problem+json whose type matches its code; never a 500.</summary>
    protected static void AssertClientError(Reply reply)
    {
        Assert.True((int)reply.Status is >= 400 and < 500, $"Expected a 4xx problem, got {reply}");
        Assert.Equal("application/problem+json", reply.ContentType);
        Assert.NotNull(reply.Code);
        Assert.Equal($"/problems/{reply.Code}", reply.Body!["type"]?.GetValue<string>());
        Assert.Equal((int)reply.Status, reply.Body["status"]?.GetValue<int>());
    }

    protected static void AssertValidation(Reply reply, string field) =>
        AssertRefusal(reply, HttpStatusCode.BadRequest, "validation-failed", field);

    /// <summary>The problem of a refusal and, when it names one, the field in its <c>errors</c>.</summary>
    protected static void AssertRefusal(Reply reply, HttpStatusCode status, string code, string? field)
    {
        AssertProblem(reply, status, code);
        if (field is null) return;
        var errors = reply.Body!["errors"]?.AsObject();
        Assert.True(errors is not null && errors.ContainsKey(field), $"Expected an error for '{field}', got {reply}");
    }

    protected static async Task<Guid> Created(Task<Reply> create)
    {
        var reply = await create;
        Assert.True(reply.Status == HttpStatusCode.Created, reply.ToString());
        return reply.Id;
    }

    protected static async Task Ok(Task<Reply> action)
    {
        var reply = await action;
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
    }

    /// <summary>The newest case's id (null when there is none): a refused create must not change it.</summary>
    protected static async Task<string?> NewestCase(Api api)
    {
        var page = await api.Get("cases?limit=1");
        Assert.True(page.Status == HttpStatusCode.OK, page.ToString());
        return page.Body!["items"]!.AsArray().FirstOrDefault()?["id"]?.GetValue<string>();
    }

    /// <summary>Sends a create the service must refuse, and shows that no case came of it.</summary>
    protected static async Task<Reply> RefusedCreate(Api api, Func<Task<Reply>> send, string? orderNumber = null)
    {
        var newest = await NewestCase(api);
        var reply = await send();
        Assert.NotEqual(HttpStatusCode.Created, reply.Status);
        Assert.Equal(newest, await NewestCase(api));
        if (orderNumber is not null)
            Assert.Empty((await api.Get($"cases?orderNumber={Uri.EscapeDataString(orderNumber)}")).Body!["items"]!.AsArray());
        return reply;
    }

    /// <summary>Everything a client can see of a case: the resource and its timeline.</summary>
    protected sealed record CaseState(int Version, int TimelineLength, string Json);

    protected static async Task<CaseState> State(Api api, Guid id)
    {
        var @case = await api.Case(id);
        Assert.True(@case.Status == HttpStatusCode.OK, @case.ToString());
        var timeline = await api.Timeline(id);
        return new CaseState(@case.Version, timeline.Count, @case.Body!.ToJsonString() + timeline.ToJsonString());
    }

    /// <summary>Sends an action the service must refuse and shows the case is exactly as before.</summary>
    protected async Task<Reply> RefusedAction(Guid id, Func<Task<Reply>> send)
    {
        var before = await State(Agent, id);
        var reply = await send();
        Assert.NotEqual(HttpStatusCode.OK, reply.Status);
        var after = await State(Agent, id);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.TimelineLength, after.TimelineLength);
        Assert.Equal(before.Json, after.Json);
        return reply;
    }

    protected Task<Reply> RefusedAction(Guid id, string action, object body, string? ifMatch = null) =>
        RefusedAction(id, () => Agent.Act(id, action, body, ifMatch));

    protected async Task<Guid> NewCase(string reason = "nonQuality.changedMind") =>
        await Created(Agent.Create(Bodies.Case(reason: reason)));

    protected async Task<Guid> CaseAwaitingShipment()
    {
        var id = await NewCase();
        await Ok(Agent.Act(id, "approve"));
        return id;
    }

    protected async Task<Guid> CaseInTransit()
    {
        var id = await CaseAwaitingShipment();
        // The tail of a version-7 id is random (its head is the fake clock's time): one number per case, as the rule wants.
        await Ok(Agent.Act(id, "record-return-shipment",
            new { carrier = "SF", trackingNumber = "SF" + id.ToString("N")[^10..], postage = 10.00m, freightCollect = false }));
        return id;
    }

    protected async Task<Guid> CaseAwaitingRefund()
    {
        var id = await CaseInTransit();
        await Ok(Agent.Act(id, "confirm-receipt", new { items = new[] { new { sku = "DRESS-RED-M", quantity = 1, condition = "resaleable" } } }));
        return id;
    }

    protected static HttpRequestMessage Multipart(Guid id, string contentType, byte[] body) =>
        new(HttpMethod.Post, $"/api/v1/cases/{id}/evidence")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = MediaTypeHeaderValue.Parse(contentType) } },
        };

    /// <summary>
    /// A JSON POST that announces its body (Expect: 100-continue), so a refusal by size is heard before the body is
    /// sent rather than as a broken pipe.
    /// </summary>
    protected static Task<Reply> PostAnnounced(Api api, string path, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/" + path)
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;
        return api.Send(request);
    }

    protected static JsonObject CaseBody(string type = "return") => Bodies.Case(type: type, reason: "nonQuality.changedMind");
}
