using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Returns.Domain.Cases;
using Returns.Domain.Workflows;
using Returns.Web.Features.Cases.Actions;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests.Contract;

/// <summary>The service with two shops that change the defaults: a slow seller-decision clock, and no photo rule.</summary>
public sealed class CustomShopsApp : SqliteApp
{
    public const string SlowShop = "slow-shop";
    public const string PhotoFreeShop = "photo-free-shop";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting($"Returns:Policies:Shops:{SlowShop}:Deadlines:SellerDecisionHours", "72");
        builder.UseSetting($"Returns:Policies:Shops:{PhotoFreeShop}:EvidenceRequiredForQuality", "false");
    }
}

/// <summary>A shop's own durations and rules reach every place that states them: clocks, texts, the catalogs.</summary>
public sealed class ShopPolicyTests(CustomShopsApp app) : IClassFixture<CustomShopsApp>
{
    private Api Agent => app.Client("agent.zhang", "agent");

    private Api Supervisor => app.Client("supervisor.wang", "supervisor");

    private static JsonObject ReturnFor(string shop, string reason)
    {
        var body = Bodies.Case(reason: reason);
        body["shop"] = shop;
        return body;
    }

    private static JsonNode Clock(JsonNode workflow, string kind) =>
        workflow["clocks"]!.AsArray().Single(c => c!["kind"]!.GetValue<string>() == kind)!;

    [Fact]
    public async Task A_shop_with_a_72_hour_seller_decision_reads_72_hours_in_its_workflow_its_clock_and_the_automatic_approval()
    {
        var slow = Clock((await Agent.Get($"workflows/return?shop={CustomShopsApp.SlowShop}")).Body!, "sellerDecision");
        Assert.Equal(72, slow["duration"]!.GetValue<double>());
        Assert.Equal("hours", slow["unit"]!.GetValue<string>());
        Assert.Equal(["P1DT12H", "P2DT18H"], slow["warnAfter"]!.AsArray().Select(w => w!.GetValue<string>()));
        Assert.Equal("autoApprove", slow["onDue"]!.GetValue<string>());
        Assert.Equal(48, Clock((await Agent.Get("workflows/return")).Body!, "sellerDecision")["duration"]!.GetValue<double>());

        var created = await Agent.Create(ReturnFor(CustomShopsApp.SlowShop, "nonQuality.wrongSize"));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var decision = created.Body!["deadlines"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == "sellerDecision")!;
        var opened = app.Clock.GetUtcNow();
        Assert.Equal(opened.AddHours(72), decision["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal([opened.AddHours(36), opened.AddHours(66)], decision["warnAt"]!.AsArray().Select(w => w!.GetValue<DateTimeOffset>()));

        app.Clock.Advance(TimeSpan.FromHours(72));
        await app.Sweep();

        var approved = await Agent.Case(created.Id);
        Assert.Equal("awaitingReturnShipment", approved.CaseStatus);
        var approval = (await Agent.Timeline(created.Id)).Single(e => e!["action"]!.GetValue<string>() == "approve")!;
        Assert.Equal("system", approval["actor"]!.GetValue<string>());
        Assert.Contains("72小时", approval["data"]!["note"]!.GetValue<string>());
        var told = (await Supervisor.Get("notifications")).Body!["items"]!.AsArray()
            .Single(n => n!["caseId"]!.GetValue<Guid>() == created.Id && n["kind"]!.GetValue<string>() == "automaticOutcome")!;
        Assert.Contains("72小时", told["message"]!.GetValue<string>());
        Assert.Contains("72 h", told["message"]!.GetValue<string>());
        Assert.DoesNotContain("48", told["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_shop_that_waives_photos_is_told_so_by_the_reason_catalog_and_approves_a_quality_case_without_one()
    {
        bool Required(JsonNode catalog) => catalog["items"]!.AsArray()
            .Single(r => r!["code"]!.GetValue<string>() == "quality.defective")!["evidenceRequired"]!.GetValue<bool>();
        Assert.False(Required((await Agent.Get($"reasons?shop={CustomShopsApp.PhotoFreeShop}")).Body!));
        Assert.True(Required((await Agent.Get("reasons")).Body!));

        var created = await Agent.Create(ReturnFor(CustomShopsApp.PhotoFreeShop, "quality.defective"));
        var approved = await Agent.Act(created.Id, "approve", new { note = "无需照片" });
        Assert.True(approved.Status == HttpStatusCode.OK, approved.ToString());
        Assert.Equal("awaitingReturnShipment", approved.CaseStatus);

        var elsewhere = await Agent.Create(ReturnFor("demo-shop", "quality.defective"));
        Assert.Equal("evidence-required", (await Agent.Act(elsewhere.Id, "approve")).Code);
    }
}

/// <summary>The action table and the workflow definitions agree: every action people take has one route.</summary>
public sealed class ActionTableTests
{
    [Fact]
    public void Every_action_a_person_takes_has_exactly_one_route()
    {
        var personActions = Workflow.Definitions.Values
            .SelectMany(d => d.Actions.Where(a => d.RolesFor(a).Any(r => r != Role.System)))
            .Where(a => a is not (CaseAction.Create or CaseAction.AddEvidence))
            .Distinct().Order().ToList();
        Assert.Equal(personActions, CaseActionRoutes.All.Select(r => r.Action).Order().ToList());
        Assert.Equal(CaseActionRoutes.All.Count, CaseActionRoutes.All.Select(r => r.Action).Distinct().Count());
    }

    [Fact]
    public void Every_route_is_an_action_of_some_workflow_and_names_its_body_after_it()
    {
        foreach (var route in CaseActionRoutes.All)
        {
            Assert.Contains(Workflow.Definitions.Values, d => Workflow.Transitions(d.Type).Any(t => t.Action == route.Action));
            Assert.Equal(route.Action + "Body", route.Body.Name);
        }
    }
}
