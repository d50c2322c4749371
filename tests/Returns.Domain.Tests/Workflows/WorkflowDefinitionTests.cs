using Returns.Domain.Cases;
using Returns.Domain.Workflows;

namespace Returns.Domain.Tests.Workflows;

public sealed class WorkflowDefinitionTests
{
    [Theory]
    [InlineData(CaseType.Return)]
    [InlineData(CaseType.Exchange)]
    public void Workflow_has_the_states_of_the_design(CaseType type)
    {
        Assert.Equal(ExpectedWorkflow.States(type).Order(), Workflow.States(type).Order());
    }

    [Theory]
    [InlineData(CaseType.Return)]
    [InlineData(CaseType.Exchange)]
    public void Workflow_transitions_are_exactly_the_design_table(CaseType type)
    {
        var expected = ExpectedWorkflow.Transitions(type).Select(Describe).Order(StringComparer.Ordinal);
        var actual = Workflow.Transitions(type).Select(t => Describe(new ExpectedWorkflow.Transition(t.From, t.Action, t.To)))
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(CaseType.Return)]
    [InlineData(CaseType.Exchange)]
    public void New_cases_start_submitted(CaseType type)
    {
        Assert.Equal(CaseStatus.Submitted, Workflow.InitialStatus(type));
    }

    [Theory]
    [InlineData(CaseType.Return)]
    [InlineData(CaseType.Exchange)]
    public void Mermaid_diagram_is_a_state_diagram(CaseType type)
    {
        Assert.StartsWith("stateDiagram-v2", Workflow.Mermaid(type), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CaseType.Return)]
    [InlineData(CaseType.Exchange)]
    public void Mermaid_diagram_shows_every_state(CaseType type)
    {
        var diagram = Workflow.Mermaid(type);

        Assert.All(ExpectedWorkflow.States(type), state => Assert.Contains(state.ToString(), diagram, StringComparison.Ordinal));
    }

    [Fact]
    public void Return_diagram_has_no_replacement_states()
    {
        var diagram = Workflow.Mermaid(CaseType.Return);

        Assert.DoesNotContain(nameof(CaseStatus.ReplacementPending), diagram, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(CaseStatus.ReplacementShipped), diagram, StringComparison.Ordinal);
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
    [InlineData(CaseAction.Expire, "expire")]
    [InlineData(CaseAction.Assign, "assign")]
    [InlineData(CaseAction.AddNote, "add-note")]
    [InlineData(CaseAction.AddEvidence, "add-evidence")]
    [InlineData(CaseAction.Link, "link")]
    [InlineData(CaseAction.Cancel, "cancel")]
    public void Action_contract_names_are_kebab_case(CaseAction action, string name)
    {
        Assert.Equal(name, action.Name());
        Assert.True(CaseActions.TryParse(name, out var parsed));
        Assert.Equal(action, parsed);
    }

    private static string Describe(ExpectedWorkflow.Transition t) =>
        $"{t.From} -{t.Action.Name()}-> {string.Join("|", t.To.Order())}";
}
