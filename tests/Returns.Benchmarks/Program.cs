using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Returns.Benchmarks;
using Returns.Data;
using Returns.Web.Infrastructure;

// `api`: the REST API under load over HTTP, the service as its own process (Api/ApiBenchmark.cs).
if (args is ["api", .. var apiArgs]) return await Returns.Benchmarks.Api.ApiBenchmark.Run(apiArgs);

// `soak`: mixed load held for minutes on PostgreSQL, webhooks delivered to a local receiver, memory watched.
if (args is ["soak", .. var soakArgs]) return await Returns.Benchmarks.Api.ApiBenchmark.Run(soakArgs, soak: true);

// The deadline sweep (issue 5) against a real PostgreSQL: 100,000 open cases, 5,000 due deadlines.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
if (options.Help)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}
var server = options.Connection ?? Environment.GetEnvironmentVariable(BenchOptions.ConnectionVariable);
if (string.IsNullOrWhiteSpace(server))
{
    Console.Error.WriteLine($"No PostgreSQL server: set {BenchOptions.ConnectionVariable} or pass --connection, e.g.");
    Console.Error.WriteLine("  \"Host=127.0.0.1;Port=5432;Username=postgres;Password=returns-test;Database=postgres\"");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Let the run stop and still drop its database.
    e.Cancel = true;
    cancel.Cancel();
};

using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, signal =>
{
    signal.Cancel = true;
    cancel.Cancel();
});

var database = $"returns_bench_{Guid.NewGuid():N}";
var benchConnection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
var created = false;
WebApplication? app = null;
try
{
    await Admin(server, $"CREATE DATABASE \"{database}\"", cancel.Token);
    created = true;
    Console.WriteLine($"database {database} created");

    // Starts well before any instant the benchmark sets: a FakeTimeProvider only moves forward.
    var clock = new FakeTimeProvider(SweepScenario.Now - TimeSpan.FromDays(60));
    var recorder = new SqlRecorder();
    app = BuildService(benchConnection, clock, recorder, options);
    var benchmark = new SweepBenchmark(app, clock, recorder, options, benchConnection, Console.Out);
    return await benchmark.Run(cancel.Token);
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("cancelled");
    return 130;
}
catch (Exception e)
{
    Console.Error.WriteLine($"benchmark failed: {e}");
    return 1;
}
finally
{
    if (app is not null) await app.DisposeAsync();
    NpgsqlConnection.ClearAllPools();
    if (created && options.KeepDatabase)
        Console.WriteLine($"database {database} kept (--keep-database): DROP DATABASE \"{database}\" WITH (FORCE) when done");
    else if (created)
    {
        try
        {
            await Admin(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", CancellationToken.None);
            Console.WriteLine($"database {database} dropped");
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"could not drop database {database}: {e.Message}");
        }
    }
}

static async Task Admin(string server, string sql, CancellationToken ct)
{
    await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
    await connection.OpenAsync(ct);
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync(ct);
}

// The service as it runs in production (AddReturns: DI, EF Core on PostgreSQL, Mediator and its behaviours,
// the DeadlineSweep), with Hangfire off (the sweep is called directly), a clock the benchmark moves, and a
// recorder of the SQL sent. The web server itself is never started.
static WebApplication BuildService(string connection, FakeTimeProvider clock, SqlRecorder recorder, BenchOptions options)
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        EnvironmentName = "Benchmark",
        ContentRootPath = AppContext.BaseDirectory,
    });
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Database:Provider"] = "postgres",
        ["ConnectionStrings:Returns"] = connection,
        ["Database:ApplyMigrations"] = "false",
        ["Returns:Jobs:Enabled"] = "false",
        ["Logging:LogLevel:Default"] = "Warning",
        // Failed commands surface as exceptions; this also hides the expected failure of the first migration query.
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "None",
        ["Logging:LogLevel:Returns.Web.Jobs.DeadlineSweep"] = options.Verbose ? "Information" : "Warning",
    });
    builder.AddReturns();
    builder.Services.AddSingleton<TimeProvider>(clock);
    builder.Services.ConfigureDbContext<ReturnsDbContext>(o =>
        o.AddInterceptors(recorder, recorder.Transactions, recorder.Saves, new DetectChangesBeforeSave()));
    if (options.WhatIf == BenchOptions.DetectChangesOnce)
    {
        // What-if: no automatic DetectChanges (DbSet.Local, Entry(), Entries() would each scan every tracked
        // entity), one DetectChanges right before each SaveChanges instead.
        builder.Services.AddScoped(sp =>
        {
            var db = new ReturnsDbContext(sp.GetRequiredService<DbContextOptions<ReturnsDbContext>>());
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            return db;
        });
    }
    return builder.Build();
}
