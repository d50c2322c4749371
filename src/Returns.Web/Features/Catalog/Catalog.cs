using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Returns.Domain.Workflows;
using Returns.Web.Infrastructure;

namespace Returns.Web.Features.Catalog;

/// <summary>GET /reasons: the reason catalog with the responsibility each implies and, for a shop, whether it wants a photo.</summary>
public static class ListReasons
{
    public sealed record ReasonView(string Code, Responsibility Responsibility, bool EvidenceRequired, string NameZh, string NameEn);

    public sealed record Result(IReadOnlyList<ReasonView> Items);

    public static Result Get(string? shop, ShopPolicies policies)
    {
        var policy = policies.For(shop?.Trim() ?? "");
        return new(ReasonCatalog.All.Select(r => new ReasonView(r.Code, r.Responsibility, policy.EvidenceRequiredFor(r), r.NameZh, r.NameEn)).ToList());
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("reasons", (string? shop, ShopPolicies policies) => Get(shop, policies))
            .WithName("ListReasons").WithSummary("The reason catalog; evidenceRequired follows the shop's policy (?shop=, else the default).")
            .Produces<Result>();
}

/// <summary>GET /workflows and /workflows/{type}: states, transitions, roles, clocks and a Mermaid diagram.</summary>
public static class DescribeWorkflows
{
    public sealed record StateView(CaseStatus Name, bool Terminal);

    public sealed record TransitionView(CaseStatus From, string Action, IReadOnlyList<CaseStatus> To, IReadOnlyList<Role> Roles);

    /// <summary>
    /// One clock of the type, for the shop asked about: how long it runs (in the unit the policy sets), on which calendar,
    /// when it warns (fractions of its length, and the offsets they come to), what starts, meets and cancels it, and what
    /// happens when it warns and when it is due.
    /// </summary>
    public sealed record ClockView(
        DeadlineKind Kind, string NameZh, string NameEn, double Duration, DurationUnit Unit, ClockCalendar Calendar,
        IReadOnlyList<double> WarnAtFractions, IReadOnlyList<string> WarnAfter, string StartsOn, string? CountsFrom, string MetBy,
        string? CancelledBy, ClockOutcome OnWarning, ClockOutcome OnDue, string? OnDueRule);

    public sealed record WorkflowView(
        CaseType Type, CaseStatus InitialStatus, IReadOnlyList<StateView> States, IReadOnlyList<TransitionView> Transitions,
        IReadOnlyList<string> OpenCaseActions, string Mermaid, IReadOnlyList<ClockView> Clocks);

    public sealed record Result(IReadOnlyList<WorkflowView> Items);

    public static WorkflowView Describe(CaseType type, Domain.Policies.ShopPolicy policy)
    {
        var definition = Workflow.For(type);
        return new(
            type,
            definition.InitialStatus,
            definition.States.Select(s => new StateView(s, s.IsTerminal())).ToList(),
            Workflow.Transitions(type)
                .Where(t => !Workflow.OpenCaseActions.Contains(t.Action) || t.To.Any(to => to != t.From))
                .Select(t => new TransitionView(t.From, t.Action.Name(), t.To, PeopleFor(type, t.Action)))
                .ToList(),
            Workflow.OpenCaseActions.Select(a => a.Name()).Append(CaseAction.Cancel.Name()).ToList(),
            Workflow.Mermaid(type),
            definition.Clocks.Select(c => Clock(c, policy)).ToList());
    }

    private static ClockView Clock(ClockRule clock, Domain.Policies.ShopPolicy policy)
    {
        var duration = clock.DurationFor(policy);
        return new ClockView(clock.Kind, clock.NameZh, clock.NameEn, duration.Value, duration.Unit, clock.Calendar,
            clock.WarnAt, clock.WarnAt.Select(f => System.Xml.XmlConvert.ToString(duration.Span * f)).ToList(),
            string.Join("; ", clock.StartsOn.Select(s => s.Text)), clock.CountsFromText,
            string.Join("; ", clock.MetBy.Select(s => s.Text)),
            clock.CancelledBy.Count == 0 ? null : string.Join("; ", clock.CancelledBy.Select(s => s.Text)),
            clock.OnWarning, clock.OnDue, clock.OnDueText);
    }

    /// <summary>The roles people act in; the system appears only where nobody else may act (timeouts).</summary>
    private static IReadOnlyList<Role> PeopleFor(CaseType type, CaseAction action)
    {
        var roles = Workflow.RolesFor(type, action);
        return roles.All(r => r == Role.System) ? roles : roles.Where(r => r != Role.System).ToList();
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("workflows", (string? shop, ShopPolicies policies) =>
                new Result(Enum.GetValues<CaseType>().Select(t => Describe(t, policies.For(shop?.Trim() ?? ""))).ToList()))
            .WithName("ListWorkflows").WithSummary("Every case type's workflow; clocks for the shop's policy (?shop=, else the default).")
            .Produces<Result>();
        api.MapGet("workflows/{type}", (string type, string? shop, ShopPolicies policies) =>
            {
                var match = Enum.GetValues<CaseType>().Where(t => string.Equals(t.ToString(), type, StringComparison.OrdinalIgnoreCase)).ToList();
                return match.Count == 1 ? Results.Ok(Describe(match[0], policies.For(shop?.Trim() ?? ""))) : throw ProblemException.NotFound($"Workflow '{type}'");
            })
            .WithName("GetWorkflow").WithSummary("One case type's workflow with its clocks for the shop (?shop=), and a Mermaid stateDiagram-v2.")
            .Produces<WorkflowView>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
