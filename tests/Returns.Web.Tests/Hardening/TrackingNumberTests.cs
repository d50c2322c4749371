using System.Data.Common;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Returns.Data;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests.Hardening;

/// <summary>
/// Issue 19, item 3: a return tracking number belongs to one open case at a time, across every shop, and the database
/// holds to it when two requests claim it at once; the warehouse scan of the number confirms that case.
/// </summary>
public abstract class TrackingNumberTests(ReturnsApp app) : InputSuite(app)
{
    private Api Warehouse => App.Client("warehouse.tracking", "warehouse");

    private static string NewTrackingNumber() => "SF" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    private async Task<Guid> AwaitingShipment(string shop)
    {
        var body = Bodies.Case(reason: "nonQuality.changedMind");
        body["shop"] = shop;
        var id = await Created(Agent.Create(body));
        await Ok(Agent.Act(id, "approve"));
        return id;
    }

    private static object Shipment(string trackingNumber) =>
        new { carrier = "SF", trackingNumber, postage = 10.00m, freightCollect = false };

    private Task<Reply> Scan(string trackingNumber) => Warehouse.Post("warehouse/receipts", new JsonObject
    {
        ["trackingNumber"] = trackingNumber,
        ["items"] = new JsonArray { new JsonObject { ["sku"] = "DRESS-RED-M", ["quantity"] = 1, ["condition"] = "resaleable" } },
        ["freightCollect"] = false,
    });

    [SkippableFact]
    public async Task Another_shops_case_cannot_record_a_number_an_open_case_holds_and_the_scan_confirms_the_holder()
    {
        var number = NewTrackingNumber();
        var theirs = await AwaitingShipment("other-shop");
        await Ok(Agent.Act(theirs, "record-return-shipment", Shipment(number)));
        var ours = await AwaitingShipment("demo-shop");

        // Matched as the scan matches: blanks and letter case do not make another number.
        AssertProblem(await RefusedAction(ours, "record-return-shipment", Shipment(number)), HttpStatusCode.Conflict, "tracking-number-in-use");
        AssertProblem(await RefusedAction(ours, "record-return-shipment", Shipment(number.ToLowerInvariant())), HttpStatusCode.Conflict, "tracking-number-in-use");

        var scan = await Scan(number);
        Assert.True(scan.Status == HttpStatusCode.OK, scan.ToString());
        Assert.Equal(theirs, Guid.Parse(scan.Body!["case"]!["id"]!.GetValue<string>()));
        Assert.Equal("awaitingReturnShipment", (await Agent.Case(ours)).CaseStatus);
    }

    [SkippableFact]
    public async Task Of_concurrent_claims_of_one_number_exactly_one_wins()
    {
        var number = NewTrackingNumber();
        var cases = new List<Guid>();
        for (var i = 0; i < 8; i++) cases.Add(await AwaitingShipment(i % 2 == 0 ? "demo-shop" : "other-shop"));

        var replies = await Task.WhenAll(cases.Select(id => Agent.Act(id, "record-return-shipment", Shipment(number))));

        var winners = replies.Where(r => r.Status == HttpStatusCode.OK).ToList();
        Assert.True(winners.Count == 1, string.Join("\n", replies.Select(r => r.ToString())));
        foreach (var loser in replies.Where(r => r.Status != HttpStatusCode.OK))
            AssertProblem(loser, HttpStatusCode.Conflict, "tracking-number-in-use");
        var holders = (await Agent.Get($"cases?trackingNumber={number}")).Body!["items"]!.AsArray();
        Assert.Equal([winners[0].Id], holders.Select(c => Guid.Parse(c!["id"]!.GetValue<string>())));
        foreach (var id in cases.Where(id => id != winners[0].Id))
            Assert.Equal("awaitingReturnShipment", (await Agent.Case(id)).CaseStatus);
    }

    [SkippableFact]
    public async Task The_database_itself_refuses_a_second_open_case_with_the_same_number()
    {
        var number = NewTrackingNumber();
        var holder = await AwaitingShipment("demo-shop");
        await Ok(Agent.Act(holder, "record-return-shipment", Shipment(number)));
        var other = await AwaitingShipment("other-shop");

        // Past every check in code, as a request that read before the holder committed would be.
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReturnsDbContext>();
        await Assert.ThrowsAnyAsync<DbException>(() => db.Cases.Where(c => c.Id == other)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClaimedReturnTrackingNumber, number)));
    }

    [SkippableTheory]
    [InlineData("cancel")]
    [InlineData("refuse-parcel")]
    public async Task Once_the_holder_lets_go_the_number_can_be_recorded_again_and_the_scan_finds_the_new_case(string release)
    {
        var number = NewTrackingNumber();
        var first = await AwaitingShipment("other-shop");
        await Ok(Agent.Act(first, "record-return-shipment", Shipment(number)));
        if (release == "cancel") await Ok(Agent.Act(first, "cancel", new { reason = "买家撤销" }));
        else await Ok(Warehouse.Act(first, "refuse-parcel", new { reason = "包裹破损" }));
        var second = await AwaitingShipment("demo-shop");

        await Ok(Agent.Act(second, "record-return-shipment", Shipment(number)));

        var scan = await Scan(number);
        Assert.True(scan.Status == HttpStatusCode.OK, scan.ToString());
        Assert.Equal(second, Guid.Parse(scan.Body!["case"]!["id"]!.GetValue<string>()));
        Assert.Equal("refundPending", scan.Body["case"]!["status"]!.GetValue<string>());
    }
}

public sealed class SqliteTrackingNumberTests(SqliteApp app) : TrackingNumberTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresTrackingNumberTests(PostgresApp app) : TrackingNumberTests(app), IClassFixture<PostgresApp>;
