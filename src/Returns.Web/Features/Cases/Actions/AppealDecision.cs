using Returns.Domain.Cases;

namespace Returns.Web.Features.Cases.Actions;

/// <summary>The platform upheld the appeal: the review is removed, the case completed.</summary>
public static class AppealUpheld
{
    public sealed record Body;

    public sealed record Command(Guid CaseId, int? ExpectedVersion) : ICaseCommand;

    public sealed class Handler(CaseContext context) : CaseCommandHandler<Command>(context)
    {
        protected override ValueTask Apply(Case @case, Command command, CaseContext context, CancellationToken ct)
        {
            @case.AppealUpheld(context.Actor, context.Now);
            return ValueTask.CompletedTask;
        }
    }

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapCaseAction<Body>(CaseAction.AppealUpheld, (id, _, version) => new Command(id, version),
            "The platform upheld the appeal.");
}

/// <summary>The platform rejected the appeal: the review stands and is locked.</summary>
public static class AppealRejected
{
    public sealed record Body;

    public sealed record Command(Guid CaseId, int? ExpectedVersion) : ICaseCommand;

    public sealed class Handler(CaseContext context) : CaseCommandHandler<Command>(context)
    {
        protected override ValueTask Apply(Case @case, Command command, CaseContext context, CancellationToken ct)
        {
            @case.AppealRejected(context.Actor, context.Now);
            return ValueTask.CompletedTask;
        }
    }

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapCaseAction<Body>(CaseAction.AppealRejected, (id, _, version) => new Command(id, version),
            "The platform rejected the appeal.");
}
