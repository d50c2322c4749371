using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Returns.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}

/// <summary>Chooses the database from configuration (docs/design.md §5): <c>Database:Provider</c> and <c>ConnectionStrings:Returns</c>.</summary>
public static class DatabaseSetup
{
    public const string SqliteMigrations = "Returns.Migrations.Sqlite";
    public const string PostgresMigrations = "Returns.Migrations.PostgreSql";
    public const string SqlServerMigrations = "Returns.Migrations.SqlServer";

    public static DatabaseProvider Provider(IConfiguration configuration)
    {
        var name = configuration["Database:Provider"] ?? "sqlite";
        return name.Trim().ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
            "sqlserver" or "mssql" => DatabaseProvider.SqlServer,
            _ => throw new InvalidOperationException($"Database:Provider '{name}' is not supported (sqlite, postgres, sqlserver)."),
        };
    }

    public static IServiceCollection AddReturnsDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var provider = Provider(configuration);
        var connectionString = configuration.GetConnectionString("Returns");
        if (provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(connectionString))
        {
            // The embedded default: a file in the app's data folder, nothing to install.
            var folder = Path.Combine(contentRoot, "data");
            Directory.CreateDirectory(folder);
            connectionString = $"Data Source={Path.Combine(folder, "returns.db")}";
        }
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("ConnectionStrings:Returns is required for a server database.");
        if (provider == DatabaseProvider.Postgres) connectionString = WithPoolSettings(connectionString);

        // Pooled: a request rents a reset context instead of building one (and its services) anew.
        services.AddDbContextPool<ReturnsDbContext>((services, options) =>
        {
            Configure(options, provider, connectionString);
            // Whoever wants to hear of committed outbox rows (the webhook dispatcher) registers an IOutboxListener.
            if (services.GetService<IOutboxListener>() is { } listener) options.AddInterceptors(new OutboxCommits(listener));
        }, poolSize: 256);
        return services;
    }

    /// <summary>
    /// The pool's settings for PostgreSQL. The same few statements run all day: Npgsql prepares the ones used twice on each connection, so PostgreSQL stops
    /// parsing and planning them (measured: about a fifth more requests a second). A connection string that sets
    /// <c>Max Auto Prepare</c> or <c>No Reset On Close</c> itself is left as it says.
    /// </summary>
    public static string WithPoolSettings(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        // Nothing here leaves session state on a connection (the order lock is the transaction's), so a pooled connection
        // needs no reset statement (DISCARD …) before its next use: a round trip saved on every request.
        // The keys as written (Npgsql's builder cannot tell a default from a value set): "No Reset On Close" or "NoResetOnClose".
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>();
        if (!written.Any(key => key.Replace(" ", "").Equals("NoResetOnClose", StringComparison.OrdinalIgnoreCase)))
            builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) =>
        provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrations)).AddInterceptors(SqlitePragmas.Instance),
            DatabaseProvider.Postgres => options.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrations)),
            DatabaseProvider.SqlServer => options.UseSqlServer(connectionString, o => o.MigrationsAssembly(SqlServerMigrations)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider)),
        };
}
