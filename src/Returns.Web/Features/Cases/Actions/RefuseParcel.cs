using FluentValidation;
using Returns.Domain.Cases;

namespace Returns.Web.Features.Cases.Actions;

/// <summary>The warehouse refused the parcel (e.g. freight-collect); the buyer must send it again.</summary>
public static class RefuseParcel
{
    public sealed record Body(string? Reason);

    public sealed record Command(Guid CaseId, string? Reason, int? ExpectedVersion) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).RequiredText(2000);
    }

    public sealed class Handler(CaseContext context) : CaseCommandHandler<Command>(context)
    {
        protected override ValueTask Apply(Case @case, Command command, CaseContext context, CancellationToken ct)
        {
            @case.RefuseParcel(command.Reason!, context.Actor, context.Now);
            return ValueTask.CompletedTask;
        }
    }

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapCaseAction<Body>(CaseAction.RefuseParcel, (id, body, version) => new Command(id, body.Reason, version),
            "Refuse the return parcel at the warehouse; the case waits for a new shipment.");
}
