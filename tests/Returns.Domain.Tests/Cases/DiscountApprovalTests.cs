using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Cases;

/// <summary>
/// docs/business-rules.md §3.5, docs/design.md §2: a discount above the cap (or outside its window) waits for a supervisor (请示主管), who
/// approves or rejects it; a return or exchange outside its window needs a supervisor's approval. An agent asking is
/// told a supervisor is required (the supervisor gate); someone who may not decide at all is forbidden.
/// </summary>
public sealed class DiscountApprovalTests
{
    [Fact]
    public void Agent_approving_a_discount_above_the_cap_is_told_a_supervisor_is_required()
    {
        var builder = new CaseBuilder().Discount().WithCompensation(15.00m);
        var @case = builder.Open(Actors.Agent);

        var error = Assert.Throws<PolicyViolationException>(() => @case.Approve(null, builder.At(Actors.Agent)));

        Assert.Equal(PolicyCodes.SupervisorRequired, error.Code);
        Assert.Contains("15.00", error.Message, StringComparison.Ordinal);
        Assert.Contains("8.00", error.Message, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.AwaitingApproval, @case.Status);
        Assert.Equal(1, @case.Version);
        Assert.Single(@case.NewTimelineEntries);
        Assert.Null(@case.Compensation!.ApprovedBy);
        Assert.DoesNotContain(@case.Deadlines, d => d.Kind == DeadlineKind.DiscountPayout);
    }

    [Fact]
    public void Agent_rejecting_a_discount_above_the_cap_is_told_a_supervisor_is_required()
    {
        var builder = new CaseBuilder().Discount().WithCompensation(15.00m);
        var @case = builder.Open(Actors.Agent);

        var error = Assert.Throws<PolicyViolationException>(() => @case.Reject("Too much.", builder.At(Actors.Agent)));

        Assert.Equal(PolicyCodes.SupervisorRequired, error.Code);
        Assert.Equal(CaseStatus.AwaitingApproval, @case.Status);
        Assert.Equal(1, @case.Version);
        Assert.Null(@case.ResolutionNote);
    }

    [Fact]
    public void Warehouse_approving_a_discount_is_forbidden_whatever_the_amount()
    {
        var builder = new CaseBuilder().Discount().WithCompensation(15.00m);
        var @case = builder.Open(Actors.Agent);

        var error = Assert.Throws<ActionForbiddenException>(() => @case.Approve(null, builder.At(Actors.Warehouse)));

        Assert.Equal((CaseAction.Approve, Role.Warehouse), (error.Action, error.Role));
        Assert.Equal(CaseStatus.AwaitingApproval, @case.Status);
        Assert.Equal(1, @case.Version);
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

        @case.Approve("Long-standing customer.", builder.At(supervisor));

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

        @case.Reject("Offer an exchange instead.", builder.At(Actors.Supervisor));

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

        @case.AddNote("Buyer insists on 15.00.", builder.At(Actors.Agent));

        Assert.Equal(CaseStatus.AwaitingApproval, @case.Status);
        Assert.Single(@case.Notes);
    }

    [Fact]
    public void Agent_approving_a_discount_outside_its_window_is_told_a_supervisor_is_required()
    {
        var builder = new CaseBuilder().Discount().DeliveredAt(CaseBuilder.Start.AddDays(-40)).WithCompensation(5.00m);
        var @case = builder.Open(Actors.Agent);

        var error = Assert.Throws<PolicyViolationException>(() => @case.Approve(null, builder.At(Actors.Agent)));
        @case.Approve(null, builder.At(Actors.Supervisor));

        Assert.Equal(PolicyCodes.SupervisorRequired, error.Code);
        Assert.Equal(CaseStatus.Approved, @case.Status);
        Assert.Equal(Actors.Supervisor.Name, @case.Compensation!.ApprovedBy);
    }

    /// <summary>The cases these tests open, by what they are.</summary>
    private static CaseBuilder Case(string what) => what switch
    {
        "discount above the cap" => new CaseBuilder().Discount().WithCompensation(15.00m),
        "discount above the cap and outside its window" =>
            new CaseBuilder().Discount().DeliveredAt(CaseBuilder.Start.AddDays(-40)).WithCompensation(15.00m),
        "discount outside its window" => new CaseBuilder().Discount().DeliveredAt(CaseBuilder.Start.AddDays(-40)).WithCompensation(5.00m),
        "discount within the cap" => new CaseBuilder().Discount().WithCompensation(8.00m),
        "return outside its window" => new CaseBuilder().DeliveredAt(CaseBuilder.Start.AddDays(-10)),
        "exchange outside its window" => new CaseBuilder().Exchange().DeliveredAt(CaseBuilder.Start.AddDays(-10)),
        "return within its window" => new CaseBuilder(),
        "bad review" => new CaseBuilder().BadReview(),
        _ => throw new ArgumentOutOfRangeException(nameof(what), what, "No such case in these tests."),
    };

    public static TheoryData<string> AwaitingASupervisor =>
        ["discount above the cap", "discount outside its window", "return outside its window", "exchange outside its window"];

    [Theory]
    [MemberData(nameof(AwaitingASupervisor))]
    public void Approve_is_not_in_an_agents_allowed_actions_while_a_supervisor_must_decide(string what)
    {
        var builder = Case(what);
        var @case = builder.Open(Actors.Agent);

        Assert.True(@case.AwaitingSupervisor, what);
        Assert.DoesNotContain("approve", @case.AllowedActions(Actors.Agent));
        Assert.Contains("approve", @case.AllowedActions(Actors.Supervisor));
        Assert.Contains("approve", @case.AllowedActions(Actors.Admin));
        var error = Assert.Throws<PolicyViolationException>(() => @case.Approve(null, builder.At(Actors.Agent)));
        Assert.Equal(PolicyCodes.SupervisorRequired, error.Code);
    }

    [Fact]
    public void Agent_may_still_reject_a_return_outside_its_window()
    {
        // Only the approval of a late return is the supervisor's; refusing it stays at the desk.
        var builder = new CaseBuilder().DeliveredAt(CaseBuilder.Start.AddDays(-10));
        var @case = builder.Open(Actors.Agent);

        Assert.Contains("reject", @case.AllowedActions(Actors.Agent));
        @case.Reject("Outside the 7-day window.", builder.At(Actors.Agent));

        Assert.Equal(CaseStatus.Rejected, @case.Status);
    }

    public static TheoryData<string, bool, string?> WhyASupervisorDecides => new()
    {
        { "discount above the cap", true, "compensation-above-cap" },
        { "discount above the cap and outside its window", true, "compensation-above-cap" },
        { "discount outside its window", true, "outside-window" },
        { "return outside its window", true, "outside-window" },
        { "exchange outside its window", true, "outside-window" },
        { "discount within the cap", false, null },
        { "return within its window", false, null },
        { "bad review", false, null },
    };

    [Theory]
    [MemberData(nameof(WhyASupervisorDecides))]
    public void A_case_awaiting_a_supervisor_says_why(string what, bool awaiting, string? reason)
    {
        var @case = Case(what).Open(Actors.Agent);

        Assert.True(awaiting == @case.AwaitingSupervisor, what);
        Assert.Equal(reason, @case.SupervisorReason);
    }

    [Theory]
    [InlineData(CaseType.Discount)]
    [InlineData(CaseType.Return)]
    public void A_supervisors_approval_ends_the_wait(CaseType type)
    {
        var builder = new CaseBuilder().OfType(type).DeliveredAt(CaseBuilder.Start.AddDays(-40));
        var @case = builder.Open(Actors.Agent);
        Assert.True(@case.AwaitingSupervisor);

        @case.Approve("Goodwill.", builder.At(Actors.Supervisor));

        Assert.False(@case.AwaitingSupervisor);
        Assert.Null(@case.SupervisorReason);
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
