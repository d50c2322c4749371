using Returns.Domain.Cases;
using Returns.Domain.Workflows;
using Returns.Web.Infrastructure;

namespace Returns.Web.Features.Catalog;

/// <summary>GET /reasons: the reason catalog with the responsibility each implies.</summary>
public static class ListReasons
{
    public sealed record ReasonView(string Code, Responsibility Responsibility, bool EvidenceRequired, string NameZh, string NameEn);

    public sealed record Result(IReadOnlyList<ReasonView> Items);

    public static Result Get() =>
        new(ReasonCatalog.All.Select(r => new ReasonView(r.Code, r.Responsibility, r.IsQuality, r.NameZh, r.NameEn)).ToList());

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("reasons", Get).WithName("ListReasons").WithSummary("The reason catalog.").Produces<Result>();
}

/// <summary>GET /workflows and /workflows/{type}: states, transitions, roles and a Mermaid diagram.</summary>
public static class DescribeWorkflows
{
    public sealed record StateView(CaseStatus Name, bool Terminal);

    public sealed record TransitionView(CaseStatus From, string Action, IReadOnlyList<CaseStatus> To, IReadOnlyList<Role> Roles);

    public sealed record WorkflowView(
        CaseType Type, CaseStatus InitialStatus, IReadOnlyList<StateView> States, IReadOnlyList<TransitionView> Transitions,
        IReadOnlyList<string> OpenCaseActions, string Mermaid);

    public sealed record Result(IReadOnlyList<WorkflowView> Items);

    public static WorkflowView Describe(CaseType type) => new(
        type,
        Workflow.InitialStatus(type),
        Workflow.States(type).Select(s => new StateView(s, s.IsTerminal())).ToList(),
        Workflow.Transitions(type)
            .Where(t => !Workflow.OpenCaseActions.Contains(t.Action) || t.To.Any(to => to != t.From))
            .Select(t => new TransitionView(t.From, t.Action.Name(), t.To, PeopleFor(type, t.Action)))
            .ToList(),
        Workflow.OpenCaseActions.Select(a => a.Name()).Append(CaseAction.Cancel.Name()).ToList(),
        Workflow.Mermaid(type));

    /// <summary>The roles people act in; the system appears only where nobody else may act (timeouts).</summary>
    private static IReadOnlyList<Role> PeopleFor(CaseType type, CaseAction action)
    {
        var roles = Workflow.RolesFor(type, action);
        return roles.All(r => r == Role.System) ? roles : roles.Where(r => r != Role.System).ToList();
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("workflows", () => new Result(Enum.GetValues<CaseType>().Select(Describe).ToList()))
            .WithName("ListWorkflows").WithSummary("Every case type's workflow.").Produces<Result>();
        api.MapGet("workflows/{type}", (string type) =>
            {
                var match = Enum.GetValues<CaseType>().Where(t => string.Equals(t.ToString(), type, StringComparison.OrdinalIgnoreCase)).ToList();
                return match.Count == 1 ? Results.Ok(Describe(match[0])) : throw ProblemException.NotFound($"Workflow '{type}'");
            })
            .WithName("GetWorkflow").WithSummary("One case type's workflow, with a Mermaid stateDiagram-v2.")
            .Produces<WorkflowView>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
