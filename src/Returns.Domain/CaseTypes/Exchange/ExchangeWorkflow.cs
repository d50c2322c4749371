using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Stateless;
using static Returns.Domain.Deadlines.StepCondition;

namespace Returns.Domain.Workflows;

/// <summary>换货: as a return up to the receipt, then a replacement goes out (or, out of stock, a refund).</summary>
public sealed class ExchangeWorkflow : ReturnWorkflow
{
    public override CaseType Type => CaseType.Exchange;

    public override IReadOnlyList<CaseStatus> States =>
    [
        CaseStatus.Submitted, CaseStatus.AwaitingEvidence, CaseStatus.AwaitingReturnShipment, CaseStatus.ReturnInTransit,
        CaseStatus.InspectionFailed, CaseStatus.RefundPending, CaseStatus.ReplacementPending, CaseStatus.ReplacementShipped,
        CaseStatus.Completed, CaseStatus.Rejected, CaseStatus.Cancelled, CaseStatus.Expired,
    ];

    public override IReadOnlyDictionary<CaseAction, IReadOnlyList<Role>> Roles { get; } = new Dictionary<CaseAction, IReadOnlyList<Role>>(new ReturnWorkflow().Roles)
    {
        [CaseAction.ShipReplacement] = Workflow.DeskAndWarehouse,
        [CaseAction.ConfirmDelivery] = Workflow.Desk,
        [CaseAction.ConvertToRefund] = Workflow.Desk,
    };

    public override IReadOnlyList<ClockRule> Clocks { get; } =
    [
        .. ReturnClocks(),
        Clock.Of(DeadlineKind.ExchangeReship, "换货补发", "replacement shipment")
            .StartsOn(Entered(CaseStatus.ReplacementPending))
            .LastsHours(p => p.Deadlines.ExchangeReshipHours, ClockCalendar.Elapsed)
            .WarnsAt(2.0 / 3)
            .MetBy(On(CaseAction.ShipReplacement, CaseAction.ConvertToRefund))
            .OnDue(ClockOutcome.Escalate,
                t => $"换货补发已超过{t.Duration.Zh}({t.Due}到期),缺货可转为退款 / Replacement not shipped within {t.Duration.En} (due {t.Due}); out of stock, convert it to a refund."),
    ];

    protected override CaseStatus AfterReceipt => CaseStatus.ReplacementPending;

    internal override (CaseStatus Status, object Data) Open(Case @case, Case.Opening opening, Reason? reason, ActionContext at)
    {
        @case.OpenExchange(opening.ExchangeFor);
        return base.Open(@case, opening, reason, at);
    }

    protected override void Configure(StateMachine<CaseStatus, CaseAction> machine, Func<bool> inspectionPassed)
    {
        base.Configure(machine, inspectionPassed);

        machine.Configure(CaseStatus.ReplacementPending)
            .Permit(CaseAction.ShipReplacement, CaseStatus.ReplacementShipped)
            .Permit(CaseAction.ConvertToRefund, CaseStatus.RefundPending);

        machine.Configure(CaseStatus.ReplacementShipped)
            .Permit(CaseAction.ConfirmDelivery, CaseStatus.Completed);
    }
}
