using System.Net;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Returns.Data;
using Returns.Web.Jobs;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests;

/// <summary>Two service instances on one PostgreSQL database (the second neither creates nor drops it).</summary>
public abstract class TwoPostgresNodes : IAsyncLifetime
{
    protected readonly PostgresApp _first = new();
    protected PostgresApp? _second;

    public async Task InitializeAsync()
    {
        await _first.InitializeAsync();
        if (_first.Unavailable is not null) return;
        _second = _first.SecondNode();
        await _second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_second is not null) await _second.DisposeAsync();
        await _first.DisposeAsync();
    }
}

/// <summary>
/// Two service instances on one PostgreSQL database sweep at the same moment: every reminder and escalation
/// still fires exactly once (the conditional claim decides who does what).
/// </summary>
public sealed class TwoNodeSweepTests : TwoPostgresNodes
{

    private void SetBothClocks(DateTimeOffset at)
    {
        _first.Clock.SetUtcNow(at);
        _second!.Clock.SetUtcNow(at);
    }

    private async Task<(int Reminders, int Escalations, int EscalateEntries)> Count(IReadOnlyCollection<Guid> cases)
    {
        await using var scope = _first.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReturnsDbContext>();
        var notifications = await db.Notifications.Where(n => cases.Contains(n.CaseId)).ToListAsync();
        var escalateEntries = await db.Timeline.CountAsync(e => cases.Contains(e.CaseId) && e.Action == "escalate");
        return (notifications.Count(n => n.Kind == Domain.Notifications.NotificationKind.Reminder),
            notifications.Count(n => n.Kind == Domain.Notifications.NotificationKind.Escalation), escalateEntries);
    }

    [SkippableFact]
    public async Task Two_nodes_sweeping_together_fire_every_reminder_and_escalation_exactly_once()
    {
        Skip.If(_first.Unavailable is not null, _first.Unavailable);
        var api = _first.Client("agent.zhang", "agent");
        var cases = new List<Guid>();
        for (var i = 0; i < 40; i++)
        {
            var reply = await api.Create(Bodies.Case(reason: "nonQuality.changedMind"));
            Assert.Equal(HttpStatusCode.Created, reply.Status);
            cases.Add(reply.Id);
        }

        // 75 % of the 2 business hours of first touch: one reminder per case.
        SetBothClocks(ReturnsApp.Start.AddMinutes(90));
        var warnings = await Task.WhenAll(_first.Sweep(), _second!.Sweep(), _first.Sweep(), _second.Sweep());
        Assert.Equal(40, warnings.Sum(r => r.Processed));
        Assert.Equal((40, 0, 0), await Count(cases));

        // Due: one escalation per case, and one timeline entry saying so.
        SetBothClocks(ReturnsApp.Start.AddHours(2));
        var escalations = await Task.WhenAll(_second.Sweep(), _first.Sweep(), _second.Sweep(), _first.Sweep());
        Assert.Equal(40, escalations.Sum(r => r.Processed));
        Assert.Equal((40, 40, 40), await Count(cases));

        Assert.Equal(0, (await _first.Sweep()).Processed);
        Assert.Equal(0, (await _second.Sweep()).Processed);
    }
}

/// <summary>Behind a load balancer, a session signed by one node is read by another (shared data-protection keys).</summary>
public sealed class SharedSessionTests : TwoPostgresNodes
{

    [SkippableFact]
    public async Task Session_cookie_from_one_node_is_accepted_by_the_other()
    {
        Skip.If(_first.Unavailable is not null, _first.Unavailable);
        _first.Client("agent.session", "agent");
        using var raw = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = _first.Address };
        var signIn = await raw.PostAsync("/api/v1/auth/sign-in", new StringContent(
            $"{{\"userName\":\"agent.session\",\"password\":\"{ReturnsApp.UserPassword}\"}}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("returns.auth=", StringComparison.Ordinal)).Split(';')[0];

        using var other = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = _second!.Address };
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
        request.Headers.Add("Cookie", cookie);
        var me = await other.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("agent.session", await me.Content.ReadAsStringAsync());
    }
}

/// <summary>With jobs enabled (as when a user runs the service), Hangfire serves its dashboard and the sweep is scheduled every minute.</summary>
public sealed class HangfireApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Returns:Jobs:Enabled", "true");
        builder.UseSetting("Returns:Roles", "api,worker");
    }
}

public sealed class HangfireDashboardTests(HangfireApp app) : IClassFixture<HangfireApp>
{
    [Fact]
    public async Task Dashboard_is_served_to_supervisors_and_the_jobs_run_every_minute()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().Http.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client("agent.dash", "agent").Http.GetAsync("/hangfire")).StatusCode);
        var dashboard = await app.Client("supervisor.dash", "supervisor").Http.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Returns jobs", await dashboard.Content.ReadAsStringAsync());

        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs();
        Assert.Equal(Cron.Minutely(), Assert.Single(jobs, j => j.Id == RecurringJobs.DeadlineSweepId).Cron);
        Assert.Equal(Cron.Minutely(), Assert.Single(jobs, j => j.Id == RecurringJobs.WebhookDispatchId).Cron);
    }
}
