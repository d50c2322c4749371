using System.Net;
using System.Text.Json.Nodes;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests;

/// <summary>
/// <c>POST /cases</c> refused over HTTP: one create per kind of refusal, each answering its problem and creating
/// nothing. Which field each rule names is <see cref="Inputs.CreateCaseBodyTable"/>'s, in-process.
/// </summary>
public abstract class CreateCaseInputTests(ReturnsApp app) : InputSuite(app)
{
    public static TheoryData<string> RefusedCreates() => new()
    {
        "a rule of the body: a reason not in the catalog",
        "a value that cannot bind: a number for the type",
        "an unknown member",
        "malformed json",
        "an empty body",
        "json null",
        "a json array of the body",
        "the body as text/plain",
        "the body as application/xml",
        "the body as application/x-www-form-urlencoded",
        "a body over one megabyte",
    };

    [SkippableTheory]
    [MemberData(nameof(RefusedCreates))]
    public async Task A_refused_create_answers_its_problem_and_creates_nothing(string row)
    {
        var api = Agent;
        var body = CaseBody();
        var orderNumber = body["order"]!["orderNumber"]!.GetValue<string>();
        var json = (Action<JsonObject> change) => { change(body); return body.ToJsonString(); };

        (Func<Task<Reply>> send, HttpStatusCode status, string code, string? field) refusal = row switch
        {
            "a rule of the body: a reason not in the catalog" =>
                (() => api.Post("cases", json(b => b["reason"] = "quality.broken")), HttpStatusCode.BadRequest, "validation-failed", "reason"),
            "a value that cannot bind: a number for the type" =>
                (() => api.Post("cases", json(b => b["type"] = 1)), HttpStatusCode.BadRequest, "validation-failed", "type"),
            "an unknown member" =>
                (() => api.Post("cases", json(b => b["colour"] = "red")), HttpStatusCode.BadRequest, "validation-failed", "colour"),
            "malformed json" =>
                (() => api.Post("cases", json(_ => { })[..^1] + ",}"), HttpStatusCode.BadRequest, "validation-failed", null),
            "an empty body" => (() => api.Post("cases", ""), HttpStatusCode.BadRequest, "validation-failed", null),
            "json null" => (() => api.Post("cases", "null"), HttpStatusCode.BadRequest, "validation-failed", null),
            "a json array of the body" =>
                (() => api.Post("cases", new JsonArray(body).ToJsonString()), HttpStatusCode.BadRequest, "validation-failed", null),
            "the body as text/plain" =>
                (() => api.Post("cases", json(_ => { }), contentType: "text/plain"), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", null),
            "the body as application/xml" =>
                (() => api.Post("cases", json(_ => { }), contentType: "application/xml"), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", null),
            "the body as application/x-www-form-urlencoded" =>
                (() => api.Post("cases", json(_ => { }), contentType: "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", null),
            "a body over one megabyte" =>
                (() => PostAnnounced(api, "cases", json(b => b["description"] = new string('长', 700_000))), HttpStatusCode.RequestEntityTooLarge, "payload-too-large", null),
            _ => throw new ArgumentOutOfRangeException(nameof(row), row, "No such row."),
        };

        var reply = await RefusedCreate(api, refusal.send, orderNumber);
        AssertRefusal(reply, refusal.status, refusal.code, refusal.field);
    }

    [SkippableFact]
    public async Task The_body_the_refused_creates_start_from_is_created()
    {
        // The same body every row above starts from, unchanged.
        var api = Agent;
        var body = CaseBody();
        var reply = await api.Create(body);
        Assert.True(reply.Status == HttpStatusCode.Created, reply.ToString());
        Assert.Equal(reply.Id.ToString(), await NewestCase(api));
    }
}

public sealed class SqliteCreateCaseInputTests(SqliteApp app) : CreateCaseInputTests(app), IClassFixture<SqliteApp>;
