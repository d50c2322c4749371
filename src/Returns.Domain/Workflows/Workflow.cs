using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Stateless.Graph;
using Stateless.Reflection;

namespace Returns.Domain.Workflows;

/// <summary>
/// The case workflows of docs/design.md §2, one <see cref="WorkflowDefinition"/> per type. The same machine guards every
/// action, lists the allowedActions, and describes itself for GET /workflows/{type} and the console's diagram.
/// </summary>
public static class Workflow
{
    /// <summary>Actions every open case allows, whatever its state (docs/design.md §2).</summary>
    public static readonly IReadOnlyList<CaseAction> OpenCaseActions =
        [CaseAction.Assign, CaseAction.AddNote, CaseAction.AddEvidence, CaseAction.Link];

    /// <summary>People at the after-sales desk, and the system acting on the marketplace's behalf.</summary>
    public static readonly IReadOnlyList<Role> Desk = [Role.Agent, Role.Supervisor, Role.Admin, Role.System];

    /// <summary>The desk plus the warehouse, which receives and refuses parcels (F0-r: 到付件…到了库房就直接拒收).</summary>
    public static readonly IReadOnlyList<Role> DeskAndWarehouse = [.. Desk, Role.Warehouse];

    /// <summary>Only the deadline sweep lets a case lapse, locks a review or records the platform's refund.</summary>
    public static readonly IReadOnlyList<Role> SystemOnly = [Role.System];

    /// <summary>Who may open a case and do what every open case allows.</summary>
    public static readonly IReadOnlyDictionary<CaseAction, IReadOnlyList<Role>> CommonRoles = new Dictionary<CaseAction, IReadOnlyList<Role>>
    {
        [CaseAction.Create] = Desk,
        [CaseAction.Assign] = Desk,
        [CaseAction.AddNote] = DeskAndWarehouse,
        [CaseAction.AddEvidence] = DeskAndWarehouse,
        [CaseAction.Link] = Desk,
        [CaseAction.Cancel] = Desk,
    };

    /// <summary>Someone works every new case within 2 business hours (issue 5: first touch); any person's action meets it.</summary>
    public static readonly ClockRule FirstTouch = Clock.Of(DeadlineKind.FirstTouch, "首次处理", "first touch")
        .StartsOn(StepCondition.Created)
        .LastsHours(p => p.Deadlines.FirstTouchBusinessHours, ClockCalendar.BusinessHours)
        .WarnsAt(0.75)
        .MetBy(StepCondition.PersonActs)
        .OnDue(ClockOutcome.Escalate);

    /// <summary>Every case type's workflow (declared after the role sets and shared clocks they use).</summary>
    public static readonly IReadOnlyDictionary<CaseType, WorkflowDefinition> Definitions =
        new WorkflowDefinition[] { new ReturnWorkflow(), new ExchangeWorkflow(), new DiscountWorkflow(), new BadReviewWorkflow() }
            .ToDictionary(d => d.Type);

    public static WorkflowDefinition For(CaseType type) => Definitions[type];

    /// <summary>Who may attempt an action on a case of this type. Policies may still require a supervisor for a given case.</summary>
    public static IReadOnlyList<Role> RolesFor(CaseType type, CaseAction action) => For(type).RolesFor(action);

    /// <summary>Whether the role may open cases or do what every open case allows.</summary>
    public static bool MayAttempt(this Role role, CaseAction action) =>
        CommonRoles.TryGetValue(action, out var roles) ? roles.Contains(role)
        : Definitions.Values.Any(d => d.RolesFor(action).Contains(role));

    public static bool MayAttempt(this Role role, CaseType type, CaseAction action) => RolesFor(type, action).Contains(role);

    public static IReadOnlyList<CaseStatus> States(CaseType type) => For(type).States;

    /// <summary>Every (from, action, to) of the workflow, for documentation and for the table-driven tests.</summary>
    public static IReadOnlyList<WorkflowTransition> Transitions(CaseType type)
    {
        var definition = For(type);
        var status = definition.InitialStatus;
        var info = definition.Machine(() => status, s => status = s, CaseFacts.Description).GetInfo();
        var list = new List<WorkflowTransition>();
        foreach (var state in info.States)
        {
            var from = (CaseStatus)state.UnderlyingState;
            foreach (var fixedTransition in state.FixedTransitions)
                list.Add(new(from, (CaseAction)fixedTransition.Trigger.UnderlyingTrigger, [(CaseStatus)fixedTransition.DestinationState.UnderlyingState]));
            foreach (var dynamicTransition in state.DynamicTransitions)
                list.Add(new(from, (CaseAction)dynamicTransition.Trigger.UnderlyingTrigger,
                    dynamicTransition.PossibleDestinationStates.Select(d => Enum.Parse<CaseStatus>(d.DestinationState)).ToList()));
        }
        return list;
    }

    /// <summary>
    /// The workflow as a Mermaid stateDiagram-v2 in the contract's names (camelCase states, kebab-case actions).
    /// Open-case actions are left out to keep it readable.
    /// </summary>
    public static string Mermaid(CaseType type)
    {
        var definition = For(type);
        var status = definition.InitialStatus;
        var machine = definition.Machine(() => status, s => status = s, CaseFacts.Description, includeOpenCaseActions: false);
        var diagram = MermaidGraph.Format(machine.GetInfo()).Replace(" [Function]", "", StringComparison.Ordinal);
        // State and action names never coincide (Approve/Approved, Lock/Locked are distinct words).
        diagram = ContractNames.Replace(diagram, m => Enum.TryParse<CaseAction>(m.Value, out var action)
            ? action.Name()
            : Enum.Parse<CaseStatus>(m.Value).Name());
        // Stateless knows one initial state; the other entries (a discount within the cap starts approved) are added.
        return definition.InitialStatuses.Count == 1
            ? diagram
            : definition.InitialStatuses.Skip(1).Aggregate(diagram.TrimEnd(), (text, s) => text + $"\n[*] --> {s.Name()}") + "\n";
    }

    private static readonly System.Text.RegularExpressions.Regex ContractNames = new(
        @"\b(" + string.Join('|', Enum.GetNames<CaseStatus>().Concat(Enum.GetNames<CaseAction>()).Distinct().OrderByDescending(n => n.Length)) + @")\b");
}

public sealed record WorkflowTransition(CaseStatus From, CaseAction Action, IReadOnlyList<CaseStatus> To);
