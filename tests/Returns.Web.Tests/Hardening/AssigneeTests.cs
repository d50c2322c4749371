using System.Net;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests.Hardening;

/// <summary>Issue 19, item 12: a case is assigned only to someone who gets its reminders and can act on them.</summary>
public abstract class AssigneeTests(ReturnsApp app) : InputSuite(app)
{
    private Api Admin => App.Client(ReturnsApp.AdminEmail, "admin");

    [SkippableTheory]
    [InlineData("nobody-x")]
    [InlineData("system")]
    public async Task Assigning_a_name_nobody_has_is_422_and_changes_nothing(string assignee)
    {
        var id = await NewCase();
        AssertProblem(await RefusedAction(id, "assign", new { assignee }), HttpStatusCode.UnprocessableEntity, "unknown-assignee");
    }

    [SkippableFact]
    public async Task Assigning_a_warehouse_clerk_or_an_admin_is_422()
    {
        App.Client("assignee.clerk", "warehouse");
        App.Client("assignee.admin", "admin");
        var id = await NewCase();
        AssertProblem(await RefusedAction(id, "assign", new { assignee = "assignee.clerk" }), HttpStatusCode.UnprocessableEntity, "unknown-assignee");
        AssertProblem(await RefusedAction(id, "assign", new { assignee = "assignee.admin" }), HttpStatusCode.UnprocessableEntity, "unknown-assignee");
    }

    [SkippableFact]
    public async Task Assigning_a_disabled_agent_is_422()
    {
        App.Client("assignee.gone", "agent");
        var users = (await Admin.Get("admin/users")).Body!.AsArray();
        var gone = users.Single(u => u!["userName"]!.GetValue<string>() == "assignee.gone")!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await Admin.Post($"admin/users/{gone}/disable", "{}")).Status);

        var id = await NewCase();
        AssertProblem(await RefusedAction(id, "assign", new { assignee = "assignee.gone" }), HttpStatusCode.UnprocessableEntity, "unknown-assignee");
    }

    [SkippableTheory]
    [InlineData("agent", "assignee.agent")]
    [InlineData("supervisor", "assignee.lead")]
    public async Task An_active_agent_or_supervisor_is_assigned_under_their_user_name(string role, string userName)
    {
        App.Client(userName, role);
        var id = await NewCase();

        var reply = await Agent.Act(id, "assign", new { assignee = userName.ToUpperInvariant() });

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal(userName, reply.Body!["assignee"]!.GetValue<string>());
        Assert.Equal(userName, (await Agent.Case(id)).Body!["assignee"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Logging_a_case_for_an_unknown_assignee_is_422_and_creates_nothing()
    {
        var order = Bodies.NewOrderNumber();
        var body = Bodies.Case(orderNumber: order);
        body["assignee"] = "nobody-x";

        var reply = await RefusedCreate(Agent, () => Agent.Create(body), order);

        AssertProblem(reply, HttpStatusCode.UnprocessableEntity, "unknown-assignee");
        body["assignee"] = "agent.zhang";
        Assert.Equal("agent.zhang", (await Agent.Create(body)).Body!["assignee"]!.GetValue<string>());
    }
}

public sealed class SqliteAssigneeTests(SqliteApp app) : AssigneeTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresAssigneeTests(PostgresApp app) : AssigneeTests(app), IClassFixture<PostgresApp>;
