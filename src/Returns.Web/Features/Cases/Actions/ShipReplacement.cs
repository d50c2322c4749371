using FluentValidation;
using Returns.Domain.Cases;

namespace Returns.Web.Features.Cases.Actions;

/// <summary>The replacement of an exchange left the warehouse.</summary>
public static class ShipReplacement
{
    public sealed record Body(string? Carrier, string? TrackingNumber);

    public sealed record Command(Guid CaseId, string? Carrier, string? TrackingNumber, int? ExpectedVersion) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Carrier).RequiredText(64);
            RuleFor(c => c.TrackingNumber).RequiredText(64)
                .Matches("^[A-Za-z0-9-]+$").WithMessage("Letters, digits and '-' only.");
        }
    }

    public sealed class Handler(CaseContext context) : CaseCommandHandler<Command>(context)
    {
        protected override ValueTask Apply(Case @case, Command command, CaseContext context, CancellationToken ct)
        {
            @case.ShipReplacement(command.Carrier!, command.TrackingNumber!, context.Actor, context.Now);
            return ValueTask.CompletedTask;
        }
    }

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapCaseAction<Body>(CaseAction.ShipReplacement, (id, body, version) => new Command(id, body.Carrier, body.TrackingNumber, version),
            "Record the replacement shipment of an exchange.");
}
