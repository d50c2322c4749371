using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Stateless;
using static Returns.Domain.Deadlines.StepCondition;

namespace Returns.Domain.Workflows;

/// <summary>折价补偿: the buyer keeps the goods and gets part of the money back (docs/design.md §2, docs/business-rules.md §3.5).</summary>
public sealed class DiscountWorkflow : WorkflowDefinition
{
    public override CaseType Type => CaseType.Discount;

    public override IReadOnlyList<CaseStatus> States =>
        [CaseStatus.AwaitingApproval, CaseStatus.Approved, CaseStatus.Completed, CaseStatus.Rejected, CaseStatus.Cancelled];

    public override CaseStatus InitialStatus => CaseStatus.AwaitingApproval;

    /// <summary>F0-r: 补偿通常不能超过邮费 — within the cap the agent agrees at once, above it 请示主管.</summary>
    public override IReadOnlyList<CaseStatus> InitialStatuses => [CaseStatus.AwaitingApproval, CaseStatus.Approved];

    /// <summary>A discount awaiting approval is the supervisor's to approve or reject.</summary>
    public override IReadOnlyList<CaseAction> SupervisorDecides => [CaseAction.Approve, CaseAction.Reject];

    public override IReadOnlyDictionary<CaseAction, IReadOnlyList<Role>> Roles { get; } = new Dictionary<CaseAction, IReadOnlyList<Role>>
    {
        [CaseAction.Approve] = Workflow.Desk,
        [CaseAction.Reject] = Workflow.Desk,
        [CaseAction.RecordPayout] = Workflow.Desk,
    };

    public override IReadOnlyList<ClockRule> Clocks { get; } =
    [
        Workflow.FirstTouch,
        Clock.Of(DeadlineKind.DiscountPayout, "折价补偿打款", "discount payout")
            .StartsOn(Entered(CaseStatus.Approved))
            .LastsHours(p => p.Deadlines.DiscountPayoutHours, ClockCalendar.Elapsed)
            .WarnsAt(0.75)
            .MetBy(Resolved)
            .OnDue(ClockOutcome.Escalate),
    ];

    protected override void Configure(StateMachine<CaseStatus, CaseAction> machine, CaseFacts facts)
    {
        machine.Configure(CaseStatus.AwaitingApproval)
            .Permit(CaseAction.Approve, CaseStatus.Approved)
            .Permit(CaseAction.Reject, CaseStatus.Rejected);

        machine.Configure(CaseStatus.Approved)
            .Permit(CaseAction.RecordPayout, CaseStatus.Completed);
    }

    internal override (CaseStatus Status, object Data) Open(Case @case, Case.Opening opening, Reason? reason, ActionContext at)
    {
        var needsApproval = @case.OpenDiscount(opening.Compensation, reason, at);
        return (needsApproval ? CaseStatus.AwaitingApproval : CaseStatus.Approved,
            new { reason = reason?.Code, @case.Compensation, outsideWindow = @case.OutsideWindow });
    }
}
