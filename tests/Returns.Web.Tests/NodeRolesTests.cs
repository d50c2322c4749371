using System.Net;
using Hangfire;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Returns.Data;
using Returns.Web.Jobs;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests;

[CollectionDefinition(nameof(HangfireNodes), DisableParallelization = true)]
public sealed class HangfireNodes;

/// <summary>
/// Issue 8: two hosts on one PostgreSQL database (api+worker, worker) run the deadline sweep through Hangfire;
/// each due clock fires exactly once; an api-only node runs no job server at all.
/// </summary>
[Collection(nameof(HangfireNodes))]
public sealed class NodeRolesTests : IAsyncLifetime
{
    private readonly PostgresApp _database = new();
    private readonly List<PostgresApp> _nodes = [];

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        if (_database.Unavailable is not null) return;
        foreach (var roles in new[] { "api,worker", "worker", "api" })
        {
            var node = _database.SecondNode(configure: builder =>
            {
                builder.UseSetting("Returns:Jobs:Enabled", "true");
                builder.UseSetting("Returns:Jobs:PollSeconds", "1");
                builder.UseSetting("Returns:Roles", roles);
            });
            await node.InitializeAsync();
            _nodes.Add(node);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static bool RunsJobServer(PostgresApp node) =>
        node.Services.GetServices<IHostedService>().Any(s => s.GetType().FullName!.Contains("BackgroundJobServer", StringComparison.Ordinal));

    [SkippableFact]
    public async Task Worker_nodes_share_the_sweep_each_clock_fires_once_and_the_api_node_runs_no_jobs()
    {
        Skip.If(_database.Unavailable is not null, _database.Unavailable);
        var (both, worker, api) = (_nodes[0], _nodes[1], _nodes[2]);
        Assert.True(RunsJobServer(both));
        Assert.True(RunsJobServer(worker));
        Assert.False(RunsJobServer(api));
        Assert.Equal(2, both.Services.GetRequiredService<JobStorage>().GetMonitoringApi().Servers().Count);
        // A worker-only node serves no API (so its 404 is outside the document, which describes the API nodes).
        using var raw = new HttpClient { BaseAddress = worker.Address };
        Assert.Equal(HttpStatusCode.NotFound, (await raw.GetAsync("/api/v1/reasons")).StatusCode);

        var cases = new List<Guid>();
        for (var i = 0; i < 20; i++)
            cases.Add((await api.Client("agent.nodes", "agent").Create(Bodies.Case(reason: "nonQuality.changedMind"))).Id);
        foreach (var node in _nodes) node.Clock.SetUtcNow(ReturnsApp.Start.AddMinutes(90));

        // Both worker nodes get the job several times over; Hangfire hands each run to one of them.
        var jobs = both.Services.GetRequiredService<IRecurringJobManager>();
        for (var i = 0; i < 4; i++) jobs.Trigger(RecurringJobs.DeadlineSweepId);

        await using var scope = both.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReturnsDbContext>();
        var reminders = 0;
        for (var waited = 0; waited < 60 && reminders < cases.Count; waited++)
        {
            await Task.Delay(500);
            reminders = await db.Notifications.CountAsync(n => cases.Contains(n.CaseId));
        }
        await Task.Delay(3000);
        Assert.Equal(cases.Count, await db.Notifications.CountAsync(n => cases.Contains(n.CaseId)));
        Assert.Equal(cases.Count, await db.Deadlines.CountAsync(d => cases.Contains(d.CaseId) && d.WarningsSent == 1));
    }
}
