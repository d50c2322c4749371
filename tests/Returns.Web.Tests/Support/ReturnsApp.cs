using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Returns.Web.Tests.Support;

/// <summary>
/// The real service on Kestrel at 127.0.0.1 (a random port): tests talk real HTTP to it.
/// Time is a FakeTimeProvider the tests move.
/// </summary>
public abstract class ReturnsApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>Why the database is not available, or null when it is.</summary>
    public virtual string? Unavailable => null;

    public abstract string ProviderName { get; }

    protected abstract string ConnectionString { get; }

    private Uri? _address;

    public Uri Address => _address ?? throw new InvalidOperationException("The app has not started.");

    public virtual Task InitializeAsync()
    {
        if (Unavailable is not null) return Task.CompletedTask;
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        _address = new Uri(addresses.First());
        return Task.CompletedTask;
    }

    public new virtual async Task DisposeAsync() => await base.DisposeAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", ProviderName);
        builder.UseSetting("ConnectionStrings:Returns", ConnectionString);
        builder.UseSetting("Database:ApplyMigrations", "true");
        // Hangfire stays off in tests: jobs are called directly, with the fake clock.
        builder.UseSetting("Returns:Jobs:Enabled", "false");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Runs the deadline sweep once, as the recurring job would (Hangfire itself is off in tests).</summary>
    public async Task<Returns.Web.Jobs.SweepResult> Sweep()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Returns.Web.Jobs.DeadlineSweep>().Run();
    }

    /// <summary>An HTTP client on the real socket, acting as <paramref name="actor"/> in <paramref name="role"/>.</summary>
    public Api Client(string actor = "tester", string role = "agent")
    {
        var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Actor", actor);
        http.DefaultRequestHeaders.Add("X-Actor-Role", role);
        return new Api(http, this);
    }
}

/// <summary>The embedded default: a fresh SQLite file per fixture.</summary>
public class SqliteApp : ReturnsApp
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"returns-test-{Guid.NewGuid():N}.db");

    public override string ProviderName => "sqlite";

    protected override string ConnectionString => $"Data Source={_file}";

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
            File.Delete(path);
    }
}

/// <summary>
/// A real PostgreSQL server: <c>RETURNS_TEST_POSTGRES</c> holds a connection string to it (the .ci/run script
/// sets it). Each fixture gets its own database, dropped afterwards. Without the variable the tests are
/// skipped with that reason, except under CI, where a missing server is a failure.
/// </summary>
public sealed class PostgresApp : ReturnsApp
{
    public const string Variable = "RETURNS_TEST_POSTGRES";

    private static readonly string? ServerConnection = Environment.GetEnvironmentVariable(Variable);
    private readonly string _database;
    private readonly bool _ownsDatabase;

    public PostgresApp()
    {
        _database = $"returns_test_{Guid.NewGuid():N}";
        _ownsDatabase = true;
    }

    private PostgresApp(string database)
    {
        _database = database;
        _ownsDatabase = false;
    }

    /// <summary>A second node on this app's database (scale-out tests): it neither creates nor drops it.</summary>
    public PostgresApp SecondNode() => new(_database);

    public override string ProviderName => "postgres";

    public override string? Unavailable => string.IsNullOrWhiteSpace(ServerConnection)
        ? $"PostgreSQL tests skipped: set {Variable} to a connection string (bash .ci/run does)."
        : null;

    protected override string ConnectionString =>
        new NpgsqlConnectionStringBuilder(ServerConnection) { Database = _database, Pooling = true }.ConnectionString;

    public override async Task InitializeAsync()
    {
        if (Unavailable is not null)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"CI must run the PostgreSQL tests: {Unavailable}");
            return;
        }
        if (_ownsDatabase)
        {
            await using var admin = new NpgsqlConnection(ServerConnection);
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Unavailable is not null || !_ownsDatabase) return;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(ServerConnection);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
