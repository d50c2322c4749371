using Returns.Domain.Deadlines;

namespace Returns.Domain.Tests.Deadlines;

public sealed class PlatformFreezeTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 10, 0, 0, 0, TimeSpan.Zero);

    private static FreezePeriod Freeze(double fromHours, double toHours) => new() { From = Start.AddHours(fromHours), To = Start.AddHours(toHours) };

    [Fact]
    public void Without_freezes_a_platform_clock_is_calendar_time() =>
        Assert.Equal(Start.AddHours(48), PlatformCalendar.Add(Start, TimeSpan.FromHours(48), []));

    [Fact]
    public void A_freeze_inside_the_clock_pushes_the_due_time_by_its_length() =>
        Assert.Equal(Start.AddHours(72), PlatformCalendar.Add(Start, TimeSpan.FromHours(48), [Freeze(10, 34)]));

    [Fact]
    public void A_freeze_after_the_due_time_changes_nothing() =>
        Assert.Equal(Start.AddHours(48), PlatformCalendar.Add(Start, TimeSpan.FromHours(48), [Freeze(48, 60)]));

    [Fact]
    public void A_clock_started_during_a_freeze_runs_from_its_end() =>
        Assert.Equal(Start.AddHours(58), PlatformCalendar.Add(Start.AddHours(5), TimeSpan.FromHours(48), [Freeze(0, 10)]));

    [Fact]
    public void Overlapping_and_unordered_freezes_count_once() =>
        Assert.Equal(Start.AddHours(48 + 20), PlatformCalendar.Add(Start, TimeSpan.FromHours(48), [Freeze(20, 30), Freeze(10, 25)]));

    [Fact]
    public void A_freeze_that_already_ended_is_ignored() =>
        Assert.Equal(Start.AddHours(48), PlatformCalendar.Add(Start, TimeSpan.FromHours(48), [Freeze(-30, -1)]));
}

/// <summary>The case stops the marketplace's clocks, warnings included, during freezes, and only those.</summary>
public sealed class PlatformFreezePlanningTests
{
    private static readonly DateTimeOffset T = DeadlineScenarios.StartsAt;

    private static Returns.Domain.Policies.ShopPolicy Frozen(double fromHours, double toHours) =>
        new() { PlatformFreezes = [new FreezePeriod { From = T.AddHours(fromHours), To = T.AddHours(toHours) }] };

    [Theory]
    [InlineData(DeadlineKind.SellerDecision, 48)]
    [InlineData(DeadlineKind.EvidenceFromBuyer, 72)]
    [InlineData(DeadlineKind.BuyerShipsReturn, 168)]
    [InlineData(DeadlineKind.SellerConfirmsReceipt, 240)]
    public void A_platform_freeze_pushes_the_marketplace_clock(DeadlineKind kind, double hours)
    {
        var deadline = DeadlineScenarios.Started(kind, Frozen(1, 25)).Running(kind);

        Assert.Equal(T.AddHours(hours + 24), deadline.DueAt);
    }

    [Theory]
    [InlineData(DeadlineKind.SellerDecision, new double[] { 24, 44 })]
    [InlineData(DeadlineKind.EvidenceFromBuyer, new double[] { 48 })]
    [InlineData(DeadlineKind.BuyerShipsReturn, new double[] { 72, 144 })]
    [InlineData(DeadlineKind.SellerConfirmsReceipt, new double[] { 168 })]
    public void A_platform_freeze_pushes_the_marketplace_clocks_warnings_too(DeadlineKind kind, double[] warnHours)
    {
        var deadline = DeadlineScenarios.Started(kind, Frozen(1, 25)).Running(kind);

        Assert.Equal(warnHours.Select(h => T.AddHours(h + 24)), deadline.WarnAt);
    }

    [Fact]
    public void A_platform_freeze_does_not_touch_internal_targets()
    {
        var deadline = DeadlineScenarios.Started(DeadlineKind.DiscountPayout, Frozen(1, 25)).Running(DeadlineKind.DiscountPayout);

        Assert.Equal(T.AddHours(24), deadline.DueAt);
    }
}
