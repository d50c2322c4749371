using System.Text.Json;
using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Returns.Domain.Policies;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Deadlines;

/// <summary>
/// Issue 13 items 9–11: a case knows its marketplace; the marketplace's own due times, when sent, win over the shop's
/// configured lengths, on create and later; a platform's own lengths live in the shop's policy.
/// </summary>
public sealed class PlatformDeadlineTests
{
    private static CaseDeadline Running(Case @case, DeadlineKind kind) => @case.Deadlines.Single(d => d.Kind == kind && d.IsRunning);

    [Fact]
    public void A_case_is_on_the_shops_default_platform_unless_its_creator_names_one()
    {
        var policy = new ShopPolicy { DefaultPlatform = Platform.Jd };

        Assert.Equal(Platform.Jd, new CaseBuilder().WithPolicy(policy).Open().Platform);
        Assert.Equal(Platform.Douyin, new CaseBuilder().WithPolicy(policy).OnPlatform(Platform.Douyin).Open().Platform);
        Assert.Equal(Platform.Taobao, new CaseBuilder().Open().Platform);
    }

    [Fact]
    public void The_platforms_seller_decision_time_sent_on_create_is_the_clock_with_its_warnings_inside_it()
    {
        var builder = new CaseBuilder();
        var due = builder.Now.AddHours(36);

        var @case = builder.WithPlatformDueTimes(new PlatformDueTime(DeadlineKind.SellerDecision, due)).Open();

        var clock = Running(@case, DeadlineKind.SellerDecision);
        Assert.Equal(due, clock.DueAt);
        Assert.Equal(DeadlineSource.Platform, clock.Source);
        // The same fractions as the 48 h clock (1/2 and 11/12), of the 36 h the platform gave.
        Assert.Equal([builder.Now.AddHours(18), builder.Now.AddHours(33)], clock.WarnAt);
        Assert.Equal(DeadlineSource.Policy, Running(@case, DeadlineKind.FirstTouch).Source);
    }

    [Fact]
    public void Without_a_platform_time_a_platform_clock_takes_that_platforms_length_from_the_policy()
    {
        var policy = new ShopPolicy { Platforms = { [Platform.Pdd] = new PlatformClockDurations { SellerDecisionHours = 24 } } };

        var pdd = new CaseBuilder().WithPolicy(policy).OnPlatform(Platform.Pdd);
        var onPdd = pdd.Open();
        var taobao = new CaseBuilder().WithPolicy(policy).OnPlatform(Platform.Taobao);
        var onTaobao = taobao.Open();

        Assert.Equal(pdd.Now.AddHours(24), Running(onPdd, DeadlineKind.SellerDecision).DueAt);
        Assert.Equal(DeadlineSource.Policy, Running(onPdd, DeadlineKind.SellerDecision).Source);
        Assert.Equal(taobao.Now.AddHours(48), Running(onTaobao, DeadlineKind.SellerDecision).DueAt);
    }

    [Fact]
    public void A_platform_length_the_shop_did_not_set_falls_back_to_its_general_length()
    {
        var policy = new ShopPolicy { Platforms = { [Platform.Jd] = new PlatformClockDurations { SellerDecisionHours = 24 } } };
        var builder = new CaseBuilder().WithPolicy(policy).OnPlatform(Platform.Jd);

        var @case = builder.In(CaseStatus.ReturnInTransit);

        Assert.Equal(builder.Now.AddDays(10), Running(@case, DeadlineKind.SellerConfirmsReceipt).DueAt);
    }

    [Fact]
    public void A_platform_time_for_a_later_clock_is_kept_until_that_clock_starts()
    {
        var builder = new CaseBuilder();
        var receiptDue = builder.Now.AddDays(12);
        builder.WithPlatformDueTimes(new PlatformDueTime(DeadlineKind.SellerConfirmsReceipt, receiptDue));

        var @case = builder.In(CaseStatus.ReturnInTransit);

        var clock = Running(@case, DeadlineKind.SellerConfirmsReceipt);
        Assert.Equal(receiptDue, clock.DueAt);
        Assert.Equal(DeadlineSource.Platform, clock.Source);
    }

    [Fact]
    public void Syncing_replans_the_running_clock_and_the_timeline_says_what_changed()
    {
        var builder = new CaseBuilder();
        var @case = builder.Open();
        var planned = Running(@case, DeadlineKind.SellerDecision).DueAt;
        var version = @case.Version;
        builder.Clock.Advance(TimeSpan.FromHours(30));
        var platformDue = builder.Now.AddHours(2);

        @case.SyncPlatformDeadlines([new PlatformDueTime(DeadlineKind.SellerDecision, platformDue)], builder.At(Actors.Agent));

        var clock = Running(@case, DeadlineKind.SellerDecision);
        Assert.Equal(platformDue, clock.DueAt);
        Assert.Equal(DeadlineSource.Platform, clock.Source);
        // 32 h from its start: both warnings (at 16 h and 29 h 20 min) are already past, so they count as sent, not sent now.
        Assert.Equal(clock.WarnAt.Count, clock.WarningsSent);
        Assert.Equal(platformDue, clock.NextCheckAt);
        Assert.Equal(CaseStatus.Submitted, @case.Status);
        Assert.Equal(version + 1, @case.Version);
        var entry = @case.NewTimelineEntries[^1];
        Assert.Equal("sync-platform-deadlines", entry.Action);
        var change = JsonDocument.Parse(entry.Data!).RootElement.GetProperty("deadlines")[0];
        Assert.Equal("sellerDecision", change.GetProperty("kind").GetString());
        Assert.Equal(planned, change.GetProperty("previousDueAt").GetDateTimeOffset());
        Assert.Equal(platformDue, change.GetProperty("dueAt").GetDateTimeOffset());
        Assert.True(change.GetProperty("running").GetBoolean());
    }

    [Fact]
    public void Syncing_is_not_a_first_touch()
    {
        var builder = new CaseBuilder();
        var @case = builder.Open();

        @case.SyncPlatformDeadlines([new PlatformDueTime(DeadlineKind.SellerDecision, builder.Now.AddHours(40))], builder.At(Actors.Agent));

        Assert.Equal(DeadlineState.Pending, Running(@case, DeadlineKind.FirstTouch).State);
    }

    [Fact]
    public void The_platforms_time_decides_when_the_marketplace_approves_and_the_message_gives_its_length()
    {
        var builder = new CaseBuilder();
        var @case = builder.WithPlatformDueTimes(new PlatformDueTime(DeadlineKind.SellerDecision, builder.Now.AddHours(36))).Open();
        var clock = Running(@case, DeadlineKind.SellerDecision);

        builder.Clock.Advance(TimeSpan.FromHours(35));
        Assert.NotEqual(DeadlineEvent.Due, clock.EventAt(builder.Now));
        builder.Clock.Advance(TimeSpan.FromHours(1));
        var told = @case.OnClock(clock, builder.At(Actor.System));

        Assert.Equal(CaseStatus.AwaitingReturnShipment, @case.Status);
        Assert.Contains("36小时", told.Single().Message);
    }

    [Fact]
    public void A_time_for_a_clock_the_marketplace_does_not_run_is_refused_and_changes_nothing()
    {
        var builder = new CaseBuilder();
        var @case = builder.Open();
        var version = @case.Version;

        var error = Assert.Throws<PolicyViolationException>(() =>
            @case.SyncPlatformDeadlines([new PlatformDueTime(DeadlineKind.RefundAfterReceipt, builder.Now.AddDays(1))], builder.At(Actors.Agent)));

        Assert.Equal(PolicyCodes.NotAPlatformClock, error.Code);
        Assert.Equal(version, @case.Version);
        Assert.Empty(@case.PlatformDueTimes);
    }

    [Fact]
    public void A_discount_has_no_platform_clocks_to_sync()
    {
        var builder = new CaseBuilder().Discount();

        var error = Assert.Throws<PolicyViolationException>(() =>
            builder.WithPlatformDueTimes(new PlatformDueTime(DeadlineKind.SellerDecision, builder.Now.AddDays(1))).Open());

        Assert.Equal(PolicyCodes.NotAPlatformClock, error.Code);
        var discount = new CaseBuilder().Discount().WithPlatformDueTimes().Open();
        Assert.DoesNotContain("sync-platform-deadlines", discount.AllowedActions(Actors.Agent));
    }

    [Fact]
    public void A_time_for_a_clock_already_over_is_recorded_and_replans_nothing()
    {
        var builder = new CaseBuilder();
        var @case = builder.In(CaseStatus.AwaitingReturnShipment);
        var met = @case.Deadlines.Single(d => d.Kind == DeadlineKind.SellerDecision);

        @case.SyncPlatformDeadlines([new PlatformDueTime(DeadlineKind.SellerDecision, builder.Now.AddHours(5))], builder.At(Actors.Agent));

        Assert.Equal(DeadlineState.Met, met.State);
        Assert.Equal(DeadlineSource.Policy, met.Source);
        Assert.Single(@case.PlatformDueTimes);
        Assert.Contains("sync-platform-deadlines", @case.AllowedActions(Actors.Agent));
    }
}

/// <summary>A platform time is for one run of its clock: a clock that starts again does not run on a stale time.</summary>
public sealed class PlatformDeadlineRestartTests
{
    [Fact]
    public void After_a_refused_parcel_the_buyers_new_shipment_window_comes_from_policy_not_the_old_platform_time()
    {
        var builder = new CaseBuilder();
        var firstWindow = builder.Now.AddDays(5);
        builder.WithPlatformDueTimes(new PlatformDueTime(DeadlineKind.BuyerShipsReturn, firstWindow));
        var @case = builder.In(CaseStatus.ReturnInTransit);
        Assert.Equal(firstWindow, @case.Deadlines.Single(d => d.Kind == DeadlineKind.BuyerShipsReturn).DueAt);
        builder.Clock.Advance(TimeSpan.FromDays(6));

        @case.RefuseParcel("包裹破损", builder.At(Actors.Warehouse));

        var again = @case.Deadlines.Single(d => d.Kind == DeadlineKind.BuyerShipsReturn && d.IsRunning);
        Assert.Equal(builder.Now.AddDays(7), again.DueAt);
        Assert.Equal(DeadlineSource.Policy, again.Source);
        Assert.True(@case.PlatformDueTimes.Single().Applied);
    }
}
