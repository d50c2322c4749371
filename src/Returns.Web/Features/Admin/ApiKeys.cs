using FluentValidation;
using Returns.Web.Features.Cases;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Returns.Data;
using Returns.Data.Security;
using Returns.Web.Infrastructure;
using Returns.Web.Infrastructure.Security;

namespace Returns.Web.Features.Admin;

/// <summary>Admins create integration keys (shown once, stored hashed), list and revoke them.</summary>
public static class ApiKeys
{
    public sealed record KeyView(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, string? Shop, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
    {
        public static KeyView Of(ApiKey k) => new(k.Id, k.Name, k.Prefix, k.Scopes, k.Shop, k.CreatedBy, k.CreatedAt, k.RevokedAt);
    }

    /// <summary>The only time the key's text is shown.</summary>
    public sealed record CreatedKey(KeyView Key, string ApiKey);

    public sealed record CreateBody(string? Name, IReadOnlyList<string>? Scopes, string? Shop);

    public sealed record Create(string? Name, IReadOnlyList<string>? Scopes, string? Shop) : ICommand<CreatedKey>;

    public sealed record Revoke(Guid Id) : ICommand<KeyView>;

    public sealed record List : IQuery<IReadOnlyList<KeyView>>;

    public sealed class CreateValidator : AbstractValidator<Create>
    {
        public CreateValidator()
        {
            RuleFor(c => c.Name).NotEmpty().MaxCharacters(64).Matches("^[A-Za-z0-9._-]+$").WithMessage("Letters, digits, '.', '_', '-'.");
            RuleFor(c => c.Scopes).NotEmpty().WithMessage($"At least one of {string.Join(", ", Permissions.Scopes)}.");
            RuleForEach(c => c.Scopes).Must(s => Permissions.Scopes.Contains(s)).WithMessage($"One of {string.Join(", ", Permissions.Scopes)}.");
            RuleFor(c => c.Shop).MaxCharacters(64).Matches("^[A-Za-z0-9_.-]+$").When(c => c.Shop is not null);
        }
    }

    public sealed class Handler(ReturnsDbContext db, IActorAccessor actors, TimeProvider clock, ApiKeyCache cache)
        : ICommandHandler<Create, CreatedKey>, ICommandHandler<Revoke, KeyView>, IQueryHandler<List, IReadOnlyList<KeyView>>
    {
        public async ValueTask<CreatedKey> Handle(Create command, CancellationToken ct)
        {
            // Names are unique, revoked keys' too: `key:<name>` on the timeline names one integration.
            if (await db.ApiKeys.AnyAsync(k => k.Name == command.Name, ct)) throw NameTaken(command.Name!);
            var (text, prefix) = ApiKeyAuthentication.NewKey();
            var key = new ApiKey
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()), Name = command.Name!, Prefix = prefix, SecretHash = ApiKeyAuthentication.Hash(text),
                Scopes = command.Scopes!.Distinct().ToList(), Shop = command.Shop, CreatedBy = actors.Current.Name, CreatedAt = clock.GetUtcNow(),
            };
            db.ApiKeys.Add(key);
            try
            {
                // Saved here, not at the end of the command, so that losing a race for the name is told as such.
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                throw NameTaken(command.Name!);
            }
            return new CreatedKey(KeyView.Of(key), text);
        }

        private static ProblemException NameTaken(string name) =>
            new(409, "api-key-name-taken", "Name taken", $"An API key named '{name}' exists (or existed); choose another name.");

        public async ValueTask<KeyView> Handle(Revoke command, CancellationToken ct)
        {
            var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == command.Id, ct) ?? throw ProblemException.NotFound($"API key {command.Id}");
            key.RevokedAt ??= clock.GetUtcNow();
            // This node refuses the key from now on; the others read the revocation within ApiKeyCache.Lifetime.
            cache.Revoked(key.SecretHash);
            return KeyView.Of(key);
        }

        public async ValueTask<IReadOnlyList<KeyView>> Handle(List query, CancellationToken ct) =>
            (await db.ApiKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync(ct)).Select(KeyView.Of).ToList();
    }

    public static void Map(RouteGroupBuilder keys)
    {
        keys.MapGet("", async (IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new List(), ct)))
            .WithName("ListApiKeys").WithSummary("Integration keys (never their text).").Produces<IReadOnlyList<KeyView>>();
        keys.MapPost("", async (CreateBody b, IMediator m, CancellationToken ct) =>
            {
                var created = await m.Send(new Create(b.Name, b.Scopes, b.Shop), ct);
                return Results.Created($"/api/v1/admin/api-keys/{created.Key.Id}", created);
            })
            .WithName("CreateApiKey").WithSummary("Create a key with a unique name, scopes (cases:read, cases:write, warehouse, reviews, webhooks, buyer-contact, audit) and an optional shop; its text is shown once.")
            .Produces<CreatedKey>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        keys.MapDelete("{id:guid}", async (Guid id, IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new Revoke(id), ct)))
            .WithName("RevokeApiKey").WithSummary("Revoke a key at once (idempotent).").Produces<KeyView>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
