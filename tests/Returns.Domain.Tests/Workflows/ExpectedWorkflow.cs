using Returns.Domain.Cases;
using static Returns.Domain.Cases.CaseAction;
using static Returns.Domain.Cases.CaseStatus;

namespace Returns.Domain.Tests.Workflows;

/// <summary>
/// The return and exchange workflows written out from DESIGN §2, independently of Workflow.cs, so the
/// tests compare the implementation against the design rather than against itself.
/// </summary>
internal static class ExpectedWorkflow
{
    public sealed record Transition(CaseStatus From, CaseAction Action, IReadOnlyList<CaseStatus> To)
    {
        /// <summary>Where the action leads when every returned item passes inspection.</summary>
        public CaseStatus Next => To[0];
    }

    public static readonly IReadOnlyList<CaseStatus> TerminalStates = [Completed, Rejected, Cancelled, Expired];

    /// <summary>DESIGN §2: every open case also allows these (cancel ends it, the others keep the state).</summary>
    public static readonly IReadOnlyList<CaseAction> OpenCaseActions = [Assign, AddNote, AddEvidence, Link, Cancel];

    public static IReadOnlyList<CaseStatus> States(CaseType type) => type switch
    {
        CaseType.Return =>
        [
            Submitted, AwaitingEvidence, AwaitingReturnShipment, ReturnInTransit, InspectionFailed, RefundPending,
            Completed, Rejected, Cancelled, Expired,
        ],
        CaseType.Exchange =>
        [
            Submitted, AwaitingEvidence, AwaitingReturnShipment, ReturnInTransit, InspectionFailed, RefundPending,
            ReplacementPending, ReplacementShipped, Completed, Rejected, Cancelled, Expired,
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The workflow's own transitions, without the open-case actions.</summary>
    private static IReadOnlyList<Transition> Specific(CaseType type)
    {
        var afterReceipt = type == CaseType.Exchange ? ReplacementPending : RefundPending;
        List<Transition> transitions =
        [
            new(Submitted, RequestEvidence, [AwaitingEvidence]),
            new(AwaitingEvidence, SubmitEvidence, [Submitted]),
            new(Submitted, Approve, [AwaitingReturnShipment]),
            new(Submitted, Reject, [Rejected]),
            new(AwaitingReturnShipment, RecordReturnShipment, [ReturnInTransit]),
            new(ReturnInTransit, RefuseParcel, [AwaitingReturnShipment]),
            new(ReturnInTransit, ConfirmReceipt, [afterReceipt, InspectionFailed]),
            new(InspectionFailed, Refund, [Completed]),
            new(InspectionFailed, Reject, [Rejected]),
            new(RefundPending, Refund, [Completed]),
            // "Timeouts may move a case to expired": domain-spec §9.2, awaiting photos / awaiting the return parcel.
            new(AwaitingEvidence, Expire, [Expired]),
            new(AwaitingReturnShipment, Expire, [Expired]),
        ];
        if (type == CaseType.Exchange)
        {
            transitions.Add(new(ReplacementPending, ShipReplacement, [ReplacementShipped]));
            transitions.Add(new(ReplacementShipped, ConfirmDelivery, [Completed]));
            transitions.Add(new(ReplacementPending, ConvertToRefund, [RefundPending]));
        }
        return transitions;
    }

    /// <summary>Every (from, action, to) of the workflow, open-case actions included.</summary>
    public static IReadOnlyList<Transition> Transitions(CaseType type)
    {
        var transitions = Specific(type).ToList();
        foreach (var state in States(type).Except(TerminalStates))
        {
            foreach (var action in OpenCaseActions)
                transitions.Add(new(state, action, [action == Cancel ? Cancelled : state]));
        }
        return transitions;
    }

    public static Transition? Find(CaseType type, CaseStatus from, CaseAction action) =>
        Transitions(type).SingleOrDefault(t => t.From == from && t.Action == action);

    /// <summary>The actions a state allows to someone who may attempt everything but expire (a supervisor).</summary>
    public static IReadOnlyList<CaseAction> Allowed(CaseType type, CaseStatus from, bool includeExpire) =>
        [.. Transitions(type).Where(t => t.From == from && (includeExpire || t.Action != Expire)).Select(t => t.Action)];

    /// <summary>Every action a case can be asked to perform once it exists.</summary>
    public static IReadOnlyList<CaseAction> Actions => [.. Enum.GetValues<CaseAction>().Where(a => a != Create)];
}
