using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using Mapster;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Returns.Data;
using Returns.Web.Features;
using Returns.Web.Features.Cases;
using Returns.Web.Infrastructure.Security;

namespace Returns.Web.Infrastructure;

public static class Startup
{
    public static void ConfigureJson(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.Converters.Add(new ContractEnumConverterFactory());
        json.Converters.Add(new NoNulStringConverter());
        json.Converters.Add(new MoneyJsonConverter());
        // A misspelt field is an error, not a silently ignored default.
        json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
    }

    public static WebApplicationBuilder AddReturns(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddReturnsJobs(builder.Configuration);
        services.AddReturnsRequestLimits(builder.Configuration);
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        // Chinese text is written as text, not as &#x…; entities (still encoded for HTML safety).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddSingleton<Console.ShopClock>();
        services.AddRazorPages(o =>
        {
            // The console (docs/design.md §1: Console/): every page needs a signed-in person but the sign-in page.
            o.RootDirectory = "/Console";
            o.Conventions.AuthorizeFolder("/", Permissions.Person);
            o.Conventions.AllowAnonymousToPage("/Account/SignIn");
            o.Conventions.AllowAnonymousToPage("/Account/Language");
        });
        services.AddReturnsDatabase(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddHttpContextAccessor();
        services.AddScoped<IActorAccessor, PrincipalActorAccessor>();
        services.AddReturnsSecurity(builder.Configuration);
        services.AddSingleton<ShopPolicies>();
        services.AddSingleton<CaseNumbers>();
        services.AddSingleton(CaseViews.Configure(new TypeAdapterConfig()));
        services.AddScoped<CaseContext>();
        services.AddScoped<People>();
        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>), typeof(TransactionBehavior<,>)];
        });

        services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(o => ConfigureJson(o.JsonSerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemExceptionHandler.Complete);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddReturnsOpenApi();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return builder;
    }

    public static WebApplication UseReturns(this WebApplication app)
    {
        app.UseConnectionCloseAfterUnreadBody();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCrossOriginWriteGuard();
        app.UseBodySizeLimits();
        app.UseUtf8Bodies();
        app.UsePlainPaths();
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint(OpenApi.DocumentPath, "Returns API v1");
            o.DocumentTitle = "Returns API";
        });
        app.UseStaticFiles();
        // The console speaks Simplified Chinese first, English when chosen (cookie, or the browser's language).
        app.UseRequestLocalization(o =>
        {
            o.SetDefaultCulture("zh-CN");
            o.SupportedCultures = Console.ConsoleText.Cultures;
            o.SupportedUICultures = Console.ConsoleText.Cultures;
        });
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<IdempotencyMiddleware>();
        app.MapReturnsOpenApi();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        if (JobsSetup.RunsApi(app.Configuration))
        {
            app.MapReturnsApi();
            app.MapRazorPages();
        }
        app.UseReturnsJobs();
        return app;
    }

    /// <summary>
    /// SQLite (the embedded default) is migrated at start; a server database only when
    /// <c>Database:ApplyMigrations</c> is true or by the <c>migrate</c> command.
    /// </summary>
    public static async Task MigrateIfConfigured(this WebApplication app)
    {
        var provider = DatabaseSetup.Provider(app.Configuration);
        var apply = app.Configuration.GetValue<bool?>("Database:ApplyMigrations") ?? provider == DatabaseProvider.Sqlite;
        if (apply) await app.Migrate();
    }

    public static async Task Migrate(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReturnsDbContext>();
        // Migrating also compares the model with the last migration, which costs about a second: an up-to-date
        // database (every start but the first after a release) skips it.
        if ((await db.Database.GetPendingMigrationsAsync()).Any()) await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }
}

public sealed class DatabaseHealthCheck(ReturnsDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(ct)) return HealthCheckResult.Unhealthy("Cannot connect to the database.");
            var pending = await db.Database.GetPendingMigrationsAsync(ct);
            return pending.Any()
                ? HealthCheckResult.Unhealthy($"Migrations pending: {string.Join(", ", pending)}")
                : HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Database check failed.", e);
        }
    }
}
