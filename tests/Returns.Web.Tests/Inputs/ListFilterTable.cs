using Returns.Web.Features.Cases;
using static Returns.Web.Tests.Inputs.InputPipeline;

namespace Returns.Web.Tests.Inputs;

/// <summary>
/// The filters of <c>GET /cases</c> (<see cref="ListCases.Query"/>), in-process: the query string bound by the
/// framework's binder as the endpoint binds it, then validated. What the database makes of a filter (NUL, wildcards)
/// is <see cref="ListFilterTests"/>' over HTTP.
/// </summary>
public sealed class ListFilterTable
{
    [Theory]
    [InlineData("")]
    [InlineData("limit=1")]
    [InlineData("limit=200")]
    [InlineData("status=submitted,awaitingEvidence&type=return")]
    [InlineData("type=badReview&status=%20submitted")]
    [InlineData("overdue=true&shop=demo-shop&assignee=agent.li&orderNumber=TB1&trackingNumber=SF1")]
    [InlineData("cursor=eyJiZWZvcmUiOjV9")] // {"before":5}
    public async Task Filters_the_api_documents_are_accepted(string query)
    {
        var refusal = await List(query);
        Assert.True(refusal is null, $"{query}: {refusal}");
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("status=bogus", "status")]
    [InlineData("status=submitted,bogus", "status")]
    [InlineData("status=Submitted", "status")]
    [InlineData("type=bogus", "type")]
    [InlineData("type=0", "type")]
    [InlineData("type=Return", "type")]
    [InlineData("cursor=garbage", "cursor")]
    [InlineData("cursor=eyJ4IjoxfQ", "cursor")] // {"x":1}
    [InlineData("cursor=eyJiZWZvcmUiOiJ4In0", "cursor")] // {"before":"x"}
    [InlineData("cursor=%25%25%25", "cursor")]
    [InlineData("q=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "q")] // 101
    [InlineData("q=a%00b", "filters")]
    [InlineData("shop=a%00b", "filters")]
    [InlineData("orderNumber=a%00b", "filters")]
    [InlineData("assignee=a%00b", "filters")]
    [InlineData("trackingNumber=a%00b", "filters")]
    [InlineData("status=submitted%00", "status, filters")]
    public async Task A_list_filter_is_refused_naming_it(string query, string fields)
    {
        AssertRefusedByValidator(await List(query), fields, query);
    }

    [Theory]
    [InlineData("limit=abc")]
    [InlineData("limit=99999999999")]
    [InlineData("limit=1.5")]
    [InlineData("overdue=maybe")]
    public async Task A_list_filter_that_cannot_bind_is_refused_as_malformed(string query)
    {
        var refusal = await List(query);
        AssertRefusedWhileReading(refusal, query);
        Assert.Equal("Malformed request", refusal.Title);
    }
}
