using System.Net;
using System.Text.Json.Nodes;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests;

/// <summary>
/// Text is stored as text, on every database: markup, SQL and control characters come back exactly as sent, and NUL,
/// which PostgreSQL cannot store, is refused before any database sees it.
/// </summary>
public abstract class TextRoundTripTests(ReturnsApp app) : InputSuite(app)
{
    [SkippableTheory]
    [InlineData(Script)]
    [InlineData(Sql)]
    [InlineData("O'Brien \"quoted\" \\ back\\slash %_ 100%")]
    public async Task Markup_and_sql_in_a_note_are_stored_verbatim(string text)
    {
        var api = Agent;
        var id = await NewCase();
        var added = await api.Act(id, "add-note", new { text });
        Assert.True(added.Status == HttpStatusCode.OK, added.ToString());
        Assert.Equal("application/json", added.ContentType);

        var @case = await api.Case(id);
        Assert.Equal(text, @case.Body!["notes"]!.AsArray()[^1]!["text"]!.GetValue<string>());
        Assert.Equal(text, (await api.Timeline(id))[^1]!["data"]!["text"]!.GetValue<string>());

        var list = await api.Get("cases?limit=200");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Contains(list.Body!["items"]!.AsArray(), c => c!["id"]!.GetValue<string>() == id.ToString());
    }

    [SkippableTheory]
    [InlineData(Script)]
    [InlineData(Sql)]
    public async Task Markup_and_sql_in_a_description_are_stored_verbatim_and_searched_literally(string text)
    {
        var api = Agent;
        var shop = "shop-" + Guid.NewGuid().ToString("N")[..8];
        var body = CaseBody();
        body["shop"] = shop;
        body["description"] = "买家说: " + text;
        var id = await Created(api.Create(body));

        Assert.Equal("买家说: " + text, (await api.Case(id)).Body!["description"]!.GetValue<string>());
        var found = await api.Get($"cases?shop={shop}&q={Uri.EscapeDataString(text)}");
        Assert.True(found.Status == HttpStatusCode.OK, found.ToString());
        Assert.Equal(id.ToString(), Assert.Single(found.Body!["items"]!.AsArray())!["id"]!.GetValue<string>());
    }

    [SkippableTheory]
    [InlineData(0x01)]
    [InlineData(0x07)]
    [InlineData(0x1B)]
    [InlineData(0x1F)]
    [InlineData(0x7F)]
    public async Task Control_characters_other_than_nul_in_a_note_are_stored_verbatim(int control)
    {
        var text = $"before {(char)control} after";
        var api = Agent;
        var id = await NewCase();
        var reply = await api.Act(id, "add-note", new { text });
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal(text, (await api.Case(id)).Body!["notes"]!.AsArray()[^1]!["text"]!.GetValue<string>());
        Assert.Equal(text, (await api.Timeline(id))[^1]!["data"]!["text"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Nul_in_a_note_is_refused_naming_the_text_and_changes_nothing()
    {
        var id = await NewCase();
        var reply = await RefusedAction(id, "add-note", new { text = "before \u0000 after" });
        AssertValidation(reply, "text");
    }

    [SkippableTheory]
    [InlineData("description")]
    [InlineData("buyer.nickname")]
    [InlineData("order.orderNumber")]
    [InlineData("order.items[1].name")]
    public async Task Nul_in_case_text_is_refused_naming_the_field_and_creates_nothing(string field)
    {
        var api = Agent;
        var body = CaseBody();
        var orderNumber = body["order"]!["orderNumber"]!.GetValue<string>();
        var text = "before \u0000 after";
        JsonNode parent = field switch
        {
            "description" => body,
            "buyer.nickname" => body["buyer"]!,
            "order.orderNumber" => body["order"]!,
            _ => body["order"]!["items"]![1]!,
        };
        parent[field.Split('.')[^1]] = text;

        var reply = await RefusedCreate(api, () => api.Create(body), field == "order.orderNumber" ? null : orderNumber);
        AssertValidation(reply, field);
    }
}

public sealed class SqliteTextRoundTripTests(SqliteApp app) : TextRoundTripTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresTextRoundTripTests(PostgresApp app) : TextRoundTripTests(app), IClassFixture<PostgresApp>;
