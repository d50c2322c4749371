using Returns.Domain.Deadlines;

namespace Returns.Domain.Cases;

/// <summary>The marketplace the buyer filed the after-sales request on; its rules run the platform clocks.</summary>
public enum Platform
{
    Taobao,
    Tmall,
    Jd,
    Pdd,
    Douyin,
    Other,
}

/// <summary>
/// A due time the marketplace itself gave for one of its clocks on this case (its seller backend shows it; an
/// integration sends it). It always wins over the shop's configured duration (issue 13, item 10).
/// </summary>
public sealed record PlatformDueTime(DeadlineKind Kind, DateTimeOffset DueAt)
{
    /// <summary>
    /// A clock already runs on it. The time is for one run of the clock: a clock that starts again (the buyer ships again
    /// after a refused parcel) is planned from policy until the platform sends its new time.
    /// </summary>
    public bool Applied { get; init; }
}
