using Returns.Domain.Cases;

namespace Returns.Web.Features.Cases.Actions;

/// <summary>The buyer received the replacement: the exchange is complete.</summary>
public static class ConfirmDelivery
{
    public sealed record Body;

    public sealed record Command(Guid CaseId, int? ExpectedVersion) : ICaseCommand;

    public sealed class Handler(CaseContext context) : CaseCommandHandler<Command>(context)
    {
        protected override ValueTask Apply(Case @case, Command command, CaseContext context, CancellationToken ct)
        {
            @case.ConfirmDelivery(context.Actor, context.Now);
            return ValueTask.CompletedTask;
        }
    }

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapCaseAction<Body>(CaseAction.ConfirmDelivery, (id, _, version) => new Command(id, version),
            "Confirm the buyer received the replacement; completes the exchange.");
}
