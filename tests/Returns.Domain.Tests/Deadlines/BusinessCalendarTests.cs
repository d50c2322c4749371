using Returns.Domain.Deadlines;
using Returns.Domain.Policies;

namespace Returns.Domain.Tests.Deadlines;

/// <summary>
/// docs/design.md §4: internal service targets run on the shop's business hours, by default 09:00–23:30 every day in
/// Asia/Shanghai (UTC+8, no daylight saving), and stand still on the shop's holidays.
/// </summary>
public sealed class BusinessCalendarTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private static readonly BusinessCalendar Default = ShopPolicy.Default.Calendar();

    /// <summary>A shop-local wall-clock time in November 2026 (all days are working days by default).</summary>
    private static DateTimeOffset Local(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, Shanghai);

    private static BusinessCalendar WithHolidays(params string[] holidays) =>
        BusinessCalendar.Create("Asia/Shanghai", "09:00", "23:30", holidays);

    [Fact]
    public void Default_policy_calendar_is_09_00_to_23_30_in_Asia_Shanghai_without_holidays()
    {
        Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), Default.TimeZone);
        Assert.Equal(new TimeOnly(9, 0), Default.Opens);
        Assert.Equal(new TimeOnly(23, 30), Default.Closes);
        Assert.Empty(Default.Holidays);
    }

    public static TheoryData<string, DateTimeOffset, double, DateTimeOffset> Additions => new()
    {
        { "inside one day", Local(20, 10), 2, Local(20, 12) },
        { "ending exactly at the close", Local(20, 21, 30), 2, Local(20, 23, 30) },
        { "a whole working day from the opening", Local(20, 9), 14.5, Local(20, 23, 30) },
        { "crossing the close into the next opening", Local(20, 22), 2, Local(21, 9, 30) },
        { "starting half an hour before the close", Local(20, 23), 2, Local(21, 10, 30) },
        { "starting before the opening", Local(20, 7), 2, Local(20, 11) },
        { "starting just after midnight", Local(20, 0, 30), 2, Local(20, 11) },
        { "starting after the close", Local(20, 23, 45), 2, Local(21, 11) },
        { "starting exactly at the close", Local(20, 23, 30), 2, Local(21, 11) },
        { "48 business hours over four days", Local(20, 10), 48, Local(23, 14, 30) },
    };

    [Theory]
    [MemberData(nameof(Additions))]
    public void Add_counts_only_working_time(string because, DateTimeOffset start, double hours, DateTimeOffset expected)
    {
        var due = Default.Add(start, TimeSpan.FromHours(hours));

        Assert.True(expected == due, $"{because}: expected {expected:O}, got {due:O}");
    }

    [Fact]
    public void Add_respects_the_shop_time_zone_offset()
    {
        // 14:00Z is 22:00 in Shanghai: 1.5 h until the close, the last 0.5 h after the next opening (09:30 = 01:30Z).
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 1, 30, 0, TimeSpan.Zero),
            Default.Add(new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(2)));
        // 15:00Z is 23:00 in Shanghai: 0.5 h until the close, then 1.5 h from 09:00 (10:30 = 02:30Z).
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 2, 30, 0, TimeSpan.Zero),
            Default.Add(new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Add_at_a_UTC_time_that_is_already_tomorrow_in_Shanghai_counts_from_that_day()
    {
        // 2026-11-20T17:00Z is 01:00 on the 21st in Shanghai: the clock starts at 09:00 on the 21st (01:00Z).
        var due = Default.Add(new DateTimeOffset(2026, 11, 20, 17, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1));

        Assert.Equal(new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void Add_returns_the_start_for_no_duration()
    {
        Assert.Equal(Local(20, 3), Default.Add(Local(20, 3), TimeSpan.Zero));
    }

    [Fact]
    public void Holiday_is_skipped_entirely()
    {
        var calendar = WithHolidays("2026-11-21");

        Assert.Equal(Local(22, 9, 30), calendar.Add(Local(20, 22), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Clock_started_on_a_holiday_waits_for_the_next_working_day()
    {
        var calendar = WithHolidays("2026-11-21");

        Assert.Equal(Local(22, 11), calendar.Add(Local(21, 10), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Consecutive_holidays_are_all_skipped()
    {
        var calendar = WithHolidays("2026-11-21", "2026-11-22", "2026-11-23");

        Assert.Equal(Local(24, 9, 30), calendar.Add(Local(20, 22), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Holiday_on_another_date_changes_nothing()
    {
        var calendar = WithHolidays("2026-12-25");

        Assert.Equal(Default.Add(Local(20, 22), TimeSpan.FromHours(30)), calendar.Add(Local(20, 22), TimeSpan.FromHours(30)));
    }

    [Fact]
    public void Holiday_is_the_whole_shop_local_date()
    {
        // 2026-11-21 in Shanghai runs from 2026-11-20T16:00Z to 2026-11-21T16:00Z.
        var calendar = WithHolidays("2026-11-21");
        var midnight = new DateTimeOffset(2026, 11, 20, 16, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.Zero, calendar.Between(midnight, midnight.AddDays(1)));
        Assert.Equal(TimeSpan.FromHours(14.5), Default.Between(midnight, midnight.AddDays(1)));
    }

    public static TheoryData<DateTimeOffset, DateTimeOffset, double> Spans => new()
    {
        { Local(20, 10), Local(20, 12), 2 },
        { Local(20, 22), Local(21, 10), 2.5 },
        { Local(20, 7), Local(20, 8, 59), 0 },
        { Local(20, 23, 30), Local(21, 9), 0 },
        { Local(20, 0), Local(21, 0), 14.5 },
        { Local(20, 10), Local(23, 14, 30), 48 },
        { Local(20, 12), Local(20, 10), 0 },
    };

    [Theory]
    [MemberData(nameof(Spans))]
    public void Between_counts_only_working_time(DateTimeOffset start, DateTimeOffset end, double hours)
    {
        Assert.Equal(TimeSpan.FromHours(hours), Default.Between(start, end));
    }

    [Fact]
    public void Between_leaves_out_holidays()
    {
        var calendar = WithHolidays("2026-11-21");

        Assert.Equal(TimeSpan.FromHours(2.5), calendar.Between(Local(20, 22), Local(22, 10)));
    }

    public static TheoryData<DateTimeOffset, double> Starts => new()
    {
        { Local(20, 10), 0.25 },
        { Local(20, 10), 2 },
        { Local(20, 22), 2 },
        { Local(20, 23, 45), 1.5 },
        { Local(20, 5), 14.5 },
        { Local(20, 13, 17), 48 },
        { Local(20, 21), 100 },
    };

    [Theory]
    [MemberData(nameof(Starts))]
    public void Between_is_the_inverse_of_Add(DateTimeOffset start, double hours)
    {
        var duration = TimeSpan.FromHours(hours);
        foreach (var calendar in new[] { Default, WithHolidays("2026-11-21", "2026-11-24") })
        {
            var end = calendar.Add(start, duration);

            Assert.Equal(duration, calendar.Between(start, end));
        }
    }

    [Fact]
    public void Custom_hours_and_time_zone_are_used()
    {
        var calendar = BusinessCalendar.Create("UTC", "08:00", "20:00", null);
        var start = new DateTimeOffset(2026, 11, 20, 19, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero), calendar.Add(start, TimeSpan.FromHours(2)));
    }

    // Issue 13 item 5: 00:00–00:00 threw on every clock; it means working round the clock (F1 24小时在线).
    [Fact]
    public void Round_the_clock_hours_count_every_hour_but_holidays()
    {
        var calendar = BusinessCalendar.Create("Asia/Shanghai", "00:00", "00:00", ["2026-11-21"]);

        Assert.True(calendar.RoundTheClock);
        Assert.Equal(Local(20, 12), calendar.Add(Local(20, 10), TimeSpan.FromHours(2)));
        Assert.Equal(Local(20, 23, 59), calendar.Add(Local(20, 23), TimeSpan.FromMinutes(59)));
        // 48 hours from the 20th at 10:00 skip the 21st entirely.
        Assert.Equal(Local(23, 10), calendar.Add(Local(20, 10), TimeSpan.FromHours(48)));
        Assert.Equal(TimeSpan.FromHours(24), calendar.Between(Local(20, 0), Local(22, 0)));
        Assert.Equal(TimeSpan.FromHours(48), calendar.Between(Local(20, 10), Local(23, 10)));
    }

    public static TheoryData<string, DateTimeOffset, double, DateTimeOffset> LateShiftAdditions => new()
    {
        { "inside the shift before midnight", Local(20, 21), 2, Local(20, 23) },
        { "across midnight", Local(20, 23), 2, Local(21, 1) },
        { "after midnight, in the shift that began the day before", Local(21, 1), 0.5, Local(21, 1, 30) },
        { "past the close into the next evening", Local(21, 1), 2, Local(21, 19) },
        { "starting in the afternoon gap", Local(20, 15), 1, Local(20, 19) },
    };

    // 18:00–02:00: a close before the opening is a shift past midnight.
    [Theory]
    [MemberData(nameof(LateShiftAdditions))]
    public void A_close_before_the_opening_is_a_shift_past_midnight(string because, DateTimeOffset start, double hours, DateTimeOffset expected)
    {
        var calendar = BusinessCalendar.Create("Asia/Shanghai", "18:00", "02:00", null);

        var due = calendar.Add(start, TimeSpan.FromHours(hours));

        Assert.True(expected == due, $"{because}: expected {expected:O}, got {due:O}");
        Assert.Equal(TimeSpan.FromHours(hours), calendar.Between(start, due));
    }

    [Fact]
    public void A_late_shift_on_a_holiday_is_skipped_with_its_hours_after_midnight()
    {
        var calendar = BusinessCalendar.Create("Asia/Shanghai", "18:00", "02:00", ["2026-11-20"]);

        Assert.Equal(Local(21, 19), calendar.Add(Local(20, 17), TimeSpan.FromHours(1)));
        Assert.Equal(TimeSpan.FromHours(2), calendar.Between(Local(20, 0), Local(21, 2)));
    }

    [Fact]
    public void Equal_opening_and_close_is_a_24_hour_shift()
    {
        var calendar = BusinessCalendar.Create("Asia/Shanghai", "09:00", "09:00", null);

        Assert.Equal(Local(21, 11), calendar.Add(Local(20, 10), TimeSpan.FromHours(25)));
        Assert.Equal(TimeSpan.FromHours(120), calendar.Between(Local(20, 0), Local(25, 0)));
    }

    [Fact]
    public void A_calendar_of_only_holidays_refuses_to_add()
    {
        var holidays = Enumerable.Range(0, 900).Select(d => new DateOnly(2026, 11, 1).AddDays(d).ToString("yyyy-MM-dd"));
        var calendar = BusinessCalendar.Create("Asia/Shanghai", "09:00", "23:30", holidays);

        Assert.Throws<InvalidOperationException>(() => calendar.Add(Local(20, 10), TimeSpan.FromHours(1)));
    }
}
