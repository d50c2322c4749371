using System.Security.Claims;
using FluentValidation;
using Returns.Web.Features.Cases;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Returns.Data;
using Returns.Data.Security;
using Returns.Web.Infrastructure;
using Returns.Web.Infrastructure.Security;

namespace Returns.Web.Features.Auth;

/// <summary>Session sign-in for people (the console signs in through its page; scripts and tests through here).</summary>
public static class SignIn
{
    public sealed record Body(string? UserName, string? Password);

    public sealed record Me(string Name, string? DisplayName, string Kind, string? Role, IReadOnlyList<string> Scopes, string? Shop);

    /// <summary>The outcome, not an exception: a failed attempt must keep its failure count (lockout).</summary>
    public sealed record Outcome(Me? Me, int? LockedForSeconds);

    /// <summary>
    /// A plain request, not a transactional command: Identity saves the failure count and the session key ring
    /// itself, and must not wait behind a transaction of ours.
    /// </summary>
    public sealed record Command(string? UserName, string? Password) : IRequest<Outcome>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.UserName).NotEmpty().MaxCharacters(256);
            RuleFor(c => c.Password).NotEmpty().MaxCharacters(256);
        }
    }

    public sealed class Handler(SignInManager<ReturnsUser> signIn, SignInAttempts attempts, ReturnsDbContext db) : IRequestHandler<Command, Outcome>
    {
        public async ValueTask<Outcome> Handle(Command command, CancellationToken ct)
        {
            var users = signIn.UserManager;
            var user = await users.FindByNameAsync(command.UserName!) ?? await users.FindByEmailAsync(command.UserName!);
            if (user is null) return new Outcome(null, null);
            // Lockout is wall time, like the session.
            var now = TimeProvider.System.GetUtcNow();
            if (!await attempts.TryTake(user.Id, now, ct))
                return new Outcome(null, await attempts.LockedForSeconds(user.Id, now, ct));

            // The hasher itself, not UserManager.CheckPasswordAsync: that may rewrite the whole row (a rehash) from the
            // copy loaded above, whose failure count is already stale.
            var verified = user.PasswordHash is not null
                && users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash, command.Password!) != PasswordVerificationResult.Failed;
            if (!verified)
                return await attempts.Failed(user.Id, now, ct)
                    ? new Outcome(null, await attempts.LockedForSeconds(user.Id, now, ct))
                    : new Outcome(null, null);

            await attempts.Succeeded(user.Id, ct);
            var session = await SessionStore.Start(db, user.Id, ct);
            await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(SessionStore.Claim, session)]);
            var role = (await users.GetRolesAsync(user)).FirstOrDefault();
            return new Outcome(new Me(user.UserName!, user.DisplayName, "user", role, [], null), null);
        }
    }

    public static Me Describe(ClaimsPrincipal user) => user.IsKey()
        ? new Me(user.Identity!.Name!, null, "key", null, user.FindAll(Permissions.ScopeClaim).Select(c => c.Value).ToList(), user.RestrictedShop())
        : new Me(user.Identity!.Name!, user.FindFirstValue("display_name"), "user", SecuritySetup.RoleOf(user), [], null);

    public static void Map(RouteGroupBuilder auth)
    {
        auth.MapPost("sign-in", async (Body body, IMediator mediator, CancellationToken ct) =>
            {
                var outcome = await mediator.Send(new Command(body.UserName, body.Password), ct);
                if (outcome.LockedForSeconds is { } seconds)
                    throw new ProblemException(403, "locked-out", "Locked out", "Too many failed sign-ins; try again later or ask an admin.",
                        new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds });
                return outcome.Me is { } me
                    ? Results.Ok(me)
                    : throw new ProblemException(401, "unauthenticated", "Sign-in failed", "Wrong user name or password.");
            })
            .AllowAnonymous()
            .WithName("SignIn")
            .WithSummary("Sign in with user name (or email) and password; sets the session cookie. Locked out after repeated failures.")
            .Produces<Me>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        auth.MapGet("me", (ClaimsPrincipal user) => Results.Ok(Describe(user)))
            .RequireAuthorization(Permissions.Authenticated)
            .WithName("WhoAmI")
            .WithSummary("Who the caller is: a person and their role, or a key and its scopes.")
            .Produces<Me>();
    }
}
