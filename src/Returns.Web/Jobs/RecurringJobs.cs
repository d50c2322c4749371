using Hangfire;

namespace Returns.Web.Jobs;

/// <summary>The recurring jobs, with stable ids (the dashboard and every node agree on them) and their schedules.</summary>
public static class RecurringJobs
{
    public const string DeadlineSweepId = "deadline-sweep";
    public const string WebhookDispatchId = "webhook-dispatch";
    public const string BuyerDataRemovalId = "buyer-data-removal";

    /// <summary>Clocks are checked every minute: a reminder is never more than a minute late.</summary>
    public static readonly string DeadlineSweepCron = Cron.Minutely();

    public static readonly string WebhookDispatchCron = Cron.Minutely();

    /// <summary>Once a day at 19:00 UTC, 03:00 in Shanghai: outside the shops' business hours.</summary>
    public static readonly string BuyerDataRemovalCron = Cron.Daily(19);

    public static void Register(IRecurringJobManager jobs)
    {
        jobs.AddOrUpdate<DeadlineSweep>(DeadlineSweepId, sweep => sweep.Run(CancellationToken.None), DeadlineSweepCron);
        jobs.AddOrUpdate<WebhookDispatch>(WebhookDispatchId, dispatch => dispatch.Run(CancellationToken.None), WebhookDispatchCron);
        jobs.AddOrUpdate<BuyerDataRemoval>(BuyerDataRemovalId, removal => removal.Run(CancellationToken.None), BuyerDataRemovalCron);
    }
}
