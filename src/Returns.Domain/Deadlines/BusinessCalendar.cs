namespace Returns.Domain.Deadlines;

/// <summary>
/// The shop's working hours, for internal service targets (docs/design.md §4): by default 09:00–23:30 every day in
/// Asia/Shanghai (F0-d: 客服在线 9:00–23:30), with holidays that pause the clock. Platform clocks do not use it.
/// Each date has one shift from <see cref="Opens"/> to <see cref="Closes"/>; a close at or before the opening ends the
/// shift on the next day (21:00–02:00 is a late shift), and equal times are a 24-hour shift, so 00:00–00:00 is round the
/// clock (F1 24小时在线客服). A holiday removes the shift that starts on that date.
/// </summary>
public sealed record BusinessCalendar(TimeZoneInfo TimeZone, TimeOnly Opens, TimeOnly Closes, IReadOnlySet<DateOnly> Holidays)
{
    public static BusinessCalendar Create(string timeZone, string opens, string closes, IEnumerable<string>? holidays) =>
        new(TimeZoneInfo.FindSystemTimeZoneById(timeZone), TimeOnly.Parse(opens), TimeOnly.Parse(closes),
            (holidays ?? []).Select(DateOnly.Parse).ToHashSet());

    /// <summary>True when every hour of every non-holiday date is working time.</summary>
    public bool RoundTheClock => Opens == Closes && Opens == TimeOnly.MinValue;

    /// <summary>The instant <paramref name="duration"/> of working time after <paramref name="start"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero) return start;
        var remaining = duration;
        // A shift that began the day before may still be running at the start (a late shift past midnight).
        var day = LocalDate(start).AddDays(-1);
        // A year of holidays means a misconfigured calendar; stop rather than loop forever.
        for (var guard = 0; guard < 800; guard++, day = day.AddDays(1))
        {
            if (Holidays.Contains(day)) continue;
            var (open, close) = Shift(day);
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
        if (end <= start) return total;
        var lastDay = LocalDate(end);
        for (var day = LocalDate(start).AddDays(-1); day <= lastDay; day = day.AddDays(1))
        {
            if (Holidays.Contains(day)) continue;
            var (open, close) = Shift(day);
            var from = Max(start, open);
            var to = Min(end, close);
            if (to > from) total += to - from;
        }
        return total;
    }

    /// <summary>The shift that starts on <paramref name="day"/>, as instants.</summary>
    private (DateTimeOffset Open, DateTimeOffset Close) Shift(DateOnly day) =>
        (At(day, Opens), At(Closes > Opens ? day : day.AddDays(1), Closes));

    private DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    private DateTimeOffset At(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
