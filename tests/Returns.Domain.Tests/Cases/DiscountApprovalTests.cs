using Returns.Domain.Cases;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Cases;

/// <summary>domain-spec §3.5: a discount above the cap waits for a supervisor (请示主管), who approves or rejects it.</summary>
public sealed class DiscountApprovalTests
{
    [Fact]
    public void Agent_may_not_approve_a_discount_above_the_cap()
    {
        var builder = new CaseBuilder().Discount().WithCompensation(15.00m);
        var @case = builder.Open(Actors.Agent);

        var error = Assert.Throws<ActionForbiddenException>(() => @case.Approve(null, builder.Policy, Actors.Agent, builder.Now));

        Assert.Equal(CaseAction.Approve, error.Action);
        Assert.Equal(Role.Agent, error.Role);
        Assert.Equal(CaseStatus.AwaitingApproval, @case.Status);
        Assert.Equal(1, @case.Version);
        Assert.Single(@case.NewTimelineEntries);
        Assert.Null(@case.Compensation!.ApprovedBy);
    }

    [Fact]
    public void Agent_may_not_reject_a_discount_above_the_cap()
    {
        var builder = new CaseBuilder().Discount().WithCompensation(15.00m);
        var @case = builder.Open(Actors.Agent);

        var error = Assert.Throws<ActionForbiddenException>(() => @case.Reject("Too much.", Actors.Agent, builder.Now));

        Assert.Equal(CaseAction.Reject, error.Action);
        Assert.Equal(CaseStatus.AwaitingApproval, @case.Status);
        Assert.Equal(1, @case.Version);
        Assert.Null(@case.ResolutionNote);
    }

    [Theory]
    [InlineData(Role.Supervisor)]
    [InlineData(Role.Admin)]
    public void Supervisor_approval_records_who_approved_and_when(Role role)
    {
        var builder = new CaseBuilder().Discount().WithCompensation(15.00m);
        var @case = builder.Open(Actors.Agent);
        builder.Clock.Advance(TimeSpan.FromHours(2));
        var supervisor = new Actor("zhu.guan", role);

        @case.Approve("Long-standing customer.", builder.Policy, supervisor, builder.Now);

        Assert.Equal(CaseStatus.Approved, @case.Status);
        Assert.Equal("zhu.guan", @case.Compensation!.ApprovedBy);
        Assert.Equal(CaseBuilder.Start.AddHours(2), @case.Compensation.ApprovedAt);
        Assert.Equal(Actors.Agent.Name, @case.Compensation.Handler);
        Assert.Equal(CaseBuilder.Start, @case.Compensation.At);
        Assert.Equal(15.00m, @case.Compensation.Amount);
        var entry = @case.NewTimelineEntries[^1];
        Assert.Equal("approve", entry.Action);
        Assert.Equal(CaseStatus.AwaitingApproval, entry.From);
        Assert.Equal(CaseStatus.Approved, entry.To);
    }

    [Fact]
    public void Supervisor_rejection_closes_the_discount()
    {
        var builder = new CaseBuilder().Discount().WithCompensation(15.00m);
        var @case = builder.Open(Actors.Agent);

        @case.Reject("Offer an exchange instead.", Actors.Supervisor, builder.Now);

        Assert.Equal(CaseStatus.Rejected, @case.Status);
        Assert.Equal("Offer an exchange instead.", @case.ResolutionNote);
        Assert.Null(@case.Compensation!.ApprovedBy);
        Assert.Empty(@case.AllowedActions(Actors.Supervisor));
    }

    [Fact]
    public void Agent_is_not_offered_the_supervisors_decision()
    {
        var @case = new CaseBuilder().Discount().WithCompensation(15.00m).Open(Actors.Agent);

        Assert.Equal(
            ["add-evidence", "add-note", "assign", "cancel", "link"],
            @case.AllowedActions(Actors.Agent).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Supervisor_is_offered_approve_and_reject()
    {
        var @case = new CaseBuilder().Discount().WithCompensation(15.00m).Open(Actors.Agent);

        Assert.Equal(
            ["add-evidence", "add-note", "approve", "assign", "cancel", "link", "reject"],
            @case.AllowedActions(Actors.Supervisor).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Agent_still_works_a_discount_awaiting_approval()
    {
        var builder = new CaseBuilder().Discount().WithCompensation(15.00m);
        var @case = builder.Open(Actors.Agent);

        @case.AddNote("Buyer insists on 15.00.", Actors.Agent, builder.Now);

        Assert.Equal(CaseStatus.AwaitingApproval, @case.Status);
        Assert.Single(@case.Notes);
    }

    [Fact]
    public void Agent_may_not_approve_a_discount_outside_its_window()
    {
        var builder = new CaseBuilder().Discount().DeliveredAt(CaseBuilder.Start.AddDays(-40)).WithCompensation(5.00m);
        var @case = builder.Open(Actors.Agent);

        Assert.Throws<ActionForbiddenException>(() => @case.Approve(null, builder.Policy, Actors.Agent, builder.Now));
        @case.Approve(null, builder.Policy, Actors.Supervisor, builder.Now);

        Assert.Equal(CaseStatus.Approved, @case.Status);
        Assert.Equal(Actors.Supervisor.Name, @case.Compensation!.ApprovedBy);
    }

    [Fact]
    public void Discount_within_the_cap_needs_no_decision()
    {
        var @case = new CaseBuilder().Discount().WithCompensation(8.00m).Open(Actors.Agent);

        Assert.Equal(
            ["add-evidence", "add-note", "assign", "cancel", "link", "record-payout"],
            @case.AllowedActions(Actors.Agent).Order(StringComparer.Ordinal));
    }
}
