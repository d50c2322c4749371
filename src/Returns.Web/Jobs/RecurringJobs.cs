using Hangfire;

namespace Returns.Web.Jobs;

/// <summary>The recurring jobs, with stable ids (the dashboard and every node agree on them) and their schedules.</summary>
public static class RecurringJobs
{
    public const string DeadlineSweepId = "deadline-sweep";
    public const string WebhookDispatchId = "webhook-dispatch";

    /// <summary>Clocks are checked every minute: a reminder is never more than a minute late.</summary>
    public static readonly string DeadlineSweepCron = Cron.Minutely();

    public static readonly string WebhookDispatchCron = Cron.Minutely();

    public static void Register(IRecurringJobManager jobs)
    {
        jobs.AddOrUpdate<DeadlineSweep>(DeadlineSweepId, sweep => sweep.Run(CancellationToken.None), DeadlineSweepCron);
        jobs.AddOrUpdate<WebhookDispatch>(WebhookDispatchId, dispatch => dispatch.Run(CancellationToken.None), WebhookDispatchCron);
    }
}
