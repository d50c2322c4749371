using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests;

/// <summary>
/// The sweep: odd requests a client might send (broken encodings, huge or deeply nested bodies, numbers beyond range,
/// odd methods, broken multipart), each a 4xx problem, never a 500, changing no case and creating none.
/// </summary>
public abstract class OddRequestTests(ReturnsApp app) : InputSuite(app)
{
    public static TheoryData<string> OddRequests() => new()
    {
        "random bytes as json",
        "invalid utf-8 inside a string",
        "lone surrogate escape",
        "a bare number as the body",
        "a bare string as the body",
        "quantity 1e400",
        "unit price 1e400",
        "unit price beyond decimal",
        "refund amount 1e400",
        "deeply nested arrays",
        "deeply nested objects",
        "null for every field",
        "empty strings for every field",
        "description of 100k characters",
        "shop of 100k characters",
        "order number of 100k characters",
        "a null item",
        "a null order line",
        "a null exchange item",
        "a null received item",
        "a null scanned item",
        "year 10000",
        "date with an offset beyond the calendar",
        "link to a malformed id",
        "link to the empty id",
        "if-match beyond int",
        "cursor holding 1e400",
        "put on the case collection",
        "delete a case",
        "multipart without a boundary",
        "truncated multipart",
        "ten thousand items",
    };

    [SkippableTheory]
    [MemberData(nameof(OddRequests))]
    public async Task Odd_request_is_a_4xx_problem_never_a_500(string name)
    {
        var api = Agent;
        var id = await NewCase();
        var before = await State(api, id);
        var newest = await NewestCase(api);

        var reply = await api.Send(OddRequest(name, id));

        AssertClientError(reply);
        Assert.Equal(before, await State(api, id));
        Assert.Equal(newest, await NewestCase(api));
    }

    private static HttpRequestMessage OddRequest(string name, Guid id)
    {
        static HttpRequestMessage Json(string path, string json) =>
            new(HttpMethod.Post, "/api/v1/" + path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

        static HttpRequestMessage Bytes(string path, byte[] bytes, string contentType = "application/json") =>
            new(HttpMethod.Post, "/api/v1/" + path)
            {
                Content = new ByteArrayContent(bytes) { Headers = { ContentType = MediaTypeHeaderValue.Parse(contentType) } },
            };

        static HttpRequestMessage Create(Action<JsonObject> change, string type = "return")
        {
            var body = Bodies.Case(type: type, reason: "nonQuality.changedMind");
            change(body);
            return Json("cases", body.ToJsonString());
        }

        // A valid body with one raw JSON fragment spliced in for a placeholder value.
        static HttpRequestMessage CreateRaw(Action<JsonObject> change, string placeholder, string raw)
        {
            var body = Bodies.Case(reason: "nonQuality.changedMind");
            change(body);
            return Json("cases", body.ToJsonString().Replace($"\"{placeholder}\"", raw));
        }

        var scan = new JsonObject
        {
            ["trackingNumber"] = "SCAN" + id.ToString("N")[..8],
            ["items"] = new JsonArray { null },
            ["freightCollect"] = false,
        };

        return name switch
        {
            "random bytes as json" => Bytes("cases", RandomBytes(2048)),
            "invalid utf-8 inside a string" => Bytes("cases",
                [.. "{\"type\":\"return\",\"description\":\""u8, 0xC3, 0x28, 0xFF, 0xFE, .. "\"}"u8]),
            "lone surrogate escape" => CreateRaw(b => b["description"] = "@@", "@@", "\"\\ud800 broken\""),
            "a bare number as the body" => Json("cases", "42"),
            "a bare string as the body" => Json("cases", "\"return\""),
            "quantity 1e400" => CreateRaw(b => b["items"]![0]!["quantity"] = "@@", "@@", "1e400"),
            "unit price 1e400" => CreateRaw(b => b["order"]!["items"]![0]!["unitPrice"] = "@@", "@@", "1e400"),
            "unit price beyond decimal" => CreateRaw(b => b["order"]!["items"]![0]!["unitPrice"] = "@@", "@@", "79228162514264337593543950336"),
            "refund amount 1e400" => Json($"cases/{id}/refund", "{\"amount\": 1e400, \"method\": \"platformRefund\", \"reference\": \"X\"}"),
            "deeply nested arrays" => CreateRaw(b => b["description"] = "@@", "@@", new string('[', 5000) + new string(']', 5000)),
            "deeply nested objects" => Json("cases", string.Concat(Enumerable.Repeat("{\"order\":", 5000)) + "1" + new string('}', 5000)),
            "null for every field" => Json("cases", new JsonObject
            {
                ["type"] = null, ["shop"] = null, ["currency"] = null, ["order"] = null, ["buyer"] = null, ["reason"] = null,
                ["description"] = null, ["items"] = null, ["exchangeFor"] = null, ["priority"] = null, ["assignee"] = null,
            }.ToJsonString()),
            "empty strings for every field" => Json("cases", new JsonObject
            {
                ["type"] = "", ["shop"] = "", ["currency"] = "", ["reason"] = "", ["description"] = "", ["assignee"] = "",
                ["order"] = new JsonObject { ["orderNumber"] = "", ["paidAt"] = "", ["items"] = new JsonArray() },
                ["buyer"] = new JsonObject { ["nickname"] = "", ["phone"] = "" },
                ["items"] = new JsonArray { new JsonObject { ["sku"] = "", ["quantity"] = 1 } },
            }.ToJsonString()),
            "description of 100k characters" => Create(b => b["description"] = new string('长', 100_000)),
            "shop of 100k characters" => Create(b => b["shop"] = new string('s', 100_000)),
            "order number of 100k characters" => Create(b => b["order"]!["orderNumber"] = new string('9', 100_000)),
            "a null item" => Create(b => b["items"]!.AsArray().Add(null)),
            "a null order line" => Create(b => b["order"]!["items"]!.AsArray().Add(null)),
            "a null exchange item" => Create(b => b["exchangeFor"]!.AsArray().Add(null), type: "exchange"),
            "a null received item" => Json($"cases/{id}/confirm-receipt", "{\"items\": [null]}"),
            "a null scanned item" => Json("warehouse/receipts", scan.ToJsonString()),
            "year 10000" => Create(b => b["order"]!["paidAt"] = "10000-01-01T00:00:00Z"),
            "date with an offset beyond the calendar" => Create(b => b["order"]!["paidAt"] = "0001-01-01T00:00:00+08:00"),
            "link to a malformed id" => Json($"cases/{id}/link", "{\"caseId\": \"not-a-guid\"}"),
            "link to the empty id" => Json($"cases/{id}/link", $"{{\"caseId\": \"{Guid.Empty}\"}}"),
            "if-match beyond int" => WithIfMatch(Json($"cases/{id}/add-note", "{\"text\": \"x\"}"), "\"99999999999999999999\""),
            "cursor holding 1e400" => new HttpRequestMessage(HttpMethod.Get,
                "/api/v1/cases?cursor=" + Convert.ToBase64String("{\"before\":1e400}"u8.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_')),
            "put on the case collection" => new HttpRequestMessage(HttpMethod.Put, "/api/v1/cases")
            {
                Content = new StringContent("{}", Encoding.UTF8, "application/json"),
            },
            "delete a case" => new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/cases/{id}"),
            "multipart without a boundary" => Bytes($"cases/{id}/evidence", "garbage"u8.ToArray(), "multipart/form-data"),
            "truncated multipart" => Bytes($"cases/{id}/evidence",
                [.. "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\n"u8, .. Api.Jpeg],
                "multipart/form-data; boundary=XYZ"),
            "ten thousand items" => Create(b => b["items"] = new JsonArray(Enumerable.Range(0, 10_000)
                .Select(i => (JsonNode?)new JsonObject { ["sku"] = $"SKU-{i}", ["quantity"] = 1 }).ToArray())),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such odd request."),
        };
    }

    private static HttpRequestMessage WithIfMatch(HttpRequestMessage request, string ifMatch)
    {
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(20261120).NextBytes(bytes);
        return bytes;
    }
}

public sealed class SqliteOddRequestTests(SqliteApp app) : OddRequestTests(app), IClassFixture<SqliteApp>;
