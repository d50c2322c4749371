using System.Text.RegularExpressions;
using Returns.Domain.Cases;
using Returns.Domain.Tests.Support;
using Returns.Domain.Workflows;

namespace Returns.Domain.Tests.Workflows;

public sealed class WorkflowDefinitionTests
{
    public static TheoryData<CaseType> Types() => [.. ExpectedWorkflow.Types];

    [Theory]
    [MemberData(nameof(Types))]
    public void Workflow_has_the_states_of_the_design(CaseType type)
    {
        Assert.Equal(ExpectedWorkflow.States(type).Order(), Workflow.States(type).Order());
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Workflow_transitions_are_exactly_the_design_table(CaseType type)
    {
        var expected = ExpectedWorkflow.Transitions(type).Select(Describe).Order(StringComparer.Ordinal);
        var actual = Workflow.Transitions(type).Select(t => Describe(new ExpectedWorkflow.Transition(t.From, t.Action, t.To)))
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Every_case_type_has_one_workflow_definition()
    {
        Assert.Equal(Enum.GetValues<CaseType>().Order(), Workflow.Definitions.Keys.Order());
        Assert.All(Workflow.Definitions, pair =>
        {
            Assert.Equal(pair.Key, pair.Value.Type);
            Assert.Same(pair.Value, Workflow.For(pair.Key));
        });
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Workflow_actions_are_those_of_its_transitions(CaseType type)
    {
        var expected = ExpectedWorkflow.Transitions(type).Select(t => t.Action).Distinct().Order();

        Assert.Equal(expected, Workflow.For(type).Actions.Order());
    }

    [Theory]
    [InlineData(CaseType.Return)]
    [InlineData(CaseType.Exchange)]
    public void New_returns_and_exchanges_start_submitted(CaseType type)
    {
        Assert.Equal(CaseStatus.Submitted, Workflow.For(type).InitialStatus);
        Assert.Equal([CaseStatus.Submitted], Workflow.For(type).InitialStatuses);
    }

    [Fact]
    public void New_bad_review_starts_open()
    {
        Assert.Equal(CaseStatus.Open, Workflow.For(CaseType.BadReview).InitialStatus);
        Assert.Equal([CaseStatus.Open], Workflow.For(CaseType.BadReview).InitialStatuses);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void New_case_starts_in_an_initial_state_of_the_design(CaseType type)
    {
        var definition = Workflow.For(type);

        Assert.Equal(ExpectedWorkflow.InitialStates(type).Order(), definition.InitialStatuses.Order());
        Assert.Contains(definition.InitialStatus, definition.InitialStatuses);
    }

    [Theory]
    [InlineData(8.00, CaseStatus.Approved)]
    [InlineData(15.00, CaseStatus.AwaitingApproval)]
    public void New_discount_starts_approved_unless_it_needs_a_supervisor(decimal compensation, CaseStatus expected)
    {
        var @case = new CaseBuilder().Discount().WithCompensation(compensation).Open();

        Assert.Equal(expected, @case.Status);
        Assert.Contains(expected, Workflow.For(CaseType.Discount).InitialStatuses);
    }

    [Theory]
    [InlineData(CaseAction.Approve)]
    [InlineData(CaseAction.Reject)]
    public void Agents_may_attempt_a_discount_decision_and_the_supervisor_gate_decides_per_case(CaseAction action)
    {
        Assert.Equal([Role.Agent, Role.Supervisor, Role.Admin, Role.System], Workflow.RolesFor(CaseType.Discount, action).Order());
        Assert.Contains(action, Workflow.For(CaseType.Discount).SupervisorDecides);
    }

    [Theory]
    [InlineData(CaseType.Return)]
    [InlineData(CaseType.Exchange)]
    public void Agents_may_decide_returns_and_exchanges(CaseType type)
    {
        Assert.Contains(Role.Agent, Workflow.RolesFor(type, CaseAction.Approve));
        Assert.Contains(Role.Agent, Workflow.RolesFor(type, CaseAction.Reject));
    }

    public static TheoryData<CaseType, CaseAction> EveryTypeAndAction()
    {
        var data = new TheoryData<CaseType, CaseAction>();
        foreach (var type in ExpectedWorkflow.Types)
        foreach (var action in Enum.GetValues<CaseAction>())
            data.Add(type, action);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryTypeAndAction))]
    public void Who_may_attempt_an_action_is_the_design_table(CaseType type, CaseAction action)
    {
        Assert.Equal(ExpectedWorkflow.Roles(type, action).Order(), Workflow.RolesFor(type, action).Order());
        Assert.Equal(ExpectedWorkflow.Roles(type, action).Order(), Workflow.For(type).RolesFor(action).Order());
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Supervisor_decides_what_the_design_says_while_a_case_awaits_one(CaseType type)
    {
        Assert.Equal(ExpectedWorkflow.SupervisorDecides(type).Order(), Workflow.For(type).SupervisorDecides.Order());
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void State_contract_names_are_camel_case(CaseType type)
    {
        Assert.All(ExpectedWorkflow.States(type), state => Assert.Equal(ExpectedWorkflow.ContractName(state), state.Name()));
    }

    [Fact]
    public void Only_the_system_may_lock_a_review()
    {
        Assert.Equal([Role.System], Workflow.RolesFor(CaseType.BadReview, CaseAction.Lock));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Mermaid_diagram_is_a_state_diagram(CaseType type)
    {
        Assert.StartsWith("stateDiagram-v2", Workflow.Mermaid(type), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Mermaid_diagram_shows_every_state_by_its_camel_case_contract_name(CaseType type)
    {
        var diagram = Workflow.Mermaid(type);

        Assert.All(ExpectedWorkflow.States(type), state =>
            Assert.Contains(ExpectedWorkflow.ContractName(state), diagram, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Mermaid_diagram_names_exactly_the_states_of_the_type(CaseType type)
    {
        var (states, _) = Parse(Workflow.Mermaid(type));

        Assert.Equal(
            ExpectedWorkflow.States(type).Select(ExpectedWorkflow.ContractName).Order(StringComparer.Ordinal),
            states.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Mermaid_diagram_labels_transitions_with_kebab_case_actions(CaseType type)
    {
        var (_, actions) = Parse(Workflow.Mermaid(type));

        // Open-case actions other than cancel are left out of the picture.
        var expected = ExpectedWorkflow.Specific(type).Select(t => t.Action).Append(CaseAction.Cancel)
            .Select(a => a.Name()).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(expected, actions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Return_diagram_has_no_replacement_states()
    {
        var diagram = Workflow.Mermaid(CaseType.Return);

        Assert.DoesNotContain("replacementPending", diagram, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("replacementShipped", diagram, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(CaseAction.Create, "create")]
    [InlineData(CaseAction.Approve, "approve")]
    [InlineData(CaseAction.Reject, "reject")]
    [InlineData(CaseAction.RequestEvidence, "request-evidence")]
    [InlineData(CaseAction.SubmitEvidence, "submit-evidence")]
    [InlineData(CaseAction.RecordReturnShipment, "record-return-shipment")]
    [InlineData(CaseAction.RefuseParcel, "refuse-parcel")]
    [InlineData(CaseAction.ConfirmReceipt, "confirm-receipt")]
    [InlineData(CaseAction.Refund, "refund")]
    [InlineData(CaseAction.ShipReplacement, "ship-replacement")]
    [InlineData(CaseAction.ConfirmDelivery, "confirm-delivery")]
    [InlineData(CaseAction.ConvertToRefund, "convert-to-refund")]
    [InlineData(CaseAction.RefundPostage, "refund-postage")]
    [InlineData(CaseAction.RecordPayout, "record-payout")]
    [InlineData(CaseAction.ContactBuyer, "contact-buyer")]
    [InlineData(CaseAction.BuyerAgreed, "buyer-agreed")]
    [InlineData(CaseAction.ConfirmRevised, "confirm-revised")]
    [InlineData(CaseAction.PostExplanation, "post-explanation")]
    [InlineData(CaseAction.MarkMalicious, "mark-malicious")]
    [InlineData(CaseAction.FileAppeal, "file-appeal")]
    [InlineData(CaseAction.AppealUpheld, "appeal-upheld")]
    [InlineData(CaseAction.AppealRejected, "appeal-rejected")]
    [InlineData(CaseAction.Expire, "expire")]
    [InlineData(CaseAction.Lock, "lock")]
    [InlineData(CaseAction.PlatformRefund, "platform-refund")]
    [InlineData(CaseAction.Assign, "assign")]
    [InlineData(CaseAction.AddNote, "add-note")]
    [InlineData(CaseAction.AddEvidence, "add-evidence")]
    [InlineData(CaseAction.Link, "link")]
    [InlineData(CaseAction.Cancel, "cancel")]
    [InlineData(CaseAction.SyncPlatformDeadlines, "sync-platform-deadlines")]
    public void Action_contract_names_are_kebab_case(CaseAction action, string name)
    {
        Assert.Equal(name, action.Name());
        Assert.True(CaseActions.TryParse(name, out var parsed));
        Assert.Equal(action, parsed);
    }

    [Fact]
    public void Every_action_has_a_contract_name_test()
    {
        var tested = typeof(WorkflowDefinitionTests).GetMethod(nameof(Action_contract_names_are_kebab_case))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (CaseAction)a.GetData(null!).Single()[0]);

        Assert.Equal(Enum.GetValues<CaseAction>().Order(), tested.Order());
    }

    private static string Describe(ExpectedWorkflow.Transition t) =>
        $"{t.From} -{t.Action.Name()}-> {string.Join("|", t.To.Order())}";

    private static readonly Regex Edge = new(@"^\s*(?<from>\S+) --> (?<to>\S+)(?: : (?<action>[^\s\[]+))?", RegexOptions.Multiline);

    /// <summary>The states (choice points and [*] aside) and the action labels of a Mermaid state diagram.</summary>
    private static (IReadOnlySet<string> States, IReadOnlySet<string> Actions) Parse(string diagram)
    {
        var states = new HashSet<string>(StringComparer.Ordinal);
        var actions = new HashSet<string>(StringComparer.Ordinal);
        var choices = Regex.Matches(diagram, @"state (\S+) <<choice>>").Select(m => m.Groups[1].Value).ToHashSet();
        foreach (Match edge in Edge.Matches(diagram))
        {
            foreach (var state in new[] { edge.Groups["from"].Value, edge.Groups["to"].Value })
            {
                if (state != "[*]" && !choices.Contains(state)) states.Add(state);
            }
            if (edge.Groups["action"].Success) actions.Add(edge.Groups["action"].Value);
        }
        return (states, actions);
    }
}
