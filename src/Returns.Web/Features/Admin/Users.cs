using FluentValidation;
using Returns.Web.Features.Cases;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Returns.Data;
using Returns.Data.Security;
using Returns.Domain.Cases;
using Returns.Web.Infrastructure;
using Returns.Web.Infrastructure.Security;

namespace Returns.Web.Features.Admin;

/// <summary>Admins manage the people who sign in: create, change role, disable, enable, reset a password, end sessions.</summary>
public static class Users
{
    public sealed record UserView(string Id, string UserName, string Email, string DisplayName, string? Role, bool Disabled, DateTimeOffset? LockedOutUntil, DateTimeOffset CreatedAt);

    public sealed record CreateBody(string? UserName, string? Email, string? DisplayName, string? Role, string? Password);

    public sealed record Create(string? UserName, string? Email, string? DisplayName, string? Role, string? Password) : ICommand<UserView>;

    public sealed record SetRoleBody(string? Role);

    public sealed record SetRole(string Id, string? Role) : ICommand<UserView>;

    public sealed record SetDisabled(string Id, bool Disabled) : ICommand<UserView>;

    public sealed record ResetPasswordBody(string? Password);

    public sealed record ResetPassword(string Id, string? Password) : ICommand<UserView>;

    public sealed record SignOutEverywhere(string Id) : ICommand<UserView>;

    public sealed record List : IQuery<IReadOnlyList<UserView>>;

    public sealed class CreateValidator : AbstractValidator<Create>
    {
        public CreateValidator()
        {
            RuleFor(c => c.UserName).NotEmpty().MaxCharacters(64);
            // A reserved name is refused by the handler (422), whatever its characters.
            RuleFor(c => c.UserName).Matches("^[A-Za-z0-9._@-]+$").WithMessage("Letters, digits, '.', '_', '@', '-'.")
                .When(c => c.UserName is not null && !Actor.IsReservedForPeople(c.UserName));
            RuleFor(c => c.Email).NotEmpty().EmailAddress().MaxCharacters(256);
            RuleFor(c => c.DisplayName).MaxCharacters(128);
            RuleFor(c => c.Role).NotEmpty().Must(r => Permissions.Roles.All.Contains(r!)).WithMessage("agent, supervisor, warehouse or admin.");
            RuleFor(c => c.Password).NotEmpty().MaxCharacters(256);
        }
    }

    public sealed class SetRoleValidator : AbstractValidator<SetRole>
    {
        public SetRoleValidator() =>
            RuleFor(c => c.Role).NotEmpty().Must(r => Permissions.Roles.All.Contains(r!)).WithMessage("agent, supervisor, warehouse or admin.");
    }

    public sealed class ResetPasswordValidator : AbstractValidator<ResetPassword>
    {
        public ResetPasswordValidator() => RuleFor(c => c.Password).NotEmpty().MaximumLength(256);
    }

    public sealed class Handler(UserManager<ReturnsUser> users, ReturnsDbContext db, TimeProvider clock)
        : ICommandHandler<Create, UserView>, ICommandHandler<SetRole, UserView>, ICommandHandler<SetDisabled, UserView>,
            ICommandHandler<ResetPassword, UserView>, ICommandHandler<SignOutEverywhere, UserView>, IQueryHandler<List, IReadOnlyList<UserView>>
    {
        public async ValueTask<UserView> Handle(Create command, CancellationToken ct)
        {
            if (Actor.IsReservedForPeople(command.UserName!))
                throw new ProblemException(422, "reserved-name", "Reserved name",
                    $"'{command.UserName}' names the automatic steps or an API key on the timeline; choose another user name.");
            if (await users.FindByNameAsync(command.UserName!) is not null || await users.FindByEmailAsync(command.Email!) is not null)
                throw new ProblemException(409, "conflict", "Already exists", "A user with this name or email exists.");
            var user = new ReturnsUser
            {
                UserName = command.UserName, Email = command.Email, EmailConfirmed = true,
                DisplayName = command.DisplayName ?? command.UserName!, CreatedAt = clock.GetUtcNow(),
            };
            Check(await users.CreateAsync(user, command.Password!), "password");
            Check(await users.AddToRoleAsync(user, command.Role!), "role");
            return await View(user);
        }

        public async ValueTask<UserView> Handle(SetRole command, CancellationToken ct)
        {
            var user = await Find(command.Id);
            Check(await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user)), "role");
            Check(await users.AddToRoleAsync(user, command.Role!), "role");
            // The new role takes effect at the next request: the person signs in again under it.
            await SessionStore.EndAll(db, users, user, ct);
            return await View(user);
        }

        public async ValueTask<UserView> Handle(SetDisabled command, CancellationToken ct)
        {
            var user = await Find(command.Id);
            Check(await users.SetLockoutEndDateAsync(user, command.Disabled ? DateTimeOffset.MaxValue : null), "user");
            if (!command.Disabled) await users.ResetAccessFailedCountAsync(user);
            await SessionStore.EndAll(db, users, user, ct);
            return await View(user);
        }

        public async ValueTask<UserView> Handle(ResetPassword command, CancellationToken ct)
        {
            var user = await Find(command.Id);
            var token = await users.GeneratePasswordResetTokenAsync(user);
            Check(await users.ResetPasswordAsync(user, token, command.Password!), "password");
            // Whoever knew the old password is signed out with it.
            await SessionStore.EndAll(db, users, user, ct);
            return await View(user);
        }

        public async ValueTask<UserView> Handle(SignOutEverywhere command, CancellationToken ct)
        {
            var user = await Find(command.Id);
            await SessionStore.EndAll(db, users, user, ct);
            return await View(user);
        }

        public async ValueTask<IReadOnlyList<UserView>> Handle(List query, CancellationToken ct)
        {
            var all = await users.Users.OrderBy(u => u.UserName).Take(1000).ToListAsync(ct);
            var views = new List<UserView>();
            foreach (var user in all) views.Add(await View(user));
            return views;
        }

        private async Task<ReturnsUser> Find(string id) =>
            await users.FindByIdAsync(id) ?? throw ProblemException.NotFound($"User {id}");

        private async Task<UserView> View(ReturnsUser user)
        {
            var lockout = await users.GetLockoutEndDateAsync(user);
            var disabled = lockout == DateTimeOffset.MaxValue;
            return new UserView(user.Id, user.UserName!, user.Email!, user.DisplayName, (await users.GetRolesAsync(user)).FirstOrDefault(),
                disabled, disabled || lockout < clock.GetUtcNow() ? null : lockout, user.CreatedAt);
        }

        private static void Check(IdentityResult result, string field)
        {
            if (!result.Succeeded)
                throw new ProblemException(400, "validation-failed", "Validation failed", string.Join(" ", result.Errors.Select(e => e.Description)),
                    new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = result.Errors.Select(e => e.Description).ToArray() } });
        }
    }

    public static void Map(RouteGroupBuilder users)
    {
        users.MapGet("", async (IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new List(), ct)))
            .WithName("ListUsers").WithSummary("People who can sign in.").Produces<IReadOnlyList<UserView>>();
        users.MapPost("", async (CreateBody b, IMediator m, CancellationToken ct) =>
            {
                var user = await m.Send(new Create(b.UserName, b.Email, b.DisplayName, b.Role, b.Password), ct);
                return Results.Created($"/api/v1/admin/users/{user.Id}", user);
            })
            .WithName("CreateUser").WithSummary("Create a person with a role and an initial password (≥ 10 characters, a letter and a digit).")
            .Produces<UserView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        users.MapPost("{id}/role", async (string id, SetRoleBody b, IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new SetRole(id, b.Role), ct)))
            .WithName("SetUserRole").WithSummary("Change a person's role.").Produces<UserView>().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("{id}/disable", async (string id, IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new SetDisabled(id, true), ct)))
            .WithName("DisableUser").WithSummary("Disable a person: signed out, cannot sign in.").Produces<UserView>().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("{id}/enable", async (string id, IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new SetDisabled(id, false), ct)))
            .WithName("EnableUser").WithSummary("Enable a person again (also clears a lockout).").Produces<UserView>().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("{id}/reset-password", async (string id, ResetPasswordBody b, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new ResetPassword(id, b.Password), ct)))
            .WithName("ResetUserPassword").WithSummary("Give a person a new password (≥ 10 characters, a letter and a digit); every session of theirs ends.")
            .Produces<UserView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("{id}/sign-out-everywhere", async (string id, IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new SignOutEverywhere(id), ct)))
            .WithName("SignOutUserEverywhere").WithSummary("End every session of a person, on every device (they can sign in again).")
            .Produces<UserView>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
