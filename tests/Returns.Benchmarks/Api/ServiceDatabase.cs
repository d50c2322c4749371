using System.Diagnostics;
using Npgsql;

namespace Returns.Benchmarks.Api;

/// <summary>
/// A fresh, empty database for one run, and how the service is told about it. Disposing removes it (after the
/// service has stopped: the run disposes the service first).
/// </summary>
public abstract class ServiceDatabase : IAsyncDisposable
{
    /// <summary>The service's configuration for this database: <c>Database:Provider</c> and <c>ConnectionStrings:Returns</c>.</summary>
    public abstract IReadOnlyDictionary<string, string> Environment { get; }

    public abstract string Description { get; }

    /// <summary>Creates the database and migrates it when the service does not migrate at start; how long that took.</summary>
    public abstract Task<TimeSpan?> Prepare(string dll, IReadOnlyDictionary<string, string> service, string logPath, CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    public static ServiceDatabase For(ApiOptions options, string server, RunFolder folder) => options.Database switch
    {
        ApiDatabase.Sqlite => new SqliteDatabase(Path.Combine(folder.Path, "bench.db")),
        ApiDatabase.Postgres => new PostgresDatabase(server),
        _ => throw new ArgumentOutOfRangeException(nameof(options)),
    };
}

/// <summary>A file in the run's folder (removed with it); the service applies the migrations at start, as it does on SQLite.</summary>
public sealed class SqliteDatabase(string file) : ServiceDatabase
{
    public override IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>
    {
        ["Database__Provider"] = "sqlite",
        ["ConnectionStrings__Returns"] = $"Data Source={file}",
    };

    public override string Description => $"SQLite {file} (migrated by the service at start)";

    public override Task<TimeSpan?> Prepare(string dll, IReadOnlyDictionary<string, string> service, string logPath, CancellationToken ct) =>
        Task.FromResult<TimeSpan?>(null);

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// <c>returns_api_bench_{guid}</c> on the server, migrated by <c>dotnet Returns.Web.dll migrate</c> as a deployment
/// migrates a server database, and dropped at the end.
/// </summary>
public sealed class PostgresDatabase(string server) : ServiceDatabase
{
    private readonly string _name = $"returns_api_bench_{Guid.NewGuid():N}";
    private bool _created;

    public override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["Database__Provider"] = "postgres",
        ["ConnectionStrings__Returns"] = new NpgsqlConnectionStringBuilder(server) { Database = _name }.ConnectionString,
    };

    public override string Description
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(server);
            return $"PostgreSQL {_name} on {builder.Host}:{builder.Port} (migrated by `dotnet Returns.Web.dll migrate`)";
        }
    }

    public override async Task<TimeSpan?> Prepare(string dll, IReadOnlyDictionary<string, string> service, string logPath, CancellationToken ct)
    {
        await Admin($"CREATE DATABASE \"{_name}\"", ct);
        _created = true;
        var started = Stopwatch.GetTimestamp();
        await ServiceProcess.RunToEnd(dll, service, logPath, ct, "migrate");
        return Stopwatch.GetElapsedTime(started);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_created) return;
        try
        {
            await Admin($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", CancellationToken.None);
            Console.WriteLine($"  database {_name} dropped");
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            Console.Error.WriteLine($"  could not drop database {_name}: {e.Message}; DROP DATABASE \"{_name}\" WITH (FORCE) by hand");
        }
    }

    private async Task Admin(string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>A temporary folder for one run (the service's log, the SQLite file), removed at the end.</summary>
public sealed class RunFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("returns-api-bench-").FullName;

    public string ServiceLog => System.IO.Path.Combine(Path, "service.log");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"  could not remove {Path}: {e.Message}");
        }
    }
}
