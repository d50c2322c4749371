using Returns.Domain.Cases;
using Stateless;
using Stateless.Graph;
using Stateless.Reflection;

namespace Returns.Domain.Workflows;

/// <summary>
/// The case workflows of DESIGN §2, defined once. The same machine guards every action, lists the
/// allowedActions, and describes itself for GET /workflows/{type} and the console's diagram.
/// </summary>
public static class Workflow
{
    /// <summary>Actions every open case allows, whatever its state (DESIGN §2).</summary>
    public static readonly IReadOnlyList<CaseAction> OpenCaseActions =
        [CaseAction.Assign, CaseAction.AddNote, CaseAction.AddEvidence, CaseAction.Link];

    private static readonly Role[] Desk = [Role.Agent, Role.Supervisor, Role.Admin, Role.System];
    private static readonly Role[] DeskAndWarehouse = [.. Desk, Role.Warehouse];

    /// <summary>Who may attempt each action. Policies may still require a supervisor for a given case.</summary>
    public static readonly IReadOnlyDictionary<CaseAction, IReadOnlyList<Role>> Roles = new Dictionary<CaseAction, IReadOnlyList<Role>>
    {
        [CaseAction.Create] = Desk,
        [CaseAction.Approve] = Desk,
        [CaseAction.Reject] = Desk,
        [CaseAction.RequestEvidence] = Desk,
        [CaseAction.SubmitEvidence] = Desk,
        [CaseAction.RecordReturnShipment] = Desk,
        // The warehouse receives and refuses parcels (F0-r: 到付件…到了库房就直接拒收).
        [CaseAction.RefuseParcel] = DeskAndWarehouse,
        [CaseAction.ConfirmReceipt] = DeskAndWarehouse,
        [CaseAction.Refund] = Desk,
        [CaseAction.ShipReplacement] = DeskAndWarehouse,
        [CaseAction.ConfirmDelivery] = Desk,
        [CaseAction.ConvertToRefund] = Desk,
        [CaseAction.RecordPayout] = Desk,
        [CaseAction.ContactBuyer] = Desk,
        [CaseAction.BuyerAgreed] = Desk,
        [CaseAction.ConfirmRevised] = Desk,
        [CaseAction.PostExplanation] = Desk,
        [CaseAction.MarkMalicious] = Desk,
        [CaseAction.FileAppeal] = Desk,
        [CaseAction.AppealUpheld] = Desk,
        [CaseAction.AppealRejected] = Desk,
        // Only the deadline jobs let a case lapse or lock a review.
        [CaseAction.Expire] = [Role.System],
        [CaseAction.Lock] = [Role.System],
        [CaseAction.PlatformRefund] = [Role.System],
        [CaseAction.Assign] = Desk,
        [CaseAction.AddNote] = DeskAndWarehouse,
        [CaseAction.AddEvidence] = DeskAndWarehouse,
        [CaseAction.Link] = Desk,
        [CaseAction.Cancel] = Desk,
    };

    private static readonly Role[] Supervisors = [Role.Supervisor, Role.Admin, Role.System];

    /// <summary>Who may attempt an action on a case of this type: a discount above the cap is the supervisor's call.</summary>
    public static IReadOnlyList<Role> RolesFor(CaseType type, CaseAction action) =>
        type == CaseType.Discount && action is CaseAction.Approve or CaseAction.Reject ? Supervisors : Roles[action];

    public static bool MayAttempt(this Role role, CaseAction action) => Roles[action].Contains(role);

    public static bool MayAttempt(this Role role, CaseType type, CaseAction action) => RolesFor(type, action).Contains(role);

    /// <summary>
    /// The state a new case starts in. A discount within the agent's authority starts approved
    /// (domain-spec §3.5: 补偿通常不能超过邮费, above it 请示主管).
    /// </summary>
    public static CaseStatus InitialStatus(CaseType type, bool needsApproval = true) => type switch
    {
        CaseType.Discount => needsApproval ? CaseStatus.AwaitingApproval : CaseStatus.Approved,
        CaseType.BadReview => CaseStatus.Open,
        _ => CaseStatus.Submitted,
    };

    /// <summary>
    /// Builds the machine over a case's status. <paramref name="inspectionPassed"/> decides where
    /// confirm-receipt goes: every item passed → refund or replacement, else inspectionFailed.
    /// </summary>
    public static StateMachine<CaseStatus, CaseAction> For(
        CaseType type, Func<CaseStatus> read, Action<CaseStatus> write, Func<bool> inspectionPassed, bool includeOpenCaseActions = true)
    {
        var machine = new StateMachine<CaseStatus, CaseAction>(read, write);
        switch (type)
        {
            case CaseType.Return or CaseType.Exchange:
                ConfigureReturn(machine, type, inspectionPassed);
                break;
            case CaseType.Discount:
                ConfigureDiscount(machine);
                break;
            case CaseType.BadReview:
                ConfigureBadReview(machine);
                break;
        }

        foreach (var state in States(type).Where(s => s.IsOpen()))
        {
            var configuration = machine.Configure(state).Permit(CaseAction.Cancel, CaseStatus.Cancelled);
            if (!includeOpenCaseActions) continue;
            foreach (var action in OpenCaseActions)
                configuration.InternalTransition(action, () => { });
        }

        return machine;
    }

    private static void ConfigureReturn(StateMachine<CaseStatus, CaseAction> machine, CaseType type, Func<bool> inspectionPassed)
    {
        var afterReceipt = type == CaseType.Exchange ? CaseStatus.ReplacementPending : CaseStatus.RefundPending;

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

        machine.Configure(CaseStatus.ReturnInTransit)
            .Permit(CaseAction.RefuseParcel, CaseStatus.AwaitingReturnShipment)
            .Permit(CaseAction.PlatformRefund, CaseStatus.Completed)
            .PermitDynamic(
                CaseAction.ConfirmReceipt,
                () => inspectionPassed() ? afterReceipt : CaseStatus.InspectionFailed,
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

        if (type != CaseType.Exchange) return;

        machine.Configure(CaseStatus.ReplacementPending)
            .Permit(CaseAction.ShipReplacement, CaseStatus.ReplacementShipped)
            .Permit(CaseAction.ConvertToRefund, CaseStatus.RefundPending);

        machine.Configure(CaseStatus.ReplacementShipped)
            .Permit(CaseAction.ConfirmDelivery, CaseStatus.Completed);
    }

    private static void ConfigureDiscount(StateMachine<CaseStatus, CaseAction> machine)
    {
        machine.Configure(CaseStatus.AwaitingApproval)
            .Permit(CaseAction.Approve, CaseStatus.Approved)
            .Permit(CaseAction.Reject, CaseStatus.Rejected);

        machine.Configure(CaseStatus.Approved)
            .Permit(CaseAction.RecordPayout, CaseStatus.Completed);
    }

    private static void ConfigureBadReview(StateMachine<CaseStatus, CaseAction> machine)
    {
        // post-explanation is a flag, not a state: allowed while open, refused after the 15-day limit.
        CaseStatus[] open = [CaseStatus.Open, CaseStatus.Contacting, CaseStatus.AwaitingRevision, CaseStatus.Appealing, CaseStatus.AppealFiled];
        foreach (var state in open)
            machine.Configure(state).InternalTransition(CaseAction.PostExplanation, () => { });

        machine.Configure(CaseStatus.Open)
            .Permit(CaseAction.ContactBuyer, CaseStatus.Contacting)
            .Permit(CaseAction.MarkMalicious, CaseStatus.Appealing)
            .Permit(CaseAction.Lock, CaseStatus.Locked);

        machine.Configure(CaseStatus.Contacting)
            .InternalTransition(CaseAction.ContactBuyer, () => { })
            .Permit(CaseAction.BuyerAgreed, CaseStatus.AwaitingRevision)
            .Permit(CaseAction.MarkMalicious, CaseStatus.Appealing)
            .Permit(CaseAction.Lock, CaseStatus.Locked);

        machine.Configure(CaseStatus.AwaitingRevision)
            .InternalTransition(CaseAction.ContactBuyer, () => { })
            .Permit(CaseAction.ConfirmRevised, CaseStatus.Completed)
            .Permit(CaseAction.Lock, CaseStatus.Locked);

        machine.Configure(CaseStatus.Appealing)
            .Permit(CaseAction.FileAppeal, CaseStatus.AppealFiled);

        machine.Configure(CaseStatus.AppealFiled)
            .Permit(CaseAction.AppealUpheld, CaseStatus.Completed)
            .Permit(CaseAction.AppealRejected, CaseStatus.Locked);
    }

    /// <summary>The states a case of this type can be in.</summary>
    public static IReadOnlyList<CaseStatus> States(CaseType type) => type switch
    {
        CaseType.Return =>
        [
            CaseStatus.Submitted, CaseStatus.AwaitingEvidence, CaseStatus.AwaitingReturnShipment, CaseStatus.ReturnInTransit,
            CaseStatus.InspectionFailed, CaseStatus.RefundPending,
            CaseStatus.Completed, CaseStatus.Rejected, CaseStatus.Cancelled, CaseStatus.Expired,
        ],
        CaseType.Exchange =>
        [
            CaseStatus.Submitted, CaseStatus.AwaitingEvidence, CaseStatus.AwaitingReturnShipment, CaseStatus.ReturnInTransit,
            CaseStatus.InspectionFailed, CaseStatus.RefundPending, CaseStatus.ReplacementPending, CaseStatus.ReplacementShipped,
            CaseStatus.Completed, CaseStatus.Rejected, CaseStatus.Cancelled, CaseStatus.Expired,
        ],
        CaseType.Discount =>
        [
            CaseStatus.AwaitingApproval, CaseStatus.Approved, CaseStatus.Completed, CaseStatus.Rejected, CaseStatus.Cancelled,
        ],
        CaseType.BadReview =>
        [
            CaseStatus.Open, CaseStatus.Contacting, CaseStatus.AwaitingRevision, CaseStatus.Appealing, CaseStatus.AppealFiled,
            CaseStatus.Completed, CaseStatus.Cancelled, CaseStatus.Locked,
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Every (from, action, to) of the workflow, for documentation and for the table-driven tests.</summary>
    public static IReadOnlyList<WorkflowTransition> Transitions(CaseType type)
    {
        var status = InitialStatus(type);
        var info = For(type, () => status, s => status = s, () => true).GetInfo();
        var list = new List<WorkflowTransition>();
        foreach (var state in info.States)
        {
            var from = Enum.Parse<CaseStatus>(state.UnderlyingState.ToString()!);
            foreach (var fixedTransition in state.FixedTransitions)
            {
                var action = (CaseAction)fixedTransition.Trigger.UnderlyingTrigger;
                list.Add(new(from, action, [Enum.Parse<CaseStatus>(fixedTransition.DestinationState.UnderlyingState.ToString()!)]));
            }
            foreach (var dynamicTransition in state.DynamicTransitions)
            {
                var action = (CaseAction)dynamicTransition.Trigger.UnderlyingTrigger;
                list.Add(new(from, action, dynamicTransition.PossibleDestinationStates.Select(d => Enum.Parse<CaseStatus>(d.DestinationState)).ToList()));
            }
        }
        return list;
    }

    /// <summary>
    /// The workflow as a Mermaid stateDiagram-v2 in the contract's names (camelCase states, kebab-case actions).
    /// Open-case actions are left out to keep it readable.
    /// </summary>
    public static string Mermaid(CaseType type)
    {
        var status = InitialStatus(type);
        var machine = For(type, () => status, s => status = s, () => true, includeOpenCaseActions: false);
        var diagram = MermaidGraph.Format(machine.GetInfo()).Replace(" [Function]", "", StringComparison.Ordinal);
        // State and action names never coincide (Approve/Approved, Lock/Locked are distinct words).
        diagram = ContractNames.Replace(diagram, m => Enum.TryParse<CaseAction>(m.Value, out var action)
            ? action.Name()
            : char.ToLowerInvariant(m.Value[0]) + m.Value[1..]);
        // A discount within the agent's cap starts approved: Stateless knows only one initial state.
        return type == CaseType.Discount ? diagram.TrimEnd() + "\n[*] --> approved\n" : diagram;
    }

    private static readonly System.Text.RegularExpressions.Regex ContractNames = new(
        @"\b(" + string.Join('|', Enum.GetNames<CaseStatus>().Concat(Enum.GetNames<CaseAction>()).Distinct().OrderByDescending(n => n.Length)) + @")\b");
}

public sealed record WorkflowTransition(CaseStatus From, CaseAction Action, IReadOnlyList<CaseStatus> To);
