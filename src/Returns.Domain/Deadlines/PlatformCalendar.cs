namespace Returns.Domain.Deadlines;

/// <summary>A period during which the marketplace stops its own clocks (e.g. a platform-wide freeze at big sales).</summary>
public sealed class FreezePeriod
{
    public DateTimeOffset From { get; set; }
    public DateTimeOffset To { get; set; }
}

/// <summary>
/// Platform clocks run on calendar time (docs/design.md §4) but stand still while the platform freezes them: a clock
/// running into a freeze resumes where it stopped when the freeze ends.
/// </summary>
public static class PlatformCalendar
{
    public static DateTimeOffset Add(DateTimeOffset start, TimeSpan duration, IEnumerable<FreezePeriod> freezes)
    {
        var cursor = start;
        var remaining = duration;
        foreach (var freeze in freezes.Where(f => f.To > f.From && f.To > start).OrderBy(f => f.From))
        {
            var from = freeze.From > cursor ? freeze.From : cursor;
            if (from >= freeze.To) continue;
            if (cursor + remaining <= from) break;
            remaining -= from - cursor;
            cursor = freeze.To;
        }
        return cursor + remaining;
    }
}
