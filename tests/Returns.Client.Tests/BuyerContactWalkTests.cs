using Returns.Client;
using Returns.Web.Tests.Support;

namespace Returns.Client.Tests;

/// <summary>
/// Issue 19, item 5 through the generated client: a supervisor reveals the buyer's phone with a reason and reads it back
/// in the access log; the bootstrap key (every scope, buyer-contact among them) reads the phone whole.
/// </summary>
public abstract class BuyerContactWalkTests(ReturnsApp app)
{
    [SkippableFact]
    public async Task A_supervisor_reveals_the_phone_and_finds_the_reveal_in_the_access_log()
    {
        Skip.If(app.Unavailable is not null, app.Unavailable);
        var erp = Clients.Integration(app);
        var created = await erp.CreateCaseAsync(Orders.Case(CaseType.Return, "nonQuality.changedMind"), null);
        Assert.Equal("13800000000", created.Buyer.Phone);

        var supervisor = Clients.Person(app, "supervisor.walk", "supervisor");
        Assert.Equal("138****0000", (await supervisor.GetCaseAsync(created.Id.ToString())).Buyer.Phone);
        var revealed = await supervisor.RevealContactAsync(created.Id, null, new RevealContactBody { Reason = "核实退货地址" });
        Assert.Equal(("13800000000", created.Number), (revealed.Phone, revealed.Number));

        var log = await supervisor.ListContactAccessAsync(created.Number, null, null, null, null, null);
        var entry = Assert.Single(log.Items);
        Assert.Equal(("supervisor.walk", Role.Supervisor, "核实退货地址"), (entry.Actor, entry.ActorRole, entry.Reason));
        Assert.Null(log.NextCursor);

        await Problems.Refused(400, ProblemCode.ValidationFailed,
            () => supervisor.RevealContactAsync(created.Id, null, new RevealContactBody { Reason = " " }));
    }
}

public sealed class SqliteBuyerContactWalkTests(SqliteApp app) : BuyerContactWalkTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresBuyerContactWalkTests(PostgresApp app) : BuyerContactWalkTests(app), IClassFixture<PostgresApp>;
