namespace Returns.Domain.Deadlines;

/// <summary>
/// The shop's working hours, for internal service targets (docs/design.md §4): by default 09:00–23:30 every day in
/// Asia/Shanghai (F0-d: 客服在线 9:00–23:30), with holidays that pause the clock. Platform clocks do not use it.
/// </summary>
public sealed record BusinessCalendar(TimeZoneInfo TimeZone, TimeOnly Opens, TimeOnly Closes, IReadOnlySet<DateOnly> Holidays)
{
    public static BusinessCalendar Create(string timeZone, string opens, string closes, IEnumerable<string>? holidays) =>
        new(TimeZoneInfo.FindSystemTimeZoneById(timeZone), TimeOnly.Parse(opens), TimeOnly.Parse(closes),
            (holidays ?? []).Select(DateOnly.Parse).ToHashSet());

    /// <summary>The instant <paramref name="duration"/> of working time after <paramref name="start"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero) return start;
        var local = TimeZoneInfo.ConvertTime(start, TimeZone);
        var day = DateOnly.FromDateTime(local.DateTime);
        var remaining = duration;
        // A year of closed days means a misconfigured calendar; stop rather than loop forever.
        for (var guard = 0; guard < 800; guard++, day = day.AddDays(1))
        {
            if (Holidays.Contains(day) || Closes <= Opens) continue;
            var open = At(day, Opens);
            var close = At(day, Closes);
            var from = start > open ? start : open;
            if (from >= close) continue;
            var available = close - from;
            if (remaining <= available) return from + remaining;
            remaining -= available;
        }
        throw new InvalidOperationException("The business calendar has no working hours.");
    }

    /// <summary>Working time between two instants (zero when <paramref name="end"/> is not after <paramref name="start"/>).</summary>
    public TimeSpan Between(DateTimeOffset start, DateTimeOffset end)
    {
        var total = TimeSpan.Zero;
        if (end <= start || Closes <= Opens) return total;
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, TimeZone).DateTime);
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(end, TimeZone).DateTime);
        for (; day <= lastDay; day = day.AddDays(1))
        {
            if (Holidays.Contains(day)) continue;
            var from = Max(start, At(day, Opens));
            var to = Min(end, At(day, Closes));
            if (to > from) total += to - from;
        }
        return total;
    }

    private DateTimeOffset At(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
