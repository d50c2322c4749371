using System.Text.Json;
using System.Text.Json.Nodes;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests;

/// <summary>
/// The committed openapi/returns.v1.json is what the service serves. To refresh it after an API change:
/// <c>UPDATE_OPENAPI=1 dotnet test tests/Returns.Web.Tests --filter OpenApiDocumentTests</c>
/// </summary>
public sealed class OpenApiDocumentTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static string CommittedPath() => OpenApiContractCheck.CommittedPath();

    private static string Normalize(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

    [Fact]
    public async Task Served_document_matches_the_committed_one()
    {
        var served = Normalize(await app.Client().Http.GetStringAsync("/swagger/v1/swagger.json"));
        var path = CommittedPath();
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
            await File.WriteAllTextAsync(path, served);

        Assert.True(File.Exists(path), $"{path} is missing. Refresh: UPDATE_OPENAPI=1 dotnet test tests/Returns.Web.Tests --filter OpenApiDocumentTests");
        var committed = (await File.ReadAllTextAsync(path)).Replace("\r\n", "\n");
        Assert.True(committed == served,
            "openapi/returns.v1.json differs from what the service serves. Refresh: UPDATE_OPENAPI=1 dotnet test tests/Returns.Web.Tests --filter OpenApiDocumentTests");
    }

    [Fact]
    public async Task Swagger_ui_is_served()
    {
        var html = await app.Client().Http.GetStringAsync("/swagger/index.html");
        Assert.Contains("swagger-ui", html);
    }

    [Fact]
    public async Task Health_endpoints_answer()
    {
        var http = app.Client().Http;
        Assert.Equal("Healthy", await http.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await http.GetStringAsync("/health/ready"));
    }
}
