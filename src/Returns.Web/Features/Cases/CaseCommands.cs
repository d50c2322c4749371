using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Returns.Data;
using Returns.Domain.Cases;
using Returns.Domain.Policies;
using Returns.Web.Infrastructure;

namespace Returns.Web.Features.Cases;

/// <summary>A write to one case. <see cref="ExpectedVersion"/> comes from If-Match.</summary>
public interface ICaseCommand : ICommand<CaseView>
{
    Guid CaseId { get; }
    int? ExpectedVersion { get; }
}

/// <summary>What every case command needs: the database, the clock, the caller and the shop's rules.</summary>
public sealed class CaseContext(ReturnsDbContext db, TimeProvider clock, IActorAccessor actors, ShopPolicies policies, TypeAdapterConfig mapping)
{
    public ReturnsDbContext Db => db;
    public DateTimeOffset Now => clock.GetUtcNow();
    public Actor Actor => actors.Current;

    public ShopPolicy PolicyFor(Case @case) => policies.For(@case.Shop);

    public ShopPolicy PolicyFor(string shop) => policies.For(shop);

    /// <summary>The shop's time zone, in which people read times.</summary>
    public TimeZoneInfo TimeZoneOf(Case @case) => TimeZoneInfo.FindSystemTimeZoneById(PolicyFor(@case).TimeZone);

    /// <summary>The case with its clocks; one already loaded in this unit of work (a sweep's batch) is reused.</summary>
    public async Task<Case> Load(Guid id, CancellationToken ct)
    {
        // Looking in the change tracker must not run DetectChanges over every tracked case (a sweep holds hundreds).
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            if (db.Cases.Local.FindEntry(id)?.Entity is { } tracked)
            {
                var deadlines = db.Entry(tracked).Collection(c => c.Deadlines);
                if (!deadlines.IsLoaded) await deadlines.LoadAsync(ct);
                return tracked;
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
        return await db.Cases.Include(c => c.Deadlines).SingleOrDefaultAsync(c => c.Id == id, ct)
            ?? throw ProblemException.NotFound($"Case {id}");
    }

    /// <summary>Loads a case to change it; a stale If-Match is refused before anything happens (412).</summary>
    public async Task<Case> LoadForChange(Guid id, int? expectedVersion, CancellationToken ct)
    {
        var @case = await Load(id, ct);
        if (expectedVersion is { } expected && expected != @case.Version)
            throw ProblemException.PreconditionFailed(expected, @case.Version);
        return @case;
    }

    public CaseView View(Case @case) => @case.ToView(Actor, mapping);
}

/// <summary>Load, let the domain decide, return the view: the shape of every case action.</summary>
public abstract class CaseCommandHandler<TCommand>(CaseContext context) : ICommandHandler<TCommand, CaseView>
    where TCommand : ICaseCommand
{
    public async ValueTask<CaseView> Handle(TCommand command, CancellationToken ct)
    {
        var @case = await context.LoadForChange(command.CaseId, command.ExpectedVersion, ct);
        await Apply(@case, command, context, ct);
        return context.View(@case);
    }

    protected abstract ValueTask Apply(Case @case, TCommand command, CaseContext context, CancellationToken ct);
}

public static class CaseEndpoints
{
    public const string ETagHeader = "ETag";

    /// <summary>Maps <c>POST /cases/{id}/{action}</c>: the body, plus If-Match, becomes the command.</summary>
    public static RouteHandlerBuilder MapCaseAction<TBody>(
        this RouteGroupBuilder cases, CaseAction action, Func<Guid, TBody, int?, ICaseCommand> command, string summary)
        where TBody : class =>
        cases.MapPost($"{{id:guid}}/{action.Name()}",
                async (Guid id, TBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                    Ok(http, await mediator.Send(command(id, body, IfMatch(http)), ct)))
            .WithName(Pascal(action.Name()))
            .WithSummary(summary)
            .Produces<CaseView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    /// <summary>200 with the case and its ETag (the version).</summary>
    public static IResult Ok(HttpContext http, CaseView view)
    {
        http.Response.Headers[ETagHeader] = ETag(view.Version);
        return Results.Ok(view);
    }

    public static string ETag(int version) => $"\"{version}\"";

    /// <summary>Reads If-Match: <c>"7"</c> or <c>*</c>; anything else is a 400.</summary>
    public static int? IfMatch(HttpContext http)
    {
        var header = http.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*") return null;
        var value = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        return value.Length > 2 && value[0] == '"' && value[^1] == '"' && int.TryParse(value[1..^1], out var version)
            ? version
            : throw ProblemException.Validation("If-Match", "Expected the case's ETag, e.g. \"3\".");
    }

    private static string Pascal(string kebab) =>
        string.Concat(kebab.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
