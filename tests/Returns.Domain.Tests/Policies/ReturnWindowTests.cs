using Microsoft.Extensions.Time.Testing;
using Returns.Domain.Cases;
using Returns.Domain.Policies;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Policies;

/// <summary>docs/design.md §2 windows: quality completedAt (else deliveredAt) + 30 days; no-reason deliveredAt + 7 days.</summary>
public sealed class ReturnWindowTests
{
    private static readonly DateTimeOffset Delivered = new(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Completed = Delivered.AddDays(4);

    private readonly FakeTimeProvider _clock = new(Delivered);

    [Fact]
    public void Quality_window_includes_the_instant_30_days_after_completion()
    {
        var builder = QualityCase(completedAt: Completed);
        _clock.SetUtcNow(Completed);
        _clock.Advance(TimeSpan.FromDays(30));

        var @case = builder.Open();

        Assert.False(@case.OutsideWindow);
        Assert.Equal(Completed.AddDays(30), @case.WindowEndsAt);
    }

    [Fact]
    public void Quality_window_closes_one_microsecond_after_30_days_from_completion()
    {
        var builder = QualityCase(completedAt: Completed);
        _clock.SetUtcNow(Completed);
        _clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMicroseconds(1));

        var @case = builder.Open();

        Assert.True(@case.OutsideWindow);
    }

    [Fact]
    public void Quality_window_counts_from_delivery_when_the_order_is_not_completed()
    {
        var builder = QualityCase(completedAt: null);
        _clock.Advance(TimeSpan.FromDays(30));

        var @case = builder.Open();

        Assert.False(@case.OutsideWindow);
        Assert.Equal(Delivered.AddDays(30), @case.WindowEndsAt);
    }

    [Fact]
    public void Quality_window_from_delivery_closes_one_microsecond_after_30_days()
    {
        var builder = QualityCase(completedAt: null);
        _clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMicroseconds(1));

        var @case = builder.Open();

        Assert.True(@case.OutsideWindow);
    }

    [Fact]
    public void Transit_damage_has_the_30_day_window()
    {
        var builder = new CaseBuilder(_clock).WithReason("logistics.damagedInTransit").DeliveredAt(Delivered).CompletedAt(null);
        _clock.Advance(TimeSpan.FromDays(30));

        var @case = builder.Open();

        Assert.False(@case.OutsideWindow);
        Assert.Equal(Delivered.AddDays(30), @case.WindowEndsAt);
    }

    [Fact]
    public void No_reason_window_includes_the_instant_7_days_after_delivery()
    {
        var builder = NoReasonCase();
        _clock.Advance(TimeSpan.FromDays(7));

        var @case = builder.Open();

        Assert.False(@case.OutsideWindow);
        Assert.Equal(Delivered.AddDays(7), @case.WindowEndsAt);
    }

    [Fact]
    public void No_reason_window_closes_one_microsecond_after_7_days_from_delivery()
    {
        var builder = NoReasonCase();
        _clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMicroseconds(1));

        var @case = builder.Open();

        Assert.True(@case.OutsideWindow);
    }

    [Fact]
    public void No_reason_window_counts_from_delivery_not_completion()
    {
        var builder = NoReasonCase().CompletedAt(Completed);
        _clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMicroseconds(1));

        var @case = builder.Open();

        Assert.True(@case.OutsideWindow);
    }

    [Theory]
    [InlineData("nonQuality.changedMind", 7)]
    [InlineData("quality.defective", 30)]
    public void Without_delivery_or_completion_the_window_runs_from_payment(string reason, int days)
    {
        // Issue 19: an order system that sends neither date still sent paidAt, the earliest the goods could arrive.
        var builder = new CaseBuilder(_clock).WithReason(reason).DeliveredAt(null).CompletedAt(null);
        _clock.Advance(TimeSpan.FromDays(90));

        var @case = builder.Open();

        Assert.True(@case.OutsideWindow);
        Assert.Equal(@case.PaidAt.AddDays(days), @case.WindowEndsAt);
    }

    [Theory]
    [InlineData("nonQuality.changedMind", 7)]
    [InlineData("quality.defective", 30)]
    public void Without_delivery_or_completion_a_recent_payment_is_inside_the_window(string reason, int days)
    {
        var builder = new CaseBuilder(_clock).WithReason(reason).DeliveredAt(null).CompletedAt(null);

        var @case = builder.Open();

        Assert.False(@case.OutsideWindow);
        Assert.Equal(@case.PaidAt.AddDays(days), @case.WindowEndsAt);
    }

    [Fact]
    public void Shop_can_shorten_the_quality_window()
    {
        var policy = new ShopPolicy { QualityWindowDays = 15 };
        var builder = QualityCase(completedAt: Completed).WithPolicy(policy);
        _clock.SetUtcNow(Completed.AddDays(15).AddMicroseconds(1));

        var @case = builder.Open();

        Assert.True(@case.OutsideWindow);
    }

    [Fact]
    public void Window_check_reports_the_end_instant_as_inside()
    {
        var order = new OrderSnapshot("TB-1", Delivered.AddDays(-3), Delivered, null, 8m, []);

        var check = ReturnWindow.Check(ReasonCatalog.Get("nonQuality.wrongSize"), order, [], ShopPolicy.Default, Delivered.AddDays(7));

        Assert.Equal(new WindowCheck(Delivered.AddDays(7), false), check);
    }

    [Fact]
    public void Outside_window_case_cannot_be_approved_by_an_agent()
    {
        var builder = NoReasonCase();
        _clock.Advance(TimeSpan.FromDays(8));
        var @case = builder.Open();

        var error = Assert.Throws<PolicyViolationException>(() => @case.Approve(null, builder.At(Actors.Agent)));

        Assert.Equal(PolicyCodes.SupervisorRequired, error.Code);
        Assert.Equal(CaseStatus.Submitted, @case.Status);
        Assert.Equal(1, @case.Version);
    }

    [Theory]
    [InlineData(Role.Supervisor)]
    [InlineData(Role.Admin)]
    public void Outside_window_case_can_be_approved_by_a_supervisor(Role role)
    {
        var builder = NoReasonCase();
        _clock.Advance(TimeSpan.FromDays(8));
        var @case = builder.Open();

        @case.Approve("Goodwill.", builder.At(new Actor("zhao.lei", role)));

        Assert.Equal(CaseStatus.AwaitingReturnShipment, @case.Status);
    }

    [Fact]
    public void Outside_window_quality_case_still_needs_its_photo_first()
    {
        var builder = QualityCase(completedAt: Completed);
        _clock.SetUtcNow(Completed.AddDays(31));
        var @case = builder.Open();

        var error = Assert.Throws<PolicyViolationException>(() => @case.Approve(null, builder.At(Actors.Supervisor)));

        Assert.Equal(PolicyCodes.EvidenceRequired, error.Code);
    }

    private CaseBuilder QualityCase(DateTimeOffset? completedAt) =>
        new CaseBuilder(_clock).WithReason("quality.defective").DeliveredAt(Delivered).CompletedAt(completedAt);

    private CaseBuilder NoReasonCase() =>
        new CaseBuilder(_clock).WithReason("nonQuality.changedMind").DeliveredAt(Delivered).CompletedAt(null);
}
