using Returns.Domain.Cases;
using static Returns.Domain.Cases.CaseAction;
using static Returns.Domain.Cases.CaseStatus;

namespace Returns.Domain.Tests.Workflows;

/// <summary>
/// The four workflows written out from docs/design.md §2 and issue 4, independently of Workflow.cs, so the tests
/// compare the implementation against the design rather than against itself.
/// </summary>
internal static class ExpectedWorkflow
{
    public sealed record Transition(CaseStatus From, CaseAction Action, IReadOnlyList<CaseStatus> To)
    {
        /// <summary>Where the action leads when every returned item passes inspection.</summary>
        public CaseStatus Next => To[0];
    }

    public static readonly IReadOnlyList<CaseType> Types = [CaseType.Return, CaseType.Exchange, CaseType.Discount, CaseType.BadReview];

    /// <summary>docs/design.md §2: completed, rejected, cancelled, expired, locked.</summary>
    public static readonly IReadOnlyList<CaseStatus> TerminalStates = [Completed, Rejected, Cancelled, Expired, Locked];

    /// <summary>States reached only through confirm-receipt: the goods are back at the warehouse.</summary>
    public static readonly IReadOnlyList<CaseStatus> AfterReceipt = [InspectionFailed, RefundPending, ReplacementPending, ReplacementShipped];

    /// <summary>docs/design.md §2: every open case also allows these (cancel ends it, the others keep the state).</summary>
    public static readonly IReadOnlyList<CaseAction> OpenCaseActions = [Assign, AddNote, AddEvidence, Link, Cancel];

    /// <summary>Only the deadline jobs (Role.System) let a case expire or lock a review.</summary>
    public static readonly IReadOnlyList<CaseAction> SystemOnlyActions = [Expire, CaseAction.Lock, CaseAction.PlatformRefund];

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
        CaseType.Discount => [AwaitingApproval, Approved, Completed, Rejected, Cancelled],
        CaseType.BadReview => [Open, Contacting, AwaitingRevision, Appealing, AppealFiled, Completed, Cancelled, Locked],
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The states a new case may start in.</summary>
    public static IReadOnlyList<CaseStatus> InitialStates(CaseType type) => type switch
    {
        // Within the agent's cap the discount is approved at once, above it a supervisor decides.
        CaseType.Discount => [Approved, AwaitingApproval],
        CaseType.BadReview => [Open],
        _ => [Submitted],
    };

    /// <summary>The workflow's own transitions, without the open-case actions.</summary>
    public static IReadOnlyList<Transition> Specific(CaseType type) => type switch
    {
        CaseType.Return or CaseType.Exchange => ReturnOrExchange(type),
        CaseType.Discount =>
        [
            new(AwaitingApproval, Approve, [Approved]),
            new(AwaitingApproval, Reject, [Rejected]),
            new(Approved, RecordPayout, [Completed]),
        ],
        CaseType.BadReview => BadReviewTransitions(),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static List<Transition> ReturnOrExchange(CaseType type)
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
            // "Timeouts may move a case to expired": docs/business-rules.md §9.2, awaiting photos / awaiting the return parcel.
            new(AwaitingEvidence, Expire, [Expired]),
            new(AwaitingReturnShipment, Expire, [Expired]),
            // Issue 5: the seller did not confirm receipt in 10 days, so the marketplace refunded the buyer.
            new(ReturnInTransit, CaseAction.PlatformRefund, [Completed]),
        ];
        if (type == CaseType.Exchange)
        {
            transitions.Add(new(ReplacementPending, ShipReplacement, [ReplacementShipped]));
            // Issue 13 item 1: delivered with the return postage still owed, the exchange waits for that refund.
            transitions.Add(new(ReplacementShipped, ConfirmDelivery, [Completed, RefundPending]));
            transitions.Add(new(ReplacementPending, ConvertToRefund, [RefundPending]));
            transitions.Add(new(ReplacementPending, RefundPostage, [ReplacementPending]));
            transitions.Add(new(ReplacementShipped, RefundPostage, [ReplacementShipped]));
        }
        return transitions;
    }

    private static List<Transition> BadReviewTransitions()
    {
        List<Transition> transitions =
        [
            new(Open, ContactBuyer, [Contacting]),
            // Each attempt is logged; the buyer may need to be reached again while the revision is awaited.
            new(Contacting, ContactBuyer, [Contacting]),
            new(AwaitingRevision, ContactBuyer, [AwaitingRevision]),
            new(Contacting, BuyerAgreed, [AwaitingRevision]),
            new(AwaitingRevision, ConfirmRevised, [Completed]),
            new(Open, MarkMalicious, [Appealing]),
            new(Contacting, MarkMalicious, [Appealing]),
            new(Appealing, FileAppeal, [AppealFiled]),
            new(AppealFiled, AppealUpheld, [Completed]),
            new(AppealFiled, AppealRejected, [Locked]),
            // The 30-day revision window passed unrevised (the deadline job, after RevisionDueAt).
            new(Open, CaseAction.Lock, [Locked]),
            new(Contacting, CaseAction.Lock, [Locked]),
            new(AwaitingRevision, CaseAction.Lock, [Locked]),
        ];
        // post-explanation is a flag, not a state: allowed in every open state (within 15 days).
        // Also once locked (exam Q16: explain the review an appeal could not overturn).
        foreach (var state in new[] { Open, Contacting, AwaitingRevision, Appealing, AppealFiled, Locked })
            transitions.Add(new(state, PostExplanation, [state]));
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
            // Issue 13 item 10: the marketplace's due times may arrive in any open state of a case whose clocks it runs.
            if (type is CaseType.Return or CaseType.Exchange) transitions.Add(new(state, SyncPlatformDeadlines, [state]));
        }
        return transitions;
    }

    public static Transition? Find(CaseType type, CaseStatus from, CaseAction action) =>
        Transitions(type).SingleOrDefault(t => t.From == from && t.Action == action);

    /// <summary>
    /// The actions a state allows to a supervisor (everything but the system's expire and lock), or to the
    /// system (everything).
    /// </summary>
    public static IReadOnlyList<CaseAction> Allowed(CaseType type, CaseStatus from, bool includeSystemOnly) =>
        [.. Transitions(type).Where(t => t.From == from && (includeSystemOnly || !SystemOnlyActions.Contains(t.Action))).Select(t => t.Action)];

    private static readonly IReadOnlyList<Role> Desk = [Role.Agent, Role.Supervisor, Role.Admin, Role.System];

    /// <summary>The warehouse receives, refuses and ships parcels and records what it sees (F0-r: 到付件…到了库房就直接拒收).</summary>
    private static readonly IReadOnlyList<CaseAction> WarehouseActions = [AddNote, AddEvidence, RefuseParcel, ConfirmReceipt, ShipReplacement];

    /// <summary>
    /// docs/design.md §2 roles: the desk (agents, supervisors, admins, and the system acting for the marketplace) may attempt
    /// every action of the type, the warehouse its own; only the system expires, locks or records the platform's
    /// refund. An action the type does not have is nobody's. Agents may attempt a discount's approve and reject:
    /// the supervisor gate decides per case (<see cref="SupervisorDecides"/>).
    /// </summary>
    public static IReadOnlyList<Role> Roles(CaseType type, CaseAction action)
    {
        if (action != Create && Transitions(type).All(t => t.Action != action)) return [];
        if (SystemOnlyActions.Contains(action)) return [Role.System];
        return WarehouseActions.Contains(action) ? [.. Desk, Role.Warehouse] : Desk;
    }

    /// <summary>
    /// docs/design.md §2 supervisor gate: what only a supervisor may do while the case awaits one (a discount above the cap or
    /// outside its window: approve or reject it; a return or exchange outside its window: approve it).
    /// </summary>
    public static IReadOnlyList<CaseAction> SupervisorDecides(CaseType type) => type switch
    {
        CaseType.Discount => [Approve, Reject],
        CaseType.Return or CaseType.Exchange => [Approve],
        _ => [],
    };

    /// <summary>An action the table permits is listed only when it has something to act on: refund-postage when postage is owed.</summary>
    public static bool Applies(Case @case, CaseAction action) => action != RefundPostage || @case.PostageOwed > 0m;

    /// <summary>Every action a case can be asked to perform once it exists.</summary>
    public static IReadOnlyList<CaseAction> Actions => [.. Enum.GetValues<CaseAction>().Where(a => a != Create)];

    /// <summary>The contract name of a state: camelCase, e.g. <c>awaitingReturnShipment</c>.</summary>
    public static string ContractName(CaseStatus state)
    {
        var name = state.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
