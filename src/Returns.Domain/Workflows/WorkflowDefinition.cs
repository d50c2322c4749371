using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Stateless;

namespace Returns.Domain.Workflows;

/// <summary>
/// One case type's workflow, defined once: its states, transitions, who may attempt each of its actions, its clock
/// table and how a case of the type opens. Adding a type is one new definition (and its folder), registered in
/// <see cref="Workflow.Definitions"/>.
/// </summary>
public abstract class WorkflowDefinition
{
    public abstract CaseType Type { get; }

    /// <summary>Every state a case of this type can be in, open ones first.</summary>
    public abstract IReadOnlyList<CaseStatus> States { get; }

    /// <summary>The state a new case usually starts in (the diagram's entry).</summary>
    public abstract CaseStatus InitialStatus { get; }

    /// <summary>Every state a new case may start in (a discount within the cap starts approved).</summary>
    public virtual IReadOnlyList<CaseStatus> InitialStatuses => [InitialStatus];

    /// <summary>Who may attempt each of this type's own actions; the actions every open case allows are in <see cref="Workflow.CommonRoles"/>.</summary>
    public abstract IReadOnlyDictionary<CaseAction, IReadOnlyList<Role>> Roles { get; }

    /// <summary>The type's clock table, one row per clock (issue 5 table; docs/design.md §4).</summary>
    public abstract IReadOnlyList<ClockRule> Clocks { get; }

    /// <summary>The actions a supervisor must take while the case awaits one (<see cref="CaseRules.AwaitsSupervisor"/>).</summary>
    public virtual IReadOnlyList<CaseAction> SupervisorDecides => [];

    /// <summary>Whether a reason from the catalog is required to open a case (a bad review's cause may be unknown).</summary>
    public virtual bool NeedsReason => true;

    /// <summary>Whether the after-sales window applies (it does to goods; not to a review).</summary>
    public virtual bool HasWindow => true;

    /// <summary>The type's own transitions; <paramref name="facts"/> decide where a dynamic transition goes.</summary>
    protected abstract void Configure(StateMachine<CaseStatus, CaseAction> machine, CaseFacts facts);

    /// <summary>Fills in what this type records at opening and answers the state it starts in and the timeline's data.</summary>
    internal abstract (CaseStatus Status, object Data) Open(Case @case, Case.Opening opening, Reason? reason, ActionContext at);

    public IReadOnlyList<Role> RolesFor(CaseAction action) =>
        Roles.TryGetValue(action, out var roles) ? roles
        : Workflow.CommonRoles.TryGetValue(action, out var common) ? common
        : [];

    /// <summary>
    /// Whether <paramref name="role"/> may attempt <paramref name="action"/> on a case of this type (else 403). An action
    /// of another type's workflow is judged by whether the role may take it anywhere: for such a role it is then a 409.
    /// </summary>
    public bool MayAttempt(CaseAction action, Role role)
    {
        var roles = RolesFor(action);
        return roles.Count == 0 ? role.MayAttempt(action) : roles.Contains(role);
    }

    /// <summary>The actions of this type, its own and those every open case allows.</summary>
    public IEnumerable<CaseAction> Actions => Roles.Keys.Concat(Workflow.CommonRoles.Keys.Where(a => a != CaseAction.Create)).Distinct();

    /// <summary>Builds the machine over a case's status; every open state also allows the common actions and cancel.</summary>
    public StateMachine<CaseStatus, CaseAction> Machine(
        Func<CaseStatus> read, Action<CaseStatus> write, CaseFacts facts, bool includeOpenCaseActions = true)
    {
        var machine = new StateMachine<CaseStatus, CaseAction>(read, write);
        Configure(machine, facts);
        foreach (var state in States.Where(s => s.IsOpen()))
        {
            var configuration = machine.Configure(state).Permit(CaseAction.Cancel, CaseStatus.Cancelled);
            if (!includeOpenCaseActions) continue;
            foreach (var action in SideActions)
                configuration.InternalTransition(action, () => { });
        }
        return machine;
    }

    private IReadOnlyDictionary<CaseStatus, IReadOnlySet<CaseAction>>? _permitted;

    /// <summary>The actions the workflow permits in <paramref name="status"/>, read once from the machine's own description.</summary>
    public IReadOnlySet<CaseAction> PermittedIn(CaseStatus status) =>
        (_permitted ??= States.ToDictionary(s => s,
            s => (IReadOnlySet<CaseAction>)Workflow.Transitions(Type).Where(t => t.From == s).Select(t => t.Action).ToHashSet()))
        .TryGetValue(status, out var actions) ? actions : NoActions;

    private static readonly IReadOnlySet<CaseAction> NoActions = new HashSet<CaseAction>();

    /// <summary>
    /// What an open case of this type allows in every state without moving: the common actions, and taking the
    /// marketplace's due times where it runs clocks on this type.
    /// </summary>
    public IReadOnlyList<CaseAction> SideActions => _sideActions ??= Clocks.Any(c => c.IsPlatformClock)
        ? [.. Workflow.OpenCaseActions, CaseAction.SyncPlatformDeadlines]
        : Workflow.OpenCaseActions;

    private IReadOnlyList<CaseAction>? _sideActions;

    public ClockRule? ClockOf(DeadlineKind kind) => Clocks.FirstOrDefault(c => c.Kind == kind);
}

/// <summary>What a case knows that decides where a dynamic transition leads.</summary>
/// <param name="InspectionPassed">Every claimed unit arrived and passed inspection (a receipt leads on, or to inspectionFailed).</param>
/// <param name="PostageSettled">The return postage the shop owes is paid (a delivered exchange completes, or waits for it).</param>
public sealed record CaseFacts(Func<bool> InspectionPassed, Func<bool> PostageSettled)
{
    /// <summary>For describing the machine, where no case is at hand.</summary>
    public static readonly CaseFacts Description = new(() => true, () => true);
}
