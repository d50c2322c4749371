using Microsoft.Extensions.Time.Testing;
using Returns.Domain.Cases;
using Returns.Domain.Policies;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Cases;

/// <summary>Every case action takes one <see cref="ActionContext"/>: who acts, when (UTC, whole microseconds), under which shop rules.</summary>
public sealed class ActionContextTests
{
    [Fact]
    public void Context_keeps_the_instant_in_utc_to_the_microsecond()
    {
        var local = new DateTimeOffset(2026, 11, 3, 14, 0, 0, TimeSpan.FromHours(8)).AddTicks(1_234_567);

        var at = new ActionContext(Actors.Agent, local, ShopPolicy.Default);

        Assert.Equal(TimeSpan.Zero, at.Now.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 6, 0, 0, TimeSpan.Zero).AddTicks(1_234_560), at.Now);
        Assert.Equal(local.AddTicks(-7), at.Now);
    }

    [Fact]
    public void Context_as_someone_else_keeps_the_moment_and_the_rules()
    {
        var policy = new ShopPolicy { QualityWindowDays = 15 };
        var at = new ActionContext(Actors.Agent, CaseBuilder.Start, policy);

        var system = at.As(Actors.System);

        Assert.Equal((Actors.System, CaseBuilder.Start), (system.Actor, system.Now));
        Assert.Same(policy, system.Policy);
    }

    [Fact]
    public void Case_records_its_instants_as_a_later_read_returns_them()
    {
        var clock = new FakeTimeProvider(CaseBuilder.Start.AddTicks(15));
        var builder = new CaseBuilder(clock);

        var @case = builder.Open();
        clock.Advance(TimeSpan.FromTicks(1_000_003));
        @case.AddNote("Called the buyer.", builder.At(Actors.Agent));

        Assert.Equal(CaseBuilder.Start.AddTicks(10), @case.CreatedAt);
        Assert.Equal(CaseBuilder.Start.AddTicks(1_000_010), @case.UpdatedAt);
        Assert.Equal(@case.UpdatedAt, @case.NewTimelineEntries[^1].At);
        Assert.Equal(@case.UpdatedAt, Assert.Single(@case.Notes).At);
        Assert.All(@case.Deadlines, d => Assert.Equal(0, d.StartedAt.Ticks % 10));
    }
}
