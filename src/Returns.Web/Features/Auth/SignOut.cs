using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Returns.Data;
using Returns.Data.Security;
using Returns.Web.Infrastructure;
using Returns.Web.Infrastructure.Security;

namespace Returns.Web.Features.Auth;

/// <summary>
/// Ending sessions on the server (issue 19, item 6): signing out ends this session, so a saved copy of its cookie is
/// refused from then on; signing out everywhere ends every session of the person (a lost phone, a shared computer).
/// </summary>
public static class SignOut
{
    /// <summary>Ends one session; true when it was still open.</summary>
    public sealed record Command(string? SessionId) : ICommand<bool>;

    /// <summary>Ends every session of the person; how many were open.</summary>
    public sealed record Everywhere(string UserId) : ICommand<int>;

    public sealed class Handler(ReturnsDbContext db, UserManager<ReturnsUser> users) : ICommandHandler<Command, bool>, ICommandHandler<Everywhere, int>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken ct) => await SessionStore.End(db, command.SessionId, ct);

        public async ValueTask<int> Handle(Everywhere command, CancellationToken ct)
        {
            var user = await users.FindByIdAsync(command.UserId) ?? throw ProblemException.NotFound($"User {command.UserId}");
            return await SessionStore.EndAll(db, users, user, ct);
        }
    }

    public static void Map(RouteGroupBuilder auth)
    {
        auth.MapPost("sign-out", async (ClaimsPrincipal user, IMediator m, SignInManager<ReturnsUser> signIn, CancellationToken ct) =>
            {
                await m.Send(new Command(user.FindFirstValue(SessionStore.Claim)), ct);
                await signIn.SignOutAsync();
                return Results.NoContent();
            })
            .RequireAuthorization(Permissions.Person)
            .WithName("SignOut")
            .WithSummary("End this session: its cookie, even a saved copy, is refused from now on.")
            .Produces(StatusCodes.Status204NoContent);

        auth.MapPost("sign-out-everywhere", async (ClaimsPrincipal user, IMediator m, SignInManager<ReturnsUser> signIn, CancellationToken ct) =>
            {
                await m.Send(new Everywhere(signIn.UserManager.GetUserId(user)!), ct);
                await signIn.SignOutAsync();
                return Results.NoContent();
            })
            .RequireAuthorization(Permissions.Person)
            .WithName("SignOutEverywhere")
            .WithSummary("End every session of the signed-in person, on every device, this one included.")
            .Produces(StatusCodes.Status204NoContent);
    }
}
