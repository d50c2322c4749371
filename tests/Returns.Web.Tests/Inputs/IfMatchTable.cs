using Returns.Web.Features.Cases;
using static Returns.Web.Tests.Inputs.InputPipeline;

namespace Returns.Web.Tests.Inputs;

/// <summary>
/// An action's <c>If-Match</c>, read as <see cref="CaseEndpoints.IfMatch"/> reads it for every action endpoint. That a
/// stale or malformed one changes nothing is shown over HTTP by <see cref="ActionInputTests"/>.
/// </summary>
public sealed class IfMatchTable
{
    [Theory]
    [InlineData("", null)]
    [InlineData("*", null)]
    [InlineData("\"7\"", 7)]
    [InlineData("W/\"7\"", 7)]
    [InlineData(" \"12\" ", 12)]
    public void An_if_match_names_the_version_the_client_read(string header, int? version)
    {
        var (read, refusal) = IfMatch(header);
        Assert.Null(refusal);
        Assert.Equal(version, read);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1")]
    [InlineData("\"abc\"")]
    [InlineData("\"1")]
    [InlineData("\"\"")]
    [InlineData("\"99999999999\"")]
    public void An_if_match_that_is_not_a_case_etag_is_refused_naming_the_header(string header)
    {
        var (_, refusal) = IfMatch(header);
        Assert.NotNull(refusal);
        AssertValidationProblem(refusal, header);
        Assert.Equal(["If-Match"], refusal.Errors.Keys);
    }
}
