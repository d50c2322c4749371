using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Returns.Domain.Cases;
using Returns.Web.Infrastructure;

namespace Returns.Web.Features.Cases;

/// <summary>The append-only history of a case: who did what, when, from which state to which.</summary>
public static class GetTimeline
{
    public sealed record Entry(DateTimeOffset At, string Actor, Role ActorRole, string Action, CaseStatus? From, CaseStatus To, int Version, JsonElement? Data);

    public sealed record Timeline(IReadOnlyList<Entry> Items);

    public sealed record Query(Guid CaseId) : IQuery<Timeline>;

    public sealed class Handler(CaseContext context) : IQueryHandler<Query, Timeline>
    {
        public async ValueTask<Timeline> Handle(Query query, CancellationToken ct)
        {
            if (!await context.Cases.AnyAsync(c => c.Id == query.CaseId, ct))
                throw ProblemException.NotFound($"Case {query.CaseId}");
            var entries = await context.Db.Timeline.AsNoTracking()
                .Where(e => e.CaseId == query.CaseId)
                .OrderBy(e => e.Version)
                .ToListAsync(ct);
            return new Timeline(entries.Select(e => new Entry(e.At, e.Actor, e.ActorRole, e.Action, e.From, e.To, e.Version,
                e.Data is null ? null : JsonDocument.Parse(e.Data).RootElement.Clone())).ToList());
        }
    }

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapGet("{id:guid}/timeline", async (Guid id, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Query(id), ct)))
            .WithName("GetTimeline")
            .WithSummary("The case's timeline, oldest first.")
            .Produces<Timeline>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
