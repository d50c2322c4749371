using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Returns.Domain.Tests.Deadlines;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Cases;

/// <summary>
/// The shared rules of the lists, queue and dashboard (<see cref="CaseRules"/>): overdue, awaiting a supervisor. Each
/// is an expression for the database and a compiled copy for cases in memory; both must say the same.
/// </summary>
public sealed class CaseRulesTests
{
    private static readonly DateTimeOffset T = DeadlineScenarios.StartsAt;

    /// <summary>The rule as the database would evaluate it, and as the case in memory says it.</summary>
    private static bool Overdue(Case @case, DateTimeOffset now)
    {
        var byExpression = CaseRules.Overdue(now).Compile()(@case);
        var inMemory = CaseRules.IsOverdue(@case, now);
        Assert.Equal(byExpression, inMemory);
        return inMemory;
    }

    [Fact]
    public void Open_case_with_a_breached_clock_is_overdue()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.FirstTouch).After(TimeSpan.FromHours(2));
        c.OnClock(DeadlineKind.FirstTouch);
        Assert.Equal(DeadlineState.Breached, c.Only(DeadlineKind.FirstTouch).State);

        // Breached stays overdue, whatever instant the list is read at.
        Assert.True(Overdue(c.Case, c.Now));
        Assert.True(Overdue(c.Case, T));
    }

    [Fact]
    public void Open_case_with_a_running_clock_past_its_due_time_is_overdue_before_the_sweep_sees_it()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.FirstTouch);
        var firstTouch = c.Running(DeadlineKind.FirstTouch);

        Assert.False(Overdue(c.Case, firstTouch.DueAt.AddTicks(-10)));
        Assert.True(Overdue(c.Case, firstTouch.DueAt));
        Assert.True(CaseRules.HasRunOut(firstTouch, firstTouch.DueAt));
        Assert.Equal(DeadlineState.Pending, firstTouch.State);
    }

    [Fact]
    public void Open_case_whose_clocks_were_met_is_not_overdue_long_after_they_were_due()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.SellerDecision).After(TimeSpan.FromHours(1)).Approve();
        c.After(TimeSpan.FromHours(1)).RecordReturnShipment();

        // Only the receipt clock (10 days) still runs; first touch, seller decision and shipping are met.
        Assert.False(Overdue(c.Case, T.AddDays(5)));
        Assert.False(CaseRules.HasRunOut(c.Only(DeadlineKind.SellerDecision), T.AddDays(5)));
        Assert.True(Overdue(c.Case, T.AddDays(11)));
    }

    [Fact]
    public void Closed_case_is_never_overdue()
    {
        var c = DeadlineScenarios.Started(DeadlineKind.FirstTouch).After(TimeSpan.FromHours(2));
        c.OnClock(DeadlineKind.FirstTouch);
        c.After(TimeSpan.FromHours(1)).Reject();

        Assert.Equal(CaseStatus.Rejected, c.Case.Status);
        Assert.Contains(c.Case.Deadlines, d => d.State == DeadlineState.Breached);
        Assert.False(Overdue(c.Case, c.Now));
        Assert.False(Overdue(c.Case, c.Now.AddDays(30)));
    }

    [Theory]
    [InlineData(CaseStatus.Completed)]
    [InlineData(CaseStatus.Cancelled)]
    [InlineData(CaseStatus.Expired)]
    public void Closed_case_with_clocks_long_past_is_not_overdue(CaseStatus closed)
    {
        var @case = new CaseBuilder().In(closed);

        Assert.False(Overdue(@case, CaseBuilder.Start.AddDays(365)));
    }

    [Theory]
    [InlineData(15.00, 2, true)]
    [InlineData(8.00, 2, false)]
    [InlineData(5.00, 40, true)]
    public void Awaiting_a_supervisor_reads_the_same_from_the_expression_and_the_case(decimal compensation, int deliveredDaysAgo, bool expected)
    {
        var @case = new CaseBuilder().Discount().WithCompensation(compensation).DeliveredAt(CaseBuilder.Start.AddDays(-deliveredDaysAgo)).Open();

        Assert.Equal(expected, CaseRules.AwaitsSupervisor.Compile()(@case));
        Assert.Equal(expected, CaseRules.IsAwaitingSupervisor(@case));
        Assert.Equal(expected, @case.AwaitingSupervisor);
    }

    [Fact]
    public void Return_outside_its_window_awaits_a_supervisor_only_until_it_is_decided()
    {
        var builder = new CaseBuilder().DeliveredAt(CaseBuilder.Start.AddDays(-10));
        var @case = builder.Open();
        Assert.True(CaseRules.IsAwaitingSupervisor(@case));

        @case.Reject("Too late.", builder.At(Actors.Agent));

        Assert.False(CaseRules.IsAwaitingSupervisor(@case));
        Assert.False(CaseRules.AwaitsSupervisor.Compile()(@case));
    }
}
