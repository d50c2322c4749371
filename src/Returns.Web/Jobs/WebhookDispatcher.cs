using System.Threading.Channels;
using Returns.Data;

namespace Returns.Web.Jobs;

/// <summary>
/// Delivers webhooks right after the commit that wrote their outbox rows (issue 19, item 19: integrators expect
/// seconds, not the minute of the recurring job, which stays as the safety net for retries and for a node that died).
/// Commits only ring a bell: one run at a time per node, and a commit during a run makes one more run, so a burst of
/// commits costs a few runs, not one each. Other nodes' runs are harmless: deliveries are claimed.
/// </summary>
public sealed class WebhookDispatcher(IServiceScopeFactory scopes, ILogger<WebhookDispatcher> log) : BackgroundService, IOutboxListener
{
    public const string DispatchOnCommitKey = "Returns:Webhooks:DispatchOnCommit";

    /// <summary>How long a run waits after the first commit for the ones that follow it.</summary>
    public static readonly TimeSpan GatherCommitsFor = TimeSpan.FromMilliseconds(50);

    private readonly Channel<bool> _bell = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true,
    });

    /// <summary>On by default wherever jobs are; the tests, which run the jobs by hand, turn it on where they need it.</summary>
    public static bool Enabled(IConfiguration configuration) =>
        configuration.GetValue<bool?>(DispatchOnCommitKey) ?? Infrastructure.JobsSetup.JobsEnabled(configuration);

    public void OutboxCommitted() => _bell.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Whatever was committed while no node listened (this one starting, say) goes now.
        OutboxCommitted();
        await foreach (var _ in _bell.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                // Under load commits come every few milliseconds: waiting a moment lets one run take them all, where
                // running at once made nearly a run per commit (each a few statements).
                await Task.Delay(GatherCommitsFor, stoppingToken);
                _bell.Reader.TryRead(out bool _);
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<WebhookDispatch>().Run(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The minutely job picks up what this run left.
                log.LogWarning(e, "Webhook dispatch after commit failed; the recurring job retries");
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
