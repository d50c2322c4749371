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

    /// <summary>The database this app uses, for a process started outside the test host.</summary>
    public string DatabaseConnectionString => ConnectionString;

    private Uri? _address;

    /// <summary>Where the app listens; a test reaching for an app whose database is missing is skipped with the reason.</summary>
    public Uri Address
    {
        get
        {
            Skip.If(Unavailable is not null, Unavailable);
            return _address ?? throw new InvalidOperationException("The app has not started.");
        }
    }

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
        builder.UseSetting("Returns:Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Returns:Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("Returns:Bootstrap:ApiKey", BootstrapKey);
        builder.UseSetting("Returns:RateLimit:PermitsPerMinute", "100000");
        // The webhook receivers of the tests listen on 127.0.0.1 (WebhookTargetTests turn this off again).
        builder.UseSetting("Returns:Webhooks:AllowPrivateTargets", "true");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Runs the webhook dispatcher once, as the recurring job would.</summary>
    public async Task<Returns.Web.Jobs.DispatchResult> Dispatch()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Returns.Web.Jobs.WebhookDispatch>().Run();
    }

    /// <summary>Another service instance on the same database (scale-out and restart tests), configured further by <paramref name="configure"/>.</summary>
    public ReturnsApp AnotherNode(Action<IWebHostBuilder>? configure = null) => this switch
    {
        SqliteApp sqlite => sqlite.SecondNode(configure),
        PostgresApp postgres => postgres.SecondNode(configure),
        SqlServerApp sqlServer => sqlServer.SecondNode(),
        _ => throw new NotSupportedException(),
    };

    /// <summary>Runs the deadline sweep once, as the recurring job would (Hangfire itself is off in tests).</summary>
    public async Task<Returns.Web.Jobs.SweepResult> Sweep()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Returns.Web.Jobs.DeadlineSweep>().Run();
    }

    public const string AdminEmail = "admin@test.local";
    public const string AdminPassword = "admin-password-1";
    public const string BootstrapKey = "test-bootstrap-key-0123456789abcdefghij";
    public const string UserPassword = "user-password-1";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), Lazy<Task<Api>>> _people = new();

    /// <summary>An HTTP client on the real socket with no credentials at all.</summary>
    public Api Anonymous() => new(Checked(new HttpClientHandler()), this);

    /// <summary>
    /// An HTTP client on the real socket whose every answer is checked against the committed OpenAPI document
    /// (<see cref="ContractConformanceHandler"/>).
    /// </summary>
    public HttpClient Checked(HttpMessageHandler handler) =>
        new(new ContractConformanceHandler(handler)) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>An integration's client sending <paramref name="key"/> as X-Api-Key.</summary>
    public Api WithKey(string key)
    {
        var http = Checked(new HttpClientHandler());
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return new Api(http, this);
    }

    /// <summary>
    /// A person signed in with a session cookie: <paramref name="actor"/> is their user name, created the first
    /// time by the bootstrap admin through the admin API with <paramref name="role"/>.
    /// </summary>
    public Api Client(string actor = "tester", string role = "agent") =>
        _people.GetOrAdd((actor, role), key => new Lazy<Task<Api>>(() => Task.Run(() => SignIn(key.Item1, key.Item2)))).Value.GetAwaiter().GetResult();

    public async Task<Api> SignedIn(string userName, string password)
    {
        var handler = new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), UseCookies = true };
        var http = Checked(handler);
        var api = new Api(http, this);
        var reply = await api.Post("auth/sign-in", System.Text.Json.JsonSerializer.Serialize(new { userName, password }));
        if (reply.Status != HttpStatusCode.OK) throw new InvalidOperationException($"Sign-in of {userName} failed: {reply}");
        return api;
    }

    private async Task<Api> SignIn(string actor, string role)
    {
        if (actor == AdminEmail) return await SignedIn(AdminEmail, AdminPassword);
        var admin = await _people.GetOrAdd((AdminEmail, "admin"), _ => new Lazy<Task<Api>>(() => SignedIn(AdminEmail, AdminPassword))).Value;
        var created = await admin.Post("admin/users", System.Text.Json.JsonSerializer.Serialize(new
        {
            userName = actor, email = $"{Guid.NewGuid():N}@test.local", displayName = actor, role, password = UserPassword,
        }));
        if (created.Status == HttpStatusCode.Conflict)
        {
            var users = (await admin.Get("admin/users")).Body!.AsArray();
            var existing = users.Single(u => u!["userName"]!.GetValue<string>() == actor)!;
            if (existing["role"]?.GetValue<string>() != role)
                await admin.Post($"admin/users/{existing["id"]}/role", System.Text.Json.JsonSerializer.Serialize(new { role }));
        }
        else if (created.Status != HttpStatusCode.Created)
            throw new InvalidOperationException($"Creating {actor} failed: {created}");
        return await SignedIn(actor, UserPassword);
    }
}

/// <summary>The embedded default: a fresh SQLite file per fixture.</summary>
public class SqliteApp : ReturnsApp
{
    private readonly string _file;
    private readonly bool _ownsFile;

    public SqliteApp()
    {
        _file = Path.Combine(Path.GetTempPath(), $"returns-test-{Guid.NewGuid():N}.db");
        _ownsFile = true;
    }

    private readonly Action<IWebHostBuilder>? _configure;

    private SqliteApp(string file, Action<IWebHostBuilder>? configure)
    {
        _file = file;
        _ownsFile = false;
        _configure = configure;
    }

    /// <summary>Another instance of the service on this app's database file (restart tests).</summary>
    public SqliteApp SecondNode(Action<IWebHostBuilder>? configure = null) => new(_file, configure);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        _configure?.Invoke(builder);
    }

    public override string ProviderName => "sqlite";

    protected override string ConnectionString => $"Data Source={_file}";

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (!_ownsFile) return;
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
public class PostgresApp : ReturnsApp
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

    private readonly Action<IWebHostBuilder>? _configure;

    private PostgresApp(string database, Action<IWebHostBuilder>? configure)
    {
        _database = database;
        _ownsDatabase = false;
        _configure = configure;
    }

    /// <summary>A second node on this app's database (scale-out tests): it neither creates nor drops it.</summary>
    public PostgresApp SecondNode(Action<IWebHostBuilder>? configure = null) => new(_database, configure);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        _configure?.Invoke(builder);
    }

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

/// <summary>
/// A real SQL Server, when <c>RETURNS_TEST_SQLSERVER</c> holds a connection string to one (e.g. the docker compose
/// service). Each fixture creates and drops its own database. None runs here, and the tests say so when skipped.
/// </summary>
public sealed class SqlServerApp : ReturnsApp
{
    public const string Variable = "RETURNS_TEST_SQLSERVER";

    private static readonly string? ServerConnection = Environment.GetEnvironmentVariable(Variable);
    private readonly string _database;
    private readonly bool _ownsDatabase;

    public SqlServerApp()
    {
        _database = $"returns_test_{Guid.NewGuid():N}";
        _ownsDatabase = true;
    }

    private SqlServerApp(string database)
    {
        _database = database;
        _ownsDatabase = false;
    }

    /// <summary>A second node on this app's database: it neither creates nor drops it.</summary>
    public SqlServerApp SecondNode() => new(_database);

    public override string ProviderName => "sqlserver";

    public override string? Unavailable => string.IsNullOrWhiteSpace(ServerConnection)
        ? $"SQL Server tests skipped: no SQL Server here; set {Variable} to a connection string (e.g. the docker compose service) to run them."
        : null;

    protected override string ConnectionString =>
        new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(ServerConnection) { InitialCatalog = _database }.ConnectionString;

    public override async Task InitializeAsync()
    {
        if (Unavailable is not null) return;
        if (_ownsDatabase)
        {
            await using var admin = new Microsoft.Data.SqlClient.SqlConnection(ServerConnection);
            await admin.OpenAsync();
            // A database name cannot be a parameter; it is a GUID we made.
            await using var create = new Microsoft.Data.SqlClient.SqlCommand(string.Concat("CREATE DATABASE [", _database, "]"), admin);
            await create.ExecuteNonQueryAsync();
        }
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Unavailable is not null || !_ownsDatabase) return;
        Microsoft.Data.SqlClient.SqlConnection.ClearAllPools();
        await using var admin = new Microsoft.Data.SqlClient.SqlConnection(ServerConnection);
        await admin.OpenAsync();
        await using var drop = new Microsoft.Data.SqlClient.SqlCommand(
            string.Concat("ALTER DATABASE [", _database, "] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [", _database, "]"), admin);
        await drop.ExecuteNonQueryAsync();
    }
}
