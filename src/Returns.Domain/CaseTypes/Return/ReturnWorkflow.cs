using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Stateless;
using Stateless.Reflection;
using static Returns.Domain.Deadlines.StepCondition;

namespace Returns.Domain.Workflows;

/// <summary>退货退款: the goods come back, the money goes back (docs/design.md §2, docs/business-rules.md §3.2–3.3).</summary>
public class ReturnWorkflow : WorkflowDefinition
{
    public override CaseType Type => CaseType.Return;

    public override IReadOnlyList<CaseStatus> States =>
    [
        CaseStatus.Submitted, CaseStatus.AwaitingEvidence, CaseStatus.AwaitingReturnShipment, CaseStatus.ReturnInTransit,
        CaseStatus.InspectionFailed, CaseStatus.RefundPending,
        CaseStatus.Completed, CaseStatus.Rejected, CaseStatus.Cancelled, CaseStatus.Expired,
    ];

    public override CaseStatus InitialStatus => CaseStatus.Submitted;

    /// <summary>docs/design.md §2: a case outside its window is accepted, but its approval needs a supervisor.</summary>
    public override IReadOnlyList<CaseAction> SupervisorDecides => [CaseAction.Approve];

    public override IReadOnlyDictionary<CaseAction, IReadOnlyList<Role>> Roles { get; } = new Dictionary<CaseAction, IReadOnlyList<Role>>
    {
        [CaseAction.Approve] = Workflow.Desk,
        [CaseAction.Reject] = Workflow.Desk,
        [CaseAction.RequestEvidence] = Workflow.Desk,
        [CaseAction.SubmitEvidence] = Workflow.Desk,
        [CaseAction.RecordReturnShipment] = Workflow.Desk,
        [CaseAction.RefuseParcel] = Workflow.DeskAndWarehouse,
        [CaseAction.ConfirmReceipt] = Workflow.DeskAndWarehouse,
        [CaseAction.Refund] = Workflow.Desk,
        [CaseAction.Expire] = Workflow.SystemOnly,
        [CaseAction.PlatformRefund] = Workflow.SystemOnly,
        [CaseAction.SyncPlatformDeadlines] = Workflow.Desk,
    };

    /// <summary>The marketplace's clocks on a return (issue 5 table; docs/business-rules.md §4), and our own refund target.</summary>
    public override IReadOnlyList<ClockRule> Clocks { get; } = ReturnClocks();

    protected static List<ClockRule> ReturnClocks() =>
    [
        Workflow.FirstTouch,
        // The marketplace approves a request the seller leaves undecided (its rule, 48 h by default; docs/business-rules.md §4.3).
        Clock.Of(DeadlineKind.SellerDecision, "卖家处理售后申请", "seller decision")
            .StartsOn(Created)
            .LastsHours(p => p.Deadlines.SellerDecisionHours, ClockCalendar.Platform)
            .WarnsAt(0.5, 1 - 1.0 / 12)
            .MetBy(On(CaseAction.Approve, CaseAction.Reject, CaseAction.RequestEvidence))
            .OnDue(ClockOutcome.AutoApprove,
                t => $"卖家{t.Duration.Zh}内未处理,平台已自动同意 / The seller did not decide within {t.Duration.En}: the platform approved the request.",
                t => $"平台超时自动同意(卖家{t.Duration.Zh}未处理) / approved automatically by the platform after {t.Duration.En}"),
        Clock.Of(DeadlineKind.EvidenceFromBuyer, "买家补充凭证", "evidence from the buyer")
            .StartsOn(Entered(CaseStatus.AwaitingEvidence))
            .LastsDays(p => p.Deadlines.EvidenceFromBuyerDays, ClockCalendar.Platform)
            .WarnsAt(2.0 / 3)
            .MetBy(On(CaseAction.SubmitEvidence))
            .OnDue(ClockOutcome.Expire, Expired, ExpiredNote),
        Clock.Of(DeadlineKind.BuyerShipsReturn, "买家退货发货", "buyer ships the return")
            .StartsOn(Entered(CaseStatus.AwaitingReturnShipment))
            .LastsDays(p => p.Deadlines.BuyerShipsReturnDays, ClockCalendar.Platform)
            .WarnsAt(3.0 / 7, 6.0 / 7)
            .MetBy(On(CaseAction.RecordReturnShipment))
            .OnDue(ClockOutcome.Expire, Expired, ExpiredNote),
        // The platform refunds a return the seller does not confirm within 10 days of shipment: escalate already at the warning.
        Clock.Of(DeadlineKind.SellerConfirmsReceipt, "卖家确认收货", "seller confirms receipt")
            .StartsOn(On(CaseAction.RecordReturnShipment))
            .LastsDays(p => p.Deadlines.SellerConfirmsReceiptDays, ClockCalendar.Platform)
            .WarnsAt(0.7)
            .MetBy(On(CaseAction.ConfirmReceipt))
            .CancelledBy(On(CaseAction.RefuseParcel))
            .OnWarning(ClockOutcome.Escalate,
                t => $"请在{t.Due}前确认收货,否则平台将自动退款 / Confirm receipt before {t.Due} or the platform refunds the buyer.")
            .OnDue(ClockOutcome.PlatformRefund,
                t => $"卖家{t.Duration.Zh}内未确认收货,平台已自动退款 / Receipt not confirmed within {t.Duration.En}: the platform refunded the buyer."),
        // The legal limit is 7 days; the shop's own target is 48 business hours.
        Clock.Of(DeadlineKind.RefundAfterReceipt, "收货后退款", "refund after receipt")
            .StartsOn(Entered(CaseStatus.RefundPending), Entered(CaseStatus.InspectionFailed))
            .LastsHours(p => p.Deadlines.RefundAfterReceiptBusinessHours, ClockCalendar.BusinessHours)
            .WarnsAt(0.75)
            .MetBy(Resolved)
            .OnDue(ClockOutcome.Escalate),
    ];

    private static string Expired(ClockText t) =>
        $"{t.Clock.NameZh}已超过{t.Duration.Zh}时限,售后已关闭 / {t.Clock.NameEn}: the {t.Duration.En} limit passed at {t.Due}, the case expired.";

    private static string ExpiredNote(ClockText t) =>
        $"{t.Clock.NameZh}超时({t.Duration.Zh},{t.Due}到期) / {t.Clock.NameEn} not done within {t.Duration.En} (due {t.Due})";

    /// <summary>Where a receipt leads when every item passes: a refund here, a replacement for an exchange.</summary>
    protected virtual CaseStatus AfterReceipt => CaseStatus.RefundPending;

    protected override void Configure(StateMachine<CaseStatus, CaseAction> machine, CaseFacts facts)
    {
        machine.Configure(CaseStatus.Submitted)
            .Permit(CaseAction.RequestEvidence, CaseStatus.AwaitingEvidence)
            .Permit(CaseAction.Approve, CaseStatus.AwaitingReturnShipment)
            .Permit(CaseAction.Reject, CaseStatus.Rejected);

        machine.Configure(CaseStatus.AwaitingEvidence)
            .Permit(CaseAction.SubmitEvidence, CaseStatus.Submitted)
            .Permit(CaseAction.Expire, CaseStatus.Expired);

        machine.Configure(CaseStatus.AwaitingReturnShipment)
            .Permit(CaseAction.RecordReturnShipment, CaseStatus.ReturnInTransit)
            .Permit(CaseAction.Expire, CaseStatus.Expired);

        var afterReceipt = AfterReceipt;
        machine.Configure(CaseStatus.ReturnInTransit)
            .Permit(CaseAction.RefuseParcel, CaseStatus.AwaitingReturnShipment)
            .Permit(CaseAction.PlatformRefund, CaseStatus.Completed)
            .PermitDynamic(
                CaseAction.ConfirmReceipt,
                () => facts.InspectionPassed() ? afterReceipt : CaseStatus.InspectionFailed,
                "every item passes inspection",
                new DynamicStateInfos
                {
                    { afterReceipt.ToString(), "all items pass" },
                    { CaseStatus.InspectionFailed.ToString(), "an item fails" },
                });

        machine.Configure(CaseStatus.InspectionFailed)
            .Permit(CaseAction.Refund, CaseStatus.Completed)
            .Permit(CaseAction.Reject, CaseStatus.Rejected);

        machine.Configure(CaseStatus.RefundPending)
            .Permit(CaseAction.Refund, CaseStatus.Completed);
    }

    internal override (CaseStatus Status, object Data) Open(Case @case, Case.Opening opening, Reason? reason, ActionContext at) =>
        (InitialStatus, new { reason = reason?.Code, outsideWindow = @case.OutsideWindow, windowEndsAt = @case.WindowEndsAt });
}
