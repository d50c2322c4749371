using FluentValidation;
using Returns.Domain.Cases;

namespace Returns.Web.Features.Cases.Actions;

/// <summary>The buyer sent the goods back: carrier, waybill and the postage they advanced.</summary>
public static class RecordReturnShipment
{
    public sealed record Body(string? Carrier, string? TrackingNumber, decimal? Postage, bool? FreightCollect);

    public sealed record Command(Guid CaseId, string? Carrier, string? TrackingNumber, decimal? Postage, bool? FreightCollect, int? ExpectedVersion)
        : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Carrier).RequiredText(64);
            RuleFor(c => c.TrackingNumber).RequiredText(64)
                .Matches("^[A-Za-z0-9-]+$").WithMessage("Letters, digits and '-' only.");
            RuleFor(c => c.Postage).NotNull().WithMessage("Required (0 when none).").Amount();
            RuleFor(c => c.FreightCollect).NotNull().WithMessage("Required: true when the parcel was sent freight-collect (到付).");
        }
    }

    public sealed class Handler(CaseContext context) : CaseCommandHandler<Command>(context)
    {
        protected override ValueTask Apply(Case @case, Command command, CaseContext context, CancellationToken ct)
        {
            @case.RecordReturnShipment(command.Carrier!, command.TrackingNumber!, command.Postage!.Value, command.FreightCollect!.Value,
                context.PolicyFor(@case), context.Actor, context.Now);
            return ValueTask.CompletedTask;
        }
    }

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapCaseAction<Body>(CaseAction.RecordReturnShipment,
            (id, body, version) => new Command(id, body.Carrier, body.TrackingNumber, body.Postage, body.FreightCollect, version),
            "Record the buyer's return parcel; freight-collect (到付) parcels are refused.");
}
