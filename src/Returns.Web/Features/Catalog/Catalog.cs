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

/// <summary>GET /rejection-reasons: why a return or exchange may be refused, and which codes refuse a 7-day no-reason return.</summary>
public static class ListRejectionReasons
{
    /// <param name="Code">The code a reject action sends.</param>
    /// <param name="NameZh">The name agents read.</param>
    /// <param name="NameEn">The English name.</param>
    /// <param name="RefusesNoReasonReturn">Whether the code may refuse a no-reason return inside its window (F0-l Q15).</param>
    /// <param name="Condition">When the code applies only at a certain point, what it needs.</param>
    public sealed record RejectionReasonView(RejectionCode Code, string NameZh, string NameEn, bool RefusesNoReasonReturn, string? Condition);

    public sealed record Result(IReadOnlyList<RejectionReasonView> Items);

    public static Result Get() =>
        new(RejectionReasons.All.Select(r => new RejectionReasonView(r.Code, r.NameZh, r.NameEn, r.RefusesNoReasonReturn, r.Condition)).ToList());

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("rejection-reasons", Get)
            .WithName("ListRejectionReasons")
            .WithSummary("The rejection catalog for returns and exchanges; a 7-day no-reason return inside its window is refused only with the codes marked refusesNoReasonReturn.")
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
                .Where(t => !definition.SideActions.Contains(t.Action) || t.To.Any(to => to != t.From))
                .Select(t => new TransitionView(t.From, t.Action.Name(), t.To, PeopleFor(type, t.Action)))
                .ToList(),
            definition.SideActions.Select(a => a.Name()).Append(CaseAction.Cancel.Name()).ToList(),
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
