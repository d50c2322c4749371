using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Returns.Data;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Returns.Web.Features.Webhooks;
using Returns.Web.Jobs;
using Returns.Web.Infrastructure.Security;

namespace Returns.Web.Infrastructure;

/// <summary>
/// Hangfire (docs/design.md §4, §5): in-memory storage with SQLite (all durable state is in our own tables), PostgreSQL
/// storage otherwise, so that several nodes share one job engine. <c>Returns:Roles</c> = api, worker or both
/// decides whether this node runs the Hangfire server; <c>Returns:Jobs:Enabled=false</c> leaves Hangfire out
/// (tests call the jobs directly).
/// </summary>
public static class JobsSetup
{
    private sealed class SupervisorsOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.Has(Security.Permissions.Jobs);
    }

    public static bool JobsEnabled(IConfiguration configuration) => configuration.GetValue("Returns:Jobs:Enabled", true);

    public static bool RunsWorker(IConfiguration configuration) => HasRole(configuration, "worker");

    /// <summary>An api node serves the REST API, the console and the dashboard; a worker-only node only health and jobs.</summary>
    public static bool RunsApi(IConfiguration configuration) => HasRole(configuration, "api");

    private static bool HasRole(IConfiguration configuration, string role) =>
        (configuration["Returns:Roles"] ?? "api,worker").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Contains(role, StringComparer.OrdinalIgnoreCase);

    public static IServiceCollection AddReturnsJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<DeadlineSweep>();
        services.AddScoped<WebhookDispatch>();
        services.AddScoped<BuyerDataRemoval>();
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section)
            .Validate(o => o.RetainBuyerDataDays >= 1, $"{PrivacyOptions.Section}:RetainBuyerDataDays must be at least 1.").ValidateOnStart();
        services.TryAddSingleton<IWebhookNetwork, SystemNetwork>();
        services.AddSingleton<WebhookTargets>();
        services.AddHttpClient(WebhookDispatch.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<WebhookTargets>().Handler());
        if (WebhookDispatcher.Enabled(configuration))
        {
            services.AddSingleton<WebhookDispatcher>();
            services.AddSingleton<IOutboxListener>(sp => sp.GetRequiredService<WebhookDispatcher>());
            services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        }
        if (!JobsEnabled(configuration)) return services;

        var provider = DatabaseSetup.Provider(configuration);
        var connectionString = configuration.GetConnectionString("Returns");
        services.AddHangfire(hangfire =>
        {
            hangfire.UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            switch (provider)
            {
                case DatabaseProvider.Postgres:
                    hangfire.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
                    {
                        SchemaName = "hangfire",
                        QueuePollInterval = TimeSpan.FromSeconds(configuration.GetValue("Returns:Jobs:PollSeconds", 15)),
                    });
                    break;
                case DatabaseProvider.SqlServer:
                    hangfire.UseSqlServerStorage(connectionString, new Hangfire.SqlServer.SqlServerStorageOptions
                    {
                        SchemaName = "hangfire",
                        QueuePollInterval = TimeSpan.FromSeconds(configuration.GetValue("Returns:Jobs:PollSeconds", 15)),
                    });
                    break;
                default:
                    // SQLite: all durable state is in our own tables, so jobs lose nothing on restart.
                    hangfire.UseInMemoryStorage();
                    break;
            }
        });
        if (RunsWorker(configuration))
            services.AddHangfireServer(o => o.WorkerCount = Math.Max(2, Environment.ProcessorCount));
        return services;
    }

    public static WebApplication UseReturnsJobs(this WebApplication app)
    {
        if (!JobsEnabled(app.Configuration)) return app;
        if (RunsWorker(app.Configuration))
            RecurringJobs.Register(app.Services.GetRequiredService<IRecurringJobManager>());
        if (!RunsApi(app.Configuration)) return app;
        // docs/design.md §1: supervisors and admins only (signed in to the console).
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new SupervisorsOnly()],
            DashboardTitle = "Returns jobs",
        });
        return app;
    }
}
