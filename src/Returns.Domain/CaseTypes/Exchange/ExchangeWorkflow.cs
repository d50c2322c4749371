using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Stateless;
using Stateless.Reflection;
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
        [CaseAction.RefundPostage] = Workflow.Desk,
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

    protected override void Configure(StateMachine<CaseStatus, CaseAction> machine, CaseFacts facts)
    {
        base.Configure(machine, facts);

        // F0-r 质量问题退换货需要亲先垫付邮费。我们收到商品后会及时给亲退款: the postage the shop owes is paid once the goods
        // are back, while the replacement is prepared or on its way.
        machine.Configure(CaseStatus.ReplacementPending)
            .Permit(CaseAction.ShipReplacement, CaseStatus.ReplacementShipped)
            .Permit(CaseAction.ConvertToRefund, CaseStatus.RefundPending)
            .InternalTransition(CaseAction.RefundPostage, () => { });

        // Delivered with the postage still owed, the exchange waits for that refund (the refund action pays it).
        machine.Configure(CaseStatus.ReplacementShipped)
            .InternalTransition(CaseAction.RefundPostage, () => { })
            .PermitDynamic(
                CaseAction.ConfirmDelivery,
                () => facts.PostageSettled() ? CaseStatus.Completed : CaseStatus.RefundPending,
                "the postage owed is paid",
                new DynamicStateInfos
                {
                    { CaseStatus.Completed.ToString(), "nothing owed" },
                    { CaseStatus.RefundPending.ToString(), "postage still owed" },
                });
    }
}
