using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests.Contract;

/// <summary>
/// The check every HTTP test's answers go through (<see cref="ContractConformanceHandler"/>) must see a response that
/// differs from the document: here a real case, as the service answered it, changed in each way a drift would change it.
/// </summary>
public sealed class ConformanceCheckTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly OpenApiContractCheck Check = OpenApiContractCheck.Document;

    private async Task<(string Path, JsonObject Case)> StoredCase()
    {
        using var raw = new HttpClient { BaseAddress = app.Address };
        raw.DefaultRequestHeaders.Add("X-Api-Key", ReturnsApp.BootstrapKey);
        var created = await raw.PostAsync("/api/v1/cases", new StringContent(Bodies.Case().ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = JsonNode.Parse(await created.Content.ReadAsStringAsync())!.AsObject();
        return ($"/api/v1/cases/{body["id"]}", body);
    }

    private static IReadOnlyList<string> CheckCase(string path, JsonNode body, int status = 200, string mediaType = "application/json") =>
        Check.Check("GET", path, status, mediaType, Encoding.UTF8.GetBytes(body.ToJsonString()));

    [SkippableFact]
    public async Task The_case_as_the_service_answers_it_fits_the_document()
    {
        var (path, body) = await StoredCase();
        Assert.Empty(CheckCase(path, body));
        Assert.Empty(Check.Check("POST", "/api/v1/cases", 201, "application/json", Encoding.UTF8.GetBytes(body.ToJsonString())));
    }

    [SkippableTheory]
    [InlineData("returnShipment", "$.returnShipment is required and missing")]
    [InlineData("version", "$.version is required and missing")]
    public async Task A_missing_property_is_seen(string property, string expected)
    {
        var (path, body) = await StoredCase();
        body.Remove(property);
        Assert.Contains(expected, CheckCase(path, body));
    }

    [SkippableFact]
    public async Task A_null_where_the_document_allows_none_is_seen_and_one_where_it_does_is_not()
    {
        var (path, body) = await StoredCase();
        body["returnShipment"] = null; // nullable: fine
        body["number"] = null;
        Assert.Equal(["$.number is null, which the document does not allow"], CheckCase(path, body));
    }

    [SkippableFact]
    public async Task An_enum_value_in_another_case_or_unknown_is_seen()
    {
        var (path, body) = await StoredCase();
        body["status"] = "Submitted";
        body["allowedActions"] = new JsonArray("approve", "fly");
        var problems = CheckCase(path, body);
        Assert.Contains("$.status is \"Submitted\", not one of the document's values", problems);
        Assert.Contains("$.allowedActions[1] is \"fly\", not one of the document's values", problems);
    }

    [SkippableFact]
    public async Task Wrong_types_and_an_undeclared_property_are_seen()
    {
        var (path, body) = await StoredCase();
        body["version"] = "3";
        body["amounts"]!["refundDue"] = "404.00";
        body["internalNote"] = "x";
        var problems = CheckCase(path, body);
        Assert.Contains("$.version is \"3\", not an integer", problems);
        Assert.Contains("$.amounts.refundDue is String, not a number", problems);
        Assert.Contains("$.internalNote is not in the document", problems);
    }

    [SkippableFact]
    public async Task An_undeclared_status_or_content_type_is_seen()
    {
        var (path, body) = await StoredCase();
        Assert.StartsWith("status 418 is not declared for GetCase", Assert.Single(CheckCase(path, body, status: 418)));
        Assert.StartsWith("content type text/plain is not declared", Assert.Single(CheckCase(path, body, mediaType: "text/plain")));
    }

    [Fact]
    public void A_problem_with_a_code_the_document_does_not_list_is_seen()
    {
        var problem = """{"type":"/problems/x","title":"X","status":409,"code":"made-up-code"}""";
        var problems = Check.Check("POST", $"/api/v1/cases/{Guid.NewGuid()}/approve", 409, "application/problem+json", Encoding.UTF8.GetBytes(problem));
        Assert.Equal(["$.code is \"made-up-code\", not one of the document's values"], problems);
    }

    [Fact]
    public void A_path_that_is_no_operation_of_the_api_is_not_judged()
    {
        Assert.Empty(Check.Check("GET", "/api/v1/nothing-here", 404, "application/problem+json", "{}"u8.ToArray()));
        Assert.Empty(Check.Check("GET", "/account/sign-in", 200, "text/html", "<html></html>"u8.ToArray()));
    }
}
