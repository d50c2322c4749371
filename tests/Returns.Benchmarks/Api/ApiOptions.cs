namespace Returns.Benchmarks.Api;

public enum ApiDatabase
{
    Sqlite,
    Postgres,
}

public enum ApiScenario
{
    /// <summary>POST /cases only.</summary>
    Create,

    /// <summary>Each iteration a case's whole happy path: create, approve, record-return-shipment, confirm-receipt, refund.</summary>
    Flow,

    /// <summary>60 % reads of a case, 10 % lists, 20 % one step of a case's flow, 10 % creates, over a seeded pool.</summary>
    Mixed,
}

/// <summary>Command-line options of <c>api</c>, the HTTP load benchmark.</summary>
public sealed record ApiOptions
{
    public ApiDatabase Database { get; init; } = ApiDatabase.Sqlite;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    public int Concurrency { get; init; } = 32;

    /// <summary>Run one after the other, each on its own service process and database.</summary>
    public IReadOnlyList<ApiScenario> Scenarios { get; init; } = [ApiScenario.Create, ApiScenario.Flow, ApiScenario.Mixed];

    /// <summary>Stop a scenario after this many requests, even before <see cref="Duration"/>.</summary>
    public long? MaxRequests { get; init; }

    /// <summary>PostgreSQL server (default: $RETURNS_TEST_POSTGRES).</summary>
    public string? Connection { get; init; }

    /// <summary>Cases created before <see cref="ApiScenario.Mixed"/> is measured.</summary>
    public int Pool { get; init; } = 200;

    /// <summary>A Returns.Web.dll to run instead of src/Returns.Web's build output (a published one, say).</summary>
    public string? Service { get; init; }

    /// <summary>A local receiver subscribed to every event: commit-to-first-attempt latency, and each event delivered once.</summary>
    public bool Webhooks { get; init; }

    /// <summary><c>soak</c>: mixed load held for <see cref="Duration"/>, with webhooks, and memory compared with the first minute's.</summary>
    public bool Soak { get; init; }

    public bool Help { get; init; }

    /// <summary>The soak's defaults: 10 minutes of mixed load at 32 on PostgreSQL, webhooks delivered to a local receiver.</summary>
    public static ApiOptions SoakDefaults => new()
    {
        Database = ApiDatabase.Postgres, Duration = TimeSpan.FromMinutes(10), Scenarios = [ApiScenario.Mixed], Webhooks = true, Soak = true,
    };

    public const string SoakUsage = """
        Returns.Benchmarks soak: mixed load held for minutes against the service process on PostgreSQL, its webhook
        dispatcher delivering every event to a receiver in this program.

          dotnet run -c Release --project tests/Returns.Benchmarks -- soak [options]

          --minutes <n>         minutes of load (default 10)
          --concurrency <n>     workers (default 32)
          --db postgres|sqlite  (default postgres)
          --connection <cs>     PostgreSQL server (default: $RETURNS_TEST_POSTGRES)
          --pool <n>            cases seeded before the load (default 200)
          --service <dll>       the Returns.Web.dll to run

        It prints the errors, whether every outbox row was delivered exactly once (by the database and by the
        receiver), event-to-first-attempt latency, and resident memory after the first minute and at the end; it
        passes (exit 0) with no error, every event delivered once, and the end's memory within 20 % of the first
        minute's.
        """;

    public const string Usage = """
        Returns.Benchmarks api: the REST API under load over HTTP, the service running as its own process.

          dotnet run -c Release --project tests/Returns.Benchmarks -- api [options]

          --db sqlite|postgres  the service's database, fresh for every scenario (default sqlite: a file in a
                                temporary folder; postgres: a database returns_api_bench_<random> created on
                                the server, migrated with `Returns.Web.dll migrate`, dropped at the end)
          --connection <cs>     PostgreSQL server (default: $RETURNS_TEST_POSTGRES)
          --scenario create|flow|mixed|all
                                create: POST /cases; flow: create → approve → record-return-shipment →
                                confirm-receipt → refund per iteration; mixed: 60 % GET a case, 10 % list,
                                20 % a case's next step, 10 % create, over a pool seeded first (default all:
                                the three in turn, each on a fresh service process and database)
          --duration <s>        seconds of load per scenario (default 20)
          --concurrency <n>     workers sending requests, each waiting for its answer (default 32)
          --max-requests <n>    stop a scenario after n requests, even before --duration
          --pool <n>            cases seeded (not measured) before mixed (default 200)
          --service <dll>       the Returns.Web.dll to run (default: src/Returns.Web/bin/<configuration>/net10.0,
                                which building this project builds; or one from `dotnet publish src/Returns.Web`)
          --webhooks            subscribe a receiver in this program to every event ("*"); report event-to-first-
                                attempt latency (p50, p99), and check that every outbox row was delivered exactly once
                                and each case's events in version order (the service dispatches after each commit)

        Mixed load held for minutes, with webhooks and memory: -- soak --help
        """;

    public static ApiOptions Parse(string[] args) => Parse(args, new ApiOptions());

    public static ApiOptions Parse(string[] args, ApiOptions start)
    {
        var options = start;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            long Count(long min, long max = long.MaxValue) => long.TryParse(Value(), out var n) && n >= min && n <= max
                ? n
                : throw new ArgumentException($"{arg} needs a whole number {(max == long.MaxValue ? $"≥ {min}" : $"from {min} to {max}")}.");
            options = arg switch
            {
                "--db" => options with
                {
                    Database = Value() switch
                    {
                        "sqlite" => ApiDatabase.Sqlite,
                        "postgres" or "postgresql" => ApiDatabase.Postgres,
                        var other => throw new ArgumentException($"--db {other}: sqlite or postgres."),
                    },
                },
                "--scenario" => options with
                {
                    Scenarios = Value() switch
                    {
                        "create" => [ApiScenario.Create],
                        "flow" => [ApiScenario.Flow],
                        "mixed" => [ApiScenario.Mixed],
                        "all" => [ApiScenario.Create, ApiScenario.Flow, ApiScenario.Mixed],
                        var other => throw new ArgumentException($"--scenario {other}: create, flow, mixed or all."),
                    },
                },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Count(1, 86_400)) },
                "--minutes" => options with { Duration = TimeSpan.FromMinutes(Count(1, 1_440)) },
                "--webhooks" => options with { Webhooks = true },
                "--concurrency" => options with { Concurrency = (int)Count(1, 4096) },
                "--max-requests" => options with { MaxRequests = Count(1) },
                "--connection" => options with { Connection = Value() },
                "--pool" => options with { Pool = (int)Count(1, 100_000) },
                "--service" => options with { Service = Value() },
                "--help" or "-h" => options with { Help = true },
                _ => throw new ArgumentException($"Unknown argument '{arg}'."),
            };
        }
        return options;
    }

    public static string Name(ApiScenario scenario) => scenario.ToString().ToLowerInvariant();

    public static string Name(ApiDatabase database) => database.ToString().ToLowerInvariant();
}
