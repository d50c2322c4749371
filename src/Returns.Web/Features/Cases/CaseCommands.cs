using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Returns.Data;
using Returns.Domain.Cases;
using Returns.Domain.Policies;
using Returns.Domain.Privacy;
using Returns.Web.Infrastructure;
using Returns.Web.Features.Cases.Actions;
using Returns.Web.Infrastructure.Security;

namespace Returns.Web.Features.Cases;

/// <summary>A write to one case: one action. <see cref="ExpectedVersion"/> comes from If-Match.</summary>
public interface ICaseCommand : ICommand<CaseView>
{
    Guid CaseId { get; }
    CaseAction Action { get; }
    int? ExpectedVersion { get; }
}

/// <summary>What every case command needs: the database, the clock, the caller and the shop's rules.</summary>
public sealed class CaseContext(
    ReturnsDbContext db, TimeProvider clock, IActorAccessor actors, ShopPolicies policies, TypeAdapterConfig mapping, People people)
{
    public ReturnsDbContext Db => db;

    /// <summary>
    /// The cases the caller may see: a shop-restricted key sees its shop; warehouse staff see the cases whose
    /// parcels they receive (issue 6). Jobs (the system) see everything.
    /// </summary>
    public IQueryable<Case> Cases => Visible(db.Cases);

    public IQueryable<Case> Visible(IQueryable<Case> cases)
    {
        var principal = actors.Principal;
        if (principal?.Identity?.IsAuthenticated != true) return cases;
        if (principal.RestrictedShop() is { } shop) cases = cases.Where(c => c.Shop == shop);
        if (principal.IsKey())
        {
            var scopes = principal.FindAll(Permissions.ScopeClaim).Select(c => c.Value).ToHashSet();
            if (scopes.Contains(Permissions.CasesRead) || scopes.Contains(Permissions.CasesWrite)) return cases;
            // A key without cases:read sees what its work needs: the warehouse the cases whose parcels it receives, a
            // review feed the bad reviews it logs and works.
            var parcels = scopes.Contains(Permissions.Warehouse);
            var reviews = scopes.Contains(Permissions.Reviews);
            return cases.Where(c => (parcels && (c.ReturnTrackingNumber != null || c.Inspection != null))
                || (reviews && c.Type == CaseType.BadReview));
        }
        // Warehouse staff see the cases whose parcels they receive.
        return SecuritySetup.RoleOf(principal) == Permissions.Roles.Warehouse
            ? cases.Where(c => c.ReturnTrackingNumber != null || c.Inspection != null)
            : cases;
    }

    /// <summary>A key with only the <c>reviews</c> scope (a review feed) logs bad reviews, nothing else.</summary>
    public void EnsureMayLog(CaseType type)
    {
        if (type != CaseType.BadReview && actors.Principal is { } principal && principal.IsKey() && !principal.Has(Permissions.CasesWrite))
            throw new ProblemException(403, "forbidden", "Forbidden", "This key may log bad reviews only (scope reviews); other cases need cases:write.");
    }

    /// <summary>A shop-restricted key may only log cases for its own shop.</summary>
    public void EnsureShopAllowed(string shop)
    {
        if (actors.Principal?.RestrictedShop() is { } allowed && !string.Equals(allowed, shop, StringComparison.Ordinal))
            throw new ProblemException(403, "forbidden", "Forbidden", $"This key may only act for shop '{allowed}'.");
    }
    /// <summary>Now, to the microsecond every provider stores (see <see cref="Instants.Stored"/>).</summary>
    public DateTimeOffset Now => Instants.Stored(clock.GetUtcNow());

    public Actor Actor => actors.Current;

    /// <summary>
    /// What the other cases of <paramref name="case"/>'s order (same shop and order number) returned already, read
    /// under the order's lock: of two refunds on one order's cases at once, the second sees the first.
    /// </summary>
    public async Task<OrderMoney> MoneyOfOtherCasesOfOrder(Case @case, CancellationToken ct)
    {
        await OrderLock.AcquireAsync(db.Database, @case.Shop, @case.OrderNumber, ct);
        var others = await db.Cases.AsNoTracking()
            .Where(c => c.Shop == @case.Shop && c.OrderNumber == @case.OrderNumber && c.Id != @case.Id)
            .ToListAsync(ct);
        return OrderMoney.Of(others);
    }

    /// <summary>Whether the caller may take <paramref name="action"/> on <paramref name="case"/> (<see cref="CaseActionAccess"/>), whatever its state.</summary>
    public bool MayTake(Case @case, CaseAction action) => CaseActionAccess.Allows(actors.Principal, Actor.Role, @case, action);

    /// <summary>403 for a caller who may never take <paramref name="action"/> on this case, before anything else is judged.</summary>
    public void EnsureMayTake(Case @case, CaseAction action)
    {
        if (!MayTake(@case, action))
            throw new ProblemException(403, "forbidden", "Forbidden",
                $"This caller may not '{action.Name()}' a {@case.Type.ToString().ToLowerInvariant()} case (role, scopes).");
    }

    /// <summary>The person a user name names (an assignee), or null when nobody has it.</summary>
    public Task<Person?> FindPerson(string userName) => people.Find(userName);

    /// <summary>The caller acting on <paramref name="case"/> now, under its shop's rules.</summary>
    public ActionContext At(Case @case) => new(Actor, Now, PolicyFor(@case));

    /// <summary>The caller acting now for <paramref name="shop"/> (opening a case, receiving a parcel).</summary>
    public ActionContext At(string shop) => new(Actor, Now, PolicyFor(shop));

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
        return await Cases.Include(c => c.Deadlines).SingleOrDefaultAsync(c => c.Id == id, ct)
            ?? throw ProblemException.NotFound($"Case {id}");
    }

    /// <summary>Of the actions the case's state and the caller's role allow, those the caller's permissions allow too.</summary>
    public IReadOnlyList<string> Allowed(Case @case, IReadOnlyList<string> actions) =>
        actions.Where(name => CaseActions.TryParse(name, out var action) && MayTake(@case, action)).ToList();

    public CaseView View(Case @case)
    {
        var view = @case.ToView(Actor, mapping);
        // What the caller can do: the state's actions their role and their permissions both allow (the handlers' own rule).
        view = view with { AllowedActions = Allowed(@case, view.AllowedActions) };
        // docs/business-rules.md §7: everyone sees the phone masked (a person reveals it with a reason, logged);
        // only an integration the admin gave the buyer-contact scope reads it whole.
        return actors.Principal?.Has(Permissions.BuyerContact) == true ? view : view with { Buyer = BuyerContact.Masked(view.Buyer) };
    }
}

/// <summary>Load, let the domain decide, return the view: the shape of every case action.</summary>
public abstract class CaseCommandHandler<TCommand>(CaseContext context) : ICommandHandler<TCommand, CaseView>
    where TCommand : ICaseCommand
{
    public async ValueTask<CaseView> Handle(TCommand command, CancellationToken ct)
    {
        // Who may act comes first: a caller who may never take the action hears 403, whatever the case's version.
        var @case = await context.Load(command.CaseId, ct);
        context.EnsureMayTake(@case, command.Action);
        if (command.ExpectedVersion is { } expected && expected != @case.Version)
            throw ProblemException.PreconditionFailed(expected, @case.Version);
        try
        {
            await Apply(@case, command, context, ct);
        }
        catch (InvalidTransitionException refused)
        {
            // Its allowedActions are the caller's, as in the case itself.
            throw new InvalidTransitionException(refused.Action, refused.Status, context.Allowed(@case, refused.AllowedActions));
        }
        return context.View(@case);
    }

    protected abstract ValueTask Apply(Case @case, TCommand command, CaseContext context, CancellationToken ct);
}

public static class CaseEndpoints
{
    public const string ETagHeader = "ETag";

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

}
