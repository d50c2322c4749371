using Mediator;
using Microsoft.EntityFrameworkCore;
using Returns.Web.Infrastructure;

namespace Returns.Web.Features.Cases;

/// <summary>One case by id or by its number (AS-000042).</summary>
public static class GetCase
{
    public sealed record Query(string IdOrNumber) : IQuery<CaseView>;

    public sealed class Handler(CaseContext context) : IQueryHandler<Query, CaseView>
    {
        public async ValueTask<CaseView> Handle(Query query, CancellationToken ct)
        {
            var cases = context.Cases.AsNoTracking().Include(c => c.Deadlines);
            var key = query.IdOrNumber.Trim();
            var @case = Guid.TryParse(key, out var id)
                ? await cases.SingleOrDefaultAsync(c => c.Id == id, ct)
                : await cases.SingleOrDefaultAsync(c => c.Number == key.ToUpperInvariant(), ct);
            return @case is null ? throw ProblemException.NotFound($"Case {key}") : context.View(@case);
        }
    }

    public static void Map(RouteGroupBuilder cases) =>
        // {id} like every other case route, though it also takes the case number.
        cases.MapGet("{id}", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                CaseEndpoints.Ok(http, await mediator.Send(new Query(id), ct)))
            .WithName("GetCase")
            .WithSummary("Get a case by id or by number; the ETag is its version.")
            .Produces<CaseView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
