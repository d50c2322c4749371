using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Returns.Web.Tests.Support;

/// <summary>A response with its parsed JSON body (a case, a page, or a problem).</summary>
public sealed record Reply(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)
{
    public string? Code => Body?["code"]?.GetValue<string>();
    public string? CaseStatus => Body?["status"]?.GetValue<string>();
    public Guid Id => Guid.Parse(Body!["id"]!.GetValue<string>());
    public int Version => Body!["version"]!.GetValue<int>();
    public IReadOnlyList<string> AllowedActions => Body?["allowedActions"]?.AsArray().Select(a => a!.GetValue<string>()).ToList() ?? [];
    public string? ContentType => Response.Content.Headers.ContentType?.MediaType;

    public override string ToString() => $"{(int)Status} {Body?.ToJsonString()}";
}

public sealed class Api(HttpClient http, ReturnsApp app)
{
    public HttpClient Http => http;
    public ReturnsApp App => app;

    public Task<Reply> Post(string path, string json, string? ifMatch = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/" + path) { Content = new StringContent(json, Encoding.UTF8, contentType) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return Send(request);
    }

    public Task<Reply> Post(string path, JsonNode body, string? ifMatch = null) => Post(path, body.ToJsonString(), ifMatch);

    public Task<Reply> Get(string path) => Send(new HttpRequestMessage(HttpMethod.Get, "/api/v1/" + path));

    public Task<Reply> Act(Guid caseId, string action, object? body = null, string? ifMatch = null) =>
        Post($"cases/{caseId}/{action}", body is null ? "{}" : System.Text.Json.JsonSerializer.Serialize(body), ifMatch);

    public Task<Reply> Create(JsonNode body) => Post("cases", body);

    public Task<Reply> Case(Guid id) => Get($"cases/{id}");

    public async Task<JsonArray> Timeline(Guid id) => (await Get($"cases/{id}/timeline")).Body!["items"]!.AsArray();

    /// <summary>The add-evidence action (POST /cases/{id}/add-evidence); <paramref name="path"/> "evidence" is its first, deprecated path.</summary>
    public async Task<Reply> UploadEvidence(Guid caseId, byte[] content, string fileName = "photo.jpg", string contentType = "image/jpeg", string path = "add-evidence")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        return await Send(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{caseId}/{path}") { Content = form });
    }

    public async Task<Reply> Send(HttpRequestMessage request)
    {
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        if (text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json") == true)
            body = JsonNode.Parse(text);
        return new Reply(response.StatusCode, body, response);
    }

    /// <summary>A small JPEG header: enough for the content check, which reads the first bytes.</summary>
    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01];
}

/// <summary>Request bodies for cases, with sensible defaults each test overrides.</summary>
public static class Bodies
{
    private static int _order;

    public static string NewOrderNumber() => $"TB{DateTime.UtcNow:HHmmss}{Interlocked.Increment(ref _order):D5}{Random.Shared.Next(1000):D3}";

    public static JsonObject Case(
        string type = "return",
        string reason = "quality.defective",
        DateTimeOffset? deliveredAt = null,
        DateTimeOffset? completedAt = null,
        string? orderNumber = null,
        int quantity = 1,
        JsonArray? exchangeFor = null)
    {
        var delivered = deliveredAt ?? ReturnsApp.Start.AddDays(-2);
        var body = new JsonObject
        {
            ["type"] = type,
            ["shop"] = "demo-shop",
            ["order"] = new JsonObject
            {
                ["orderNumber"] = orderNumber ?? NewOrderNumber(),
                ["paidAt"] = delivered.AddDays(-3).ToString("O"),
                ["deliveredAt"] = delivered.ToString("O"),
                ["completedAt"] = completedAt?.ToString("O"),
                ["shippingFee"] = 8.00m,
                ["items"] = new JsonArray
                {
                    new JsonObject { ["sku"] = "DRESS-RED-M", ["name"] = "红色连衣裙 M", ["quantity"] = 2, ["unitPrice"] = 199.00m },
                    new JsonObject { ["sku"] = "BELT-01", ["name"] = "腰带", ["quantity"] = 1, ["unitPrice"] = 25.50m },
                },
            },
            ["buyer"] = new JsonObject { ["nickname"] = "小王", ["phone"] = "13800000000" },
            ["reason"] = reason,
            ["description"] = "裙子开线",
            ["items"] = new JsonArray { new JsonObject { ["sku"] = "DRESS-RED-M", ["quantity"] = quantity } },
        };
        if (type == "exchange")
            body["exchangeFor"] = exchangeFor ?? new JsonArray { new JsonObject { ["sku"] = "DRESS-RED-L", ["quantity"] = quantity, ["name"] = "红色连衣裙 L" } };
        return body;
    }
}
