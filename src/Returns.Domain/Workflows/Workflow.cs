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
        // Only the deadline jobs let a case lapse.
        [CaseAction.Expire] = [Role.System],
        [CaseAction.Assign] = Desk,
        [CaseAction.AddNote] = DeskAndWarehouse,
        [CaseAction.AddEvidence] = DeskAndWarehouse,
        [CaseAction.Link] = Desk,
        [CaseAction.Cancel] = Desk,
    };

    public static bool MayAttempt(this Role role, CaseAction action) => Roles[action].Contains(role);

    /// <summary>The state a new case of this type starts in.</summary>
    public static CaseStatus InitialStatus(CaseType type) => CaseStatus.Submitted;

    /// <summary>
    /// Builds the machine over a case's status. <paramref name="inspectionPassed"/> decides where
    /// confirm-receipt goes: every item passed → refund or replacement, else inspectionFailed.
    /// </summary>
    public static StateMachine<CaseStatus, CaseAction> For(
        CaseType type, Func<CaseStatus> read, Action<CaseStatus> write, Func<bool> inspectionPassed, bool includeOpenCaseActions = true)
    {
        var machine = new StateMachine<CaseStatus, CaseAction>(read, write);
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

        if (type == CaseType.Exchange)
        {
            machine.Configure(CaseStatus.ReplacementPending)
                .Permit(CaseAction.ShipReplacement, CaseStatus.ReplacementShipped)
                .Permit(CaseAction.ConvertToRefund, CaseStatus.RefundPending);

            machine.Configure(CaseStatus.ReplacementShipped)
                .Permit(CaseAction.ConfirmDelivery, CaseStatus.Completed);
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

    /// <summary>The states a case of this type can be in.</summary>
    public static IReadOnlyList<CaseStatus> States(CaseType type) => type switch
    {
        CaseType.Return => Enum.GetValues<CaseStatus>()
            .Where(s => s is not (CaseStatus.ReplacementPending or CaseStatus.ReplacementShipped)).ToList(),
        _ => Enum.GetValues<CaseStatus>(),
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

    /// <summary>The workflow as a Mermaid stateDiagram-v2 (open-case actions left out to keep it readable).</summary>
    public static string Mermaid(CaseType type)
    {
        var status = InitialStatus(type);
        var machine = For(type, () => status, s => status = s, () => true, includeOpenCaseActions: false);
        return MermaidGraph.Format(machine.GetInfo());
    }
}

public sealed record WorkflowTransition(CaseStatus From, CaseAction Action, IReadOnlyList<CaseStatus> To);
