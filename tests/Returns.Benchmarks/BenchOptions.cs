namespace Returns.Benchmarks;

/// <summary>Command-line options of the benchmark.</summary>
public sealed record BenchOptions
{
    public const string ConnectionVariable = "RETURNS_TEST_POSTGRES";

    /// <summary>Open cases seeded (due ones included).</summary>
    public int Cases { get; init; } = 100_000;

    /// <summary>Deadline rows due when the due sweep runs (not cases: a case may have several due clocks).</summary>
    public int Due { get; init; } = 5_000;

    /// <summary>Connection string to the PostgreSQL server; a fresh database is created on it and dropped.</summary>
    public string? Connection { get; init; }

    /// <summary>Timed sweeps with nothing due, before and after the due sweep (a first, cold one is reported apart).</summary>
    public int IdleRuns { get; init; } = 20;

    /// <summary>Cases per SaveChanges while seeding.</summary>
    public int SeedBatch { get; init; } = 2_000;

    /// <summary>Seeding batches saved at once.</summary>
    public int SeedWorkers { get; init; } = Environment.ProcessorCount;

    public bool Verbose { get; init; }

    /// <summary>Leave the database in place (for a look with psql); it is named in the output.</summary>
    public bool KeepDatabase { get; init; }

    public bool Help { get; init; }

    /// <summary>
    /// <c>detect-changes-once</c>: EF Core's automatic DetectChanges off in every ReturnsDbContext, one explicit
    /// DetectChanges before each SaveChanges. Not the service as it is: what a suggested change would give.
    /// </summary>
    public string? WhatIf { get; init; }

    public const string DetectChangesOnce = "detect-changes-once";

    public const string Usage = """
        Returns.Benchmarks: the deadline sweep against a real PostgreSQL.

          dotnet run -c Release --project tests/Returns.Benchmarks -- [options]

          --connection <cs>   PostgreSQL server (default: $RETURNS_TEST_POSTGRES); a database
                              returns_bench_<random> is created on it and dropped at the end
          --cases <n>         open cases to seed (default 100000)
          --due <n>           deadline rows due at the due sweep (default 5000)
          --idle-runs <n>     timed sweeps with nothing due, each time (default 20)
          --seed-batch <n>    cases per SaveChanges while seeding (default 2000)
          --seed-workers <n>  batches saved in parallel while seeding (default: processor count)
          --verbose           per-batch timings, SQL statistics, EXPLAIN ANALYZE of the sweep's query
          --keep-database     do not drop the database at the end
          --what-if detect-changes-once
                              NOT the service as it is: EF Core's automatic DetectChanges off in every
                              ReturnsDbContext and one DetectChanges before each SaveChanges, to measure
                              what that change to the sweep (CaseContext.Load) would give

        The REST API under load over HTTP instead: -- api --help
        Mixed load held for minutes, with webhooks: -- soak --help
        """;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            int Count(int min) => int.TryParse(Value(), out var n) && n >= min ? n : throw new ArgumentException($"{arg} needs a whole number ≥ {min}.");
            options = arg switch
            {
                "--cases" => options with { Cases = Count(1) },
                "--due" => options with { Due = Count(0) },
                "--connection" => options with { Connection = Value() },
                "--idle-runs" => options with { IdleRuns = Count(1) },
                "--seed-batch" => options with { SeedBatch = Count(1) },
                "--seed-workers" => options with { SeedWorkers = Count(1) },
                "--verbose" or "-v" => options with { Verbose = true },
                "--keep-database" => options with { KeepDatabase = true },
                "--what-if" => options with
                {
                    WhatIf = Value() is DetectChangesOnce ? DetectChangesOnce : throw new ArgumentException($"--what-if knows only {DetectChangesOnce}."),
                },
                "--help" or "-h" => options with { Help = true },
                _ => throw new ArgumentException($"Unknown argument '{arg}'."),
            };
        }
        return options;
    }
}
