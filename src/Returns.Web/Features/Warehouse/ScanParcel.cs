using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Returns.Domain.Cases;
using Returns.Domain.Warehouse;
using Returns.Web.Features.Cases;
using Returns.Web.Features.CaseTypes.Return;

namespace Returns.Web.Features.Warehouse;

/// <summary>
/// The warehouse scans a returned parcel (POST /warehouse/receipts). It matches the case by return tracking
/// number and confirms receipt with the inspection; a freight-collect parcel is refused (F0-r: 到付件直接拒收);
/// a parcel matching no case is kept for an agent (202).
/// </summary>
public static class ScanParcel
{
    public enum Outcome
    {
        Confirmed,
        Refused,
        Unmatched,
    }

    public sealed record Body(string? TrackingNumber, IReadOnlyList<ReceivedItem>? Items, bool? FreightCollect, string? Note);

    public sealed record Command(string? TrackingNumber, IReadOnlyList<ReceivedItem>? Items, bool? FreightCollect, string? Note)
        : ICommand<Receipt>;

    public sealed record Receipt(Outcome Outcome, CaseView? Case, ParcelView? Parcel);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.TrackingNumber).RequiredText(64).Matches("^[A-Za-z0-9 -]+$").WithMessage("Letters, digits and '-' only.");
            RuleFor(c => c.Items).NotEmpty().WithMessage("List what is in the parcel, item by item.");
            RuleForEach(c => c.Items).NotNull().WithMessage("Required.");
            RuleForEach(c => c.Items).SetValidator(new ReceivedItemValidator());
            RuleFor(c => c.FreightCollect).NotNull().WithMessage("Required: true when the courier asks us to pay (到付).");
            RuleFor(c => c.Note).MaxCharacters(2000);
        }
    }

    public sealed class Handler(CaseContext context) : ICommandHandler<Command, Receipt>
    {
        public async ValueTask<Receipt> Handle(Command command, CancellationToken ct)
        {
            var tracking = ReturnShipment.Normalize(command.TrackingNumber!);
            var candidates = await context.Cases.Include(c => c.Deadlines).Where(c => c.ReturnTrackingNumber == tracking).ToListAsync(ct);
            // The open case holding the number first (there is at most one); a closed case's parcel answers 409 below.
            var @case = candidates.OrderByDescending(c => c.ClaimedReturnTrackingNumber == tracking)
                .ThenByDescending(c => c.Status == CaseStatus.ReturnInTransit).ThenByDescending(c => c.Sequence).FirstOrDefault();

            if (@case is not null)
            {
                if (command.FreightCollect == true)
                {
                    @case.RefuseParcel("Freight-collect (到付) parcel refused at the warehouse." + (command.Note is null ? "" : " " + command.Note),
                        context.At(@case));
                    return new Receipt(Outcome.Refused, context.View(@case), null);
                }
                @case.ConfirmReceipt(ReceivedItem.Inspection(command.Items!), command.Note, context.At(@case));
                return new Receipt(Outcome.Confirmed, context.View(@case), null);
            }

            if (command.FreightCollect == true)
                throw new PolicyViolationException(PolicyCodes.FreightCollectRefused,
                    $"Parcel {tracking} matches no case and is freight-collect (到付): refuse it at the door.");

            // A second scan of the same unknown parcel (no case, so no shop's rules yet) finds the first record instead of adding another.
            var parcel = await context.Db.UnmatchedParcels.FirstOrDefaultAsync(p => p.TrackingNumber == tracking && p.MatchedCaseId == null, ct);
            if (parcel is null)
            {
                parcel = UnmatchedParcel.Receive(tracking,
                    command.Items!.Select(i => new ParcelItem(i.Sku!.Trim(), i.Quantity!.Value, i.Condition!.Value)).ToList(),
                    command.Note, new ActionContext(context.Actor, context.Now, Returns.Domain.Policies.ShopPolicy.Default));
                context.Db.UnmatchedParcels.Add(parcel);
            }
            return new Receipt(Outcome.Unmatched, null, ParcelView.Of(parcel));
        }
    }

    public static void Map(RouteGroupBuilder warehouse) =>
        warehouse.MapPost("receipts", async (Command command, IMediator mediator, CancellationToken ct) =>
            {
                var receipt = await mediator.Send(command, ct);
                return receipt.Outcome == Outcome.Unmatched
                    ? Results.Accepted($"/api/v1/warehouse/unmatched-parcels/{receipt.Parcel!.Id}", receipt)
                    : Results.Ok(receipt);
            })
            .WithName("ScanParcel")
            .WithSummary("Scan a returned parcel: confirm receipt on its case, refuse it if freight-collect, or keep it unmatched (202).")
            .Produces<Receipt>()
            .Produces<Receipt>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
