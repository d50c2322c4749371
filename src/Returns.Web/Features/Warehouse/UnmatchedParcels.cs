using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Returns.Domain.Warehouse;
using Returns.Web.Features.Cases;
using Returns.Web.Infrastructure;

namespace Returns.Web.Features.Warehouse;

public sealed record ParcelView(
    Guid Id, string TrackingNumber, IReadOnlyList<ParcelItem> Items, string? Note, string ReceivedBy, DateTimeOffset ReceivedAt,
    Guid? MatchedCaseId, string? MatchedBy, DateTimeOffset? MatchedAt)
{
    public static ParcelView Of(UnmatchedParcel p) =>
        new(p.Id, p.TrackingNumber, p.Items, p.Note, p.ReceivedBy, p.ReceivedAt, p.MatchedCaseId, p.MatchedBy, p.MatchedAt);
}

/// <summary>Parcels no case claimed yet (GET /warehouse/unmatched-parcels), oldest first.</summary>
public static class ListUnmatchedParcels
{
    public sealed record Result(IReadOnlyList<ParcelView> Items);

    public sealed record Query(bool IncludeMatched) : IQuery<Result>;

    public sealed class Handler(CaseContext context) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var parcels = context.Db.UnmatchedParcels.AsNoTracking();
            if (!query.IncludeMatched) parcels = parcels.Where(p => p.MatchedCaseId == null);
            var rows = await parcels.OrderBy(p => p.ReceivedAt).Take(500).ToListAsync(ct);
            return new Result(rows.Select(ParcelView.Of).ToList());
        }
    }

    public static void Map(RouteGroupBuilder warehouse) =>
        warehouse.MapGet("unmatched-parcels", async (bool? includeMatched, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Query(includeMatched ?? false), ct)))
            .WithName("ListUnmatchedParcels")
            .WithSummary("Parcels the warehouse received that matched no case.")
            .Produces<Result>();
}

/// <summary>An agent found the case of an unmatched parcel: its inspection becomes the case's receipt.</summary>
public static class MatchParcel
{
    public sealed record Body(Guid? CaseId);

    public sealed record Command(Guid ParcelId, Guid? CaseId) : ICommand<CaseView>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.CaseId).NotNull().WithMessage("Required.").NotEqual(Guid.Empty);
    }

    public sealed class Handler(CaseContext context) : ICommandHandler<Command, CaseView>
    {
        public async ValueTask<CaseView> Handle(Command command, CancellationToken ct)
        {
            var parcel = await context.Db.UnmatchedParcels.SingleOrDefaultAsync(p => p.Id == command.ParcelId, ct)
                ?? throw ProblemException.NotFound($"Parcel {command.ParcelId}");
            var @case = await context.Load(command.CaseId!.Value, ct);
            parcel.MatchTo(@case, context.At(@case));
            return context.View(@case);
        }
    }

    public static void Map(RouteGroupBuilder warehouse) =>
        warehouse.MapPost("unmatched-parcels/{id:guid}/match", async (Guid id, Body body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                CaseEndpoints.Ok(http, await mediator.Send(new Command(id, body.CaseId), ct)))
            .WithName("MatchParcel")
            .WithSummary("Match an unmatched parcel to its case (in transit); confirms receipt with the recorded inspection.")
            .Produces<CaseView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
