using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests;

/// <summary>Issue 19's findings that this release fixes, each shown over HTTP as the black-box run found it.</summary>
public abstract class HardeningTests(ReturnsApp app) : InputSuite(app)
{
    private Task<Reply> PostWithContentType(Api api, string path, string json, string contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/" + path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return api.Send(request);
    }

    // 14. A charset other than UTF-8 was a 500 on create, on actions and on the anonymous sign-in.
    [SkippableTheory]
    [InlineData("application/json; charset=bogus")]
    [InlineData("application/json; charset=utf-7")]
    [InlineData("application/json; charset=")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task A_body_in_another_charset_is_415_everywhere_and_changes_nothing(string contentType)
    {
        var order = Bodies.NewOrderNumber();
        var create = await RefusedCreate(Agent, () => PostWithContentType(Agent, "cases", Bodies.Case(orderNumber: order).ToJsonString(), contentType), order);
        AssertProblem(create, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");

        var id = await NewCase();
        AssertProblem(await RefusedAction(id, () => PostWithContentType(Agent, $"cases/{id}/add-note", """{"text":"备注"}""", contentType)),
            HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");

        var signIn = await PostWithContentType(App.Anonymous(), "auth/sign-in",
            $$"""{"userName":"{{ReturnsApp.AdminEmail}}","password":"{{ReturnsApp.AdminPassword}}"}""", contentType);
        AssertProblem(signIn, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [SkippableTheory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json")]
    public async Task A_utf8_body_with_or_without_its_charset_is_read(string contentType)
    {
        var reply = await PostWithContentType(Agent, "cases", Bodies.Case().ToJsonString(), contentType);
        Assert.True(reply.Status == HttpStatusCode.Created, reply.ToString());
        Assert.Equal("小王", reply.Body!["buyer"]!["nickname"]!.GetValue<string>());
    }

    // 15. A review posted before 1970 was a 500 when its clocks were computed.
    [SkippableTheory]
    [InlineData("1969-12-31T00:00:00Z", "review.postedAt")]
    [InlineData("1999-12-31T23:59:59Z", "review.postedAt")]
    public async Task A_review_dated_before_2000_is_400(string postedAt, string field)
    {
        var body = BadReview(postedAt);
        AssertValidation(await RefusedCreate(Agent, () => Agent.Create(body)), field);
    }

    [SkippableFact]
    public async Task A_review_dated_before_the_order_was_paid_is_400()
    {
        var body = BadReview(ReturnsApp.Start.AddDays(-30).ToString("O"));
        AssertValidation(await RefusedCreate(Agent, () => Agent.Create(body)), "review.postedAt");
    }

    [SkippableFact]
    public async Task An_order_paid_before_2000_is_400()
    {
        var body = Bodies.Case();
        body["order"]!["paidAt"] = "1999-06-01T00:00:00Z";
        body["order"]!["deliveredAt"] = null;
        AssertValidation(await RefusedCreate(Agent, () => Agent.Create(body)), "order.paidAt");
    }

    private static JsonObject BadReview(string postedAt)
    {
        var body = Bodies.Case(type: "badReview");
        body.Remove("items");
        body.Remove("reason");
        body["review"] = new JsonObject { ["rating"] = "bad", ["content"] = "质量太差", ["postedAt"] = postedAt };
        return body;
    }

    // 11. An order with no delivery and no completion date got outsideWindow false, even when paid years ago.
    [SkippableTheory]
    [InlineData("quality.defective")]
    [InlineData("nonQuality.changedMind")]
    public async Task Without_delivery_or_completion_the_window_runs_from_payment(string reason)
    {
        var body = Bodies.Case(reason: reason);
        body["order"]!["paidAt"] = "2020-03-01T08:00:00Z";
        body["order"]!["deliveredAt"] = null;
        body["order"]!["completedAt"] = null;
        var reply = await Agent.Create(body);
        Assert.True(reply.Status == HttpStatusCode.Created, reply.ToString());
        Assert.True(reply.Body!["outsideWindow"]!.GetValue<bool>());
        var days = reason.StartsWith("quality", StringComparison.Ordinal) ? 30 : 7;
        Assert.Equal(new DateTimeOffset(2020, 3, 1, 8, 0, 0, TimeSpan.Zero).AddDays(days), reply.Body["windowEndsAt"]!.GetValue<DateTimeOffset>());
    }

    // 13. currency USD on a CNY shop was accepted, with CNY caps applied.
    [SkippableFact]
    public async Task A_case_in_another_currency_than_its_shops_is_422_and_not_created()
    {
        var body = Bodies.Case();
        body["currency"] = "USD";
        AssertProblem(await RefusedCreate(Agent, () => Agent.Create(body)), HttpStatusCode.UnprocessableEntity, "currency-mismatch");
        body["currency"] = "CNY";
        Assert.Equal("CNY", (await Agent.Create(body)).Body!["amounts"]!["currency"]!.GetValue<string>());
    }

    // 2. A link to another shop's case let shop A's key read shop B's case number.
    [SkippableFact]
    public async Task A_link_to_another_shops_case_is_422_and_changes_neither()
    {
        var ours = await NewCase();
        var body = Bodies.Case();
        body["shop"] = "other-shop";
        var theirs = await Created(Agent.Create(body));
        var theirsBefore = await State(Agent, theirs);

        var reply = await RefusedAction(ours, "link", new { caseId = theirs });
        AssertProblem(reply, HttpStatusCode.UnprocessableEntity, "invalid-link");
        Assert.Equal(theirsBefore, await State(Agent, theirs));
    }
}

public sealed class SqliteHardeningTests(SqliteApp app) : HardeningTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresHardeningTests(PostgresApp app) : HardeningTests(app), IClassFixture<PostgresApp>;
