using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Returns.Web.Infrastructure;
using Returns.Web.Jobs;

namespace Returns.Benchmarks;

/// <summary>
/// The sweep scenario: seed, then (1) sweeps with nothing due, (2) the sweep that processes the due deadlines,
/// checked row by row in the database, (3) sweeps right after, with nothing due again.
/// </summary>
public sealed class SweepBenchmark(WebApplication app, FakeTimeProvider clock, SqlRecorder recorder, BenchOptions options, string connectionString, TextWriter output)
{
    // Issue 12's targets: a sweep with nothing due under 20 ms; 5,000 due rows in under 2 s and 50,000 in under
    // 20 s, that is 0.4 ms a due row.
    public static readonly TimeSpan IdleTarget = TimeSpan.FromMilliseconds(20);
    public static TimeSpan DueTarget(int dueRows) => TimeSpan.FromMilliseconds(0.4 * Math.Max(dueRows, 1));

    private readonly List<(string Name, string Expected, string Actual, bool Ok)> _checks = [];

    public async Task<int> Run(CancellationToken ct)
    {
        var now = SweepScenario.Now;
        var scenario = new SweepScenario(options.Cases, options.Due);
        await PrintMachine(ct);

        // ---- database and seed -------------------------------------------------------------------
        Section("Migrations (the service's own, Startup.Migrate)");
        var migrate = Stopwatch.StartNew();
        await app.Migrate();
        output.WriteLine($"  applied in {migrate.Elapsed.TotalSeconds:0.0} s");

        Section($"Seeding {scenario.Cases:N0} open cases through the domain (Case.Open + the deadline planner)");
        output.WriteLine($"  due at {now:u}: {scenario.DueRows:N0} deadline rows on {scenario.DueCases:N0} cases");
        output.WriteLine($"    {scenario.DueUntouched,7:N0} untouched 48-50 h: FirstTouch (escalate) + SellerDecision (auto-approve), 2 rows each");
        output.WriteLine($"    {scenario.DueDecisionWarning,7:N0} undecided 24-43 h: SellerDecision warning (remind)");
        output.WriteLine($"    {scenario.DueReviewContactWarning,7:N0} bad reviews 18-23 h: BadReviewFirstContact warning (remind)");
        output.WriteLine($"    {scenario.DueReceiptWarning,7:N0} parcels shipped 7-9.5 days ago: SellerConfirmsReceipt warning (escalate)");
        output.WriteLine($"  not due: {scenario.Cases - scenario.DueCases:N0} fresh, approved and in-transit cases, all clocks in the future");
        output.WriteLine($"  {options.SeedBatch:N0} cases per SaveChanges, fresh DbContext per batch, {options.SeedWorkers} batch(es) at once");
        recorder.Enabled = true;
        var seedCpu = Process.GetCurrentProcess().TotalProcessorTime;
        recorder.Saves.Reset();
        var seeder = new Seeder(app.Services, scenario, options, output);
        var seedTime = await seeder.Run(ct);
        seedCpu = Process.GetCurrentProcess().TotalProcessorTime - seedCpu;
        recorder.Enabled = false;
        var seedCalls = recorder.Take();
        var seedDb = TimeSpan.FromTicks(seedCalls.Sum(c => c.Duration.Ticks));
        var vacuum = Stopwatch.StartNew();
        await Execute("VACUUM (ANALYZE)", ct);
        var population = await Population(ct);
        output.WriteLine($"  seeded in {seedTime.TotalSeconds:0.0} s ({scenario.Cases / seedTime.TotalSeconds:N0} cases/s, "
            + $"{population.Rows / seedTime.TotalSeconds:N0} rows/s); VACUUM ANALYZE {vacuum.Elapsed.TotalSeconds:0.0} s (what autovacuum does after a load)");
        output.WriteLine($"  seeding: {seedCalls.Count:N0} round trips, {seedCalls.Sum(c => c.Statements):N0} statements, {seedDb.TotalSeconds:0.0} s in the database "
            + $"(summed over {options.SeedWorkers} worker(s)); this process used {seedCpu.TotalSeconds:0.0} s of CPU");
        output.WriteLine($"  summed over the workers: domain (Case.Open and actions) {seeder.BuildTime.TotalSeconds:0.0} s, "
            + $"timeline and outbox rows {(seeder.PlanAndSaveTime - recorder.Saves.Total).TotalSeconds:0.0} s, EF Core SaveChanges {recorder.Saves.Total.TotalSeconds:0.0} s");
        output.WriteLine($"  {population.Cases:N0} cases, {population.Deadlines:N0} deadline rows ({population.Running:N0} running), "
            + $"{population.Timeline:N0} timeline entries, {population.Outbox:N0} outbox rows");

        // The due set, kept in a side table to check afterwards that each row was processed exactly once.
        await Execute("""
            CREATE TABLE bench_due AS
            SELECT "Id" AS id, "CaseId" AS case_id, "Kind" AS kind, "Version" AS version
            FROM "CaseDeadlines" WHERE "NextCheckAt" <= @now
            """, ct, ("now", now));
        var dueRows = await Scalar("SELECT count(*) FROM bench_due", ct);
        var dueCases = await Scalar("SELECT count(DISTINCT case_id) FROM bench_due", ct);
        Check("due deadline rows at the due time", scenario.DueRows, dueRows);
        Check("cases with a due deadline", scenario.DueCases, dueCases);
        output.WriteLine($"  due at {now:u}: {dueRows:N0} deadline rows on {dueCases:N0} cases: "
            + string.Join(", ", (await Rows("SELECT kind, count(*) FROM bench_due GROUP BY kind ORDER BY kind", ct)).Select(r => $"{r[0]} {r[1]:N0}")));

        // ---- (1) nothing due -----------------------------------------------------------------------
        var firstCheck = await Scalar<DateTime>("SELECT min(\"NextCheckAt\") FROM \"CaseDeadlines\"", ct);
        var idleAt = new DateTimeOffset(DateTime.SpecifyKind(firstCheck, DateTimeKind.Utc)) - TimeSpan.FromMinutes(1);
        Section($"(1) Sweep with nothing due: clock at {idleAt:u}, a minute before the first pending check");
        clock.SetUtcNow(idleAt);
        recorder.Enabled = true;
        var cold = await Sweep(ct);
        var idleCalls = recorder.Take();
        recorder.Enabled = false;
        var idleBefore = await IdleSweeps(ct);
        output.WriteLine($"  first (cold) run {Ms(cold.Elapsed)}, {idleCalls.Count} round trip(s); {options.IdleRuns} warm runs: {Stats(idleBefore)}");
        Check("sweep with nothing due processes nothing", 0, cold.Result.Processed + idleBefore.Sum(r => r.Result.Processed));

        var claim = idleCalls.FirstOrDefault(c => c.IsClaimQuery);
        var indexUsed = false;
        if (claim is null)
            output.WriteLine("  (the claim query was not seen)");
        else
        {
            output.WriteLine("  the sweep's claim query (DeadlineSweep.Claim), as EF Core sends it:");
            foreach (var line in claim.Sql.Split('\n')) output.WriteLine($"    {line.TrimEnd()}");
            var idlePlan = await Explain(claim, null, ct);
            indexUsed = idlePlan.Any(l => l.Contains("IX_CaseDeadlines_NextCheckAt", StringComparison.Ordinal));
            PrintPlan("EXPLAIN ANALYZE, nothing due", idlePlan);
            var duePlan = await Explain(claim, now, ct);
            PrintPlan($"EXPLAIN ANALYZE, at {now:u} ({dueRows:N0} due)", duePlan);
            indexUsed &= duePlan.Any(l => l.Contains("IX_CaseDeadlines_NextCheckAt", StringComparison.Ordinal));
        }
        Check("claim query uses IX_CaseDeadlines_NextCheckAt", "yes", indexUsed ? "yes" : "no");

        // ---- (2) the due sweep ---------------------------------------------------------------------
        Section($"(2) Sweep at {now:u}: {dueRows:N0} due deadline rows (load before: {BenchMachine.LoadAverage()})");
        var before = await Counts(ct);
        clock.SetUtcNow(now);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        recorder.Saves.Reset();
        recorder.Enabled = true;
        var due = await Sweep(ct);
        recorder.Enabled = false;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var dueCalls = recorder.Take();
        var dbTime = TimeSpan.FromTicks(dueCalls.Sum(c => c.Duration.Ticks));
        var rate = due.Result.Processed / due.Elapsed.TotalSeconds;
        output.WriteLine($"  {due.Result.Processed:N0} processed, {due.Result.Failed:N0} failed, {due.Result.Batches:N0} batches of up to {DeadlineSweep.BatchSize}: "
            + $"{due.Elapsed.TotalSeconds:0.00} s, {rate:N0} rows/s, {due.Elapsed.TotalMilliseconds / Math.Max(1, due.Result.Batches):N0} ms per batch");
        output.WriteLine($"  where the time goes: {dueCalls.Count:N0} round trips ({dueCalls.Sum(c => c.Statements):N0} statements) took {dbTime.TotalSeconds:0.00} s "
            + $"in the database (network + server, {Percent(dbTime, due.Elapsed)}); this process used {cpu.TotalSeconds:0.00} s of CPU "
            + $"({Percent(cpu, due.Elapsed)} of one core), allocated {allocated / 1024.0 / 1024:N0} MB, "
            + $"GCs gen0/1/2 {GC.CollectionCount(0) - gcBefore.Item1}/{GC.CollectionCount(1) - gcBefore.Item2}/{GC.CollectionCount(2) - gcBefore.Item3}");
        output.WriteLine($"  EF Core SaveChanges: {recorder.Saves.Count} calls, {recorder.Saves.Total.TotalSeconds:0.00} s summed over the batches "
            + $"(change detection, SQL, database; up to {DeadlineSweep.Workers} batches are processed at once, so the sum can exceed the {due.Elapsed.TotalSeconds:0.00} s it took)");
        if (options.Verbose)
        {
            PrintBatches(dueCalls);
            PrintStatements(dueCalls, due.Elapsed);
        }
        else
            PrintStatements(dueCalls, due.Elapsed, top: 6);

        Section("Check: every due row processed exactly once");
        Check("sweep result: processed", dueRows, due.Result.Processed);
        Check("sweep result: failed", 0, due.Result.Failed);
        await Verify(scenario, before, ct);

        // ---- (3) right after -----------------------------------------------------------------------
        var after = now + TimeSpan.FromMinutes(1);
        Section($"(3) Sweep right after, at {after:u} (the next minute's run): nothing due again");
        clock.SetUtcNow(after);
        var idleAfter = await IdleSweeps(ct);
        output.WriteLine($"  {options.IdleRuns} runs: {Stats(idleAfter)}");
        Check("sweep right after processes nothing", 0, idleAfter.Sum(r => r.Result.Processed));

        // ---- summary -------------------------------------------------------------------------------
        var checksOk = _checks.All(c => c.Ok);
        var idleWorst = idleBefore.Concat(idleAfter).Max(r => r.Elapsed);
        Section($"Results{(options.WhatIf is { } what ? $" (WHAT-IF {what}, not the service as it is)" : "")}: {Environment.ProcessorCount} cores, {population.Cases:N0} open cases, {population.Deadlines:N0} deadline rows");
        Row("measurement", "value", "target", "");
        Row(new string('-', 44), new string('-', 40), new string('-', 10), new string('-', 6));
        Row("seeding (cases created through the domain)", $"{seedTime.TotalSeconds:0.0} s ({scenario.Cases / seedTime.TotalSeconds:N0} cases/s)", "", "");
        Row("(1) nothing due, first run (cold)", Ms(cold.Elapsed), "", "");
        Row($"(1) nothing due, {options.IdleRuns} warm runs", Stats(idleBefore), $"< {Ms(IdleTarget)}", Verdict(idleBefore.Max(r => r.Elapsed) < IdleTarget));
        Row($"(2) {dueRows:N0} due rows ({dueCases:N0} cases)", $"{due.Elapsed.TotalSeconds:0.00} s, {rate:N0} rows/s", $"< {DueTarget(dueRows).TotalSeconds:0.#} s", Verdict(due.Elapsed < DueTarget(dueRows)));
        Row("    of which database round trips", $"{dbTime.TotalSeconds:0.00} s ({dueCalls.Count:N0} round trips)", "", "");
        Row("    exactly-once check in the database", checksOk ? "all checks passed" : "FAILED (see above)", "", checksOk ? "PASS" : "FAIL");
        Row($"(3) nothing due right after, {options.IdleRuns} runs", Stats(idleAfter), $"< {Ms(IdleTarget)}", Verdict(idleAfter.Max(r => r.Elapsed) < IdleTarget));
        Row("claim query on IX_CaseDeadlines_NextCheckAt", indexUsed ? "index scan" : "NOT the index", "index", Verdict(indexUsed));
        output.WriteLine();
        output.WriteLine($"targets: nothing due {Verdict(idleWorst < IdleTarget)} (worst warm run {Ms(idleWorst)} vs {Ms(IdleTarget)}), "
            + $"{dueRows:N0} due {Verdict(due.Elapsed < DueTarget(dueRows))} ({due.Elapsed.TotalSeconds:0.00} s vs {DueTarget(dueRows).TotalSeconds:0.#} s)");
        return checksOk ? 0 : 1;
    }

    // ---- the sweep --------------------------------------------------------------------------------

    private async Task<(SweepResult Result, TimeSpan Elapsed)> Sweep(CancellationToken ct)
    {
        // As Hangfire runs it: a DI scope per job, DeadlineSweep resolved from it.
        await using var scope = app.Services.CreateAsyncScope();
        var sweep = scope.ServiceProvider.GetRequiredService<DeadlineSweep>();
        var started = Stopwatch.GetTimestamp();
        var result = await sweep.Run(ct);
        return (result, Stopwatch.GetElapsedTime(started));
    }

    private async Task<List<(SweepResult Result, TimeSpan Elapsed)>> IdleSweeps(CancellationToken ct)
    {
        var runs = new List<(SweepResult, TimeSpan)>();
        for (var i = 0; i < options.IdleRuns; i++) runs.Add(await Sweep(ct));
        return runs;
    }

    // ---- verification -----------------------------------------------------------------------------

    private sealed record Snapshot(long Notifications, long Timeline, long Outbox, long AwaitingShipment, long Deadlines);

    private async Task<Snapshot> Counts(CancellationToken ct) => new(
        await Scalar("SELECT count(*) FROM \"Notifications\"", ct),
        await Scalar("SELECT count(*) FROM \"CaseTimeline\"", ct),
        await Scalar("SELECT count(*) FROM \"Outbox\"", ct),
        await Scalar("SELECT count(*) FROM \"Cases\" WHERE \"Status\" = 'AwaitingReturnShipment'", ct),
        await Scalar("SELECT count(*) FROM \"CaseDeadlines\"", ct));

    private async Task Verify(SweepScenario s, Snapshot before, CancellationToken ct)
    {
        var now = SweepScenario.Now;
        var after = await Counts(ct);
        var a = s.DueUntouched;
        var warnings = s.DueDecisionWarning + s.DueReviewContactWarning + s.DueReceiptWarning;

        Check("rows still due (NextCheckAt <= now)", 0, await Scalar("SELECT count(*) FROM \"CaseDeadlines\" WHERE \"NextCheckAt\" <= @now", ct, ("now", now)));
        Check("rows still claimed", 0, await Scalar("SELECT count(*) FROM \"CaseDeadlines\" WHERE \"ClaimedBy\" IS NOT NULL OR \"ClaimedUntil\" IS NOT NULL", ct));
        const string join = "FROM bench_due b JOIN \"CaseDeadlines\" d ON d.\"Id\" = b.id";
        Check("due rows changed exactly once (Version + 1)", s.DueRows, await Scalar($"SELECT count(*) {join} WHERE d.\"Version\" = b.version + 1", ct));
        Check("due rows not changed", 0, await Scalar($"SELECT count(*) {join} WHERE d.\"Version\" = b.version", ct));
        Check("due rows changed more than once", 0, await Scalar($"SELECT count(*) {join} WHERE d.\"Version\" > b.version + 1", ct));
        Check("due rows breached (due time passed)", 2 * a, await Scalar($"SELECT count(*) {join} WHERE d.\"State\" = 'Breached'", ct));
        Check("due rows warned once, next check later", warnings,
            await Scalar($"SELECT count(*) {join} WHERE d.\"State\" = 'Warned' AND d.\"WarningsSent\" = 1 AND d.\"NextCheckAt\" > @now", ct, ("now", now)));

        Check("notifications added (one per due row)", s.DueRows, after.Notifications - before.Notifications);
        Check("  reminders (warnings)", s.DueDecisionWarning + s.DueReviewContactWarning,
            await Scalar("SELECT count(*) FROM \"Notifications\" WHERE \"Kind\" = 'Reminder'", ct));
        Check("  escalations (FirstTouch due, receipt warning)", a + s.DueReceiptWarning,
            await Scalar("SELECT count(*) FROM \"Notifications\" WHERE \"Kind\" = 'Escalation'", ct));
        Check("  automatic outcomes (auto-approved)", a, await Scalar("SELECT count(*) FROM \"Notifications\" WHERE \"Kind\" = 'AutomaticOutcome'", ct));
        Check("  duplicates (same case, clock, kind)", 0, await Scalar("""
            SELECT count(*) FROM (SELECT 1 FROM "Notifications" GROUP BY "CaseId", "Deadline", "Kind" HAVING count(*) > 1) x
            """, ct));
        Check("  for a case without a due row", 0,
            await Scalar("SELECT count(*) FROM \"Notifications\" n WHERE NOT EXISTS (SELECT 1 FROM bench_due b WHERE b.case_id = n.\"CaseId\" AND b.kind = n.\"Deadline\")", ct));
        Check("timeline entries added", 2L * a + s.DueReceiptWarning, after.Timeline - before.Timeline);
        Check("  system escalations", a + s.DueReceiptWarning,
            await Scalar("SELECT count(*) FROM \"CaseTimeline\" WHERE \"Action\" = 'escalate' AND \"ActorRole\" = 'System'", ct));
        Check("  system approvals (seller let 48 h pass)", a,
            await Scalar("SELECT count(*) FROM \"CaseTimeline\" WHERE \"Action\" = 'approve' AND \"ActorRole\" = 'System'", ct));
        Check("outbox rows added (timeline + notifications)", 2L * a + s.DueReceiptWarning + s.DueRows, after.Outbox - before.Outbox);
        Check("cases moved to awaitingReturnShipment", a, after.AwaitingShipment - before.AwaitingShipment);
        Check("clocks started (BuyerShipsReturn)", a, after.Deadlines - before.Deadlines);
    }

    private void Check(string name, object expected, object actual)
    {
        var ok = Equals(Convert.ToString(expected, CultureInfo.InvariantCulture), Convert.ToString(actual, CultureInfo.InvariantCulture));
        _checks.Add((name, $"{expected}", $"{actual}", ok));
        output.WriteLine($"  {(ok ? "ok  " : "FAIL")} {name,-52} expected {FormatCount(expected),9}  actual {FormatCount(actual),9}");
    }

    private static string FormatCount(object value) => value is int or long ? $"{Convert.ToInt64(value, CultureInfo.InvariantCulture):N0}" : $"{value}";

    // ---- SQL helpers ------------------------------------------------------------------------------

    private sealed record PopulationCounts(long Cases, long Deadlines, long Running, long Timeline, long Outbox)
    {
        public long Rows => Cases + Deadlines + Timeline + Outbox;
    }

    private async Task<PopulationCounts> Population(CancellationToken ct) => new(
        await Scalar("SELECT count(*) FROM \"Cases\"", ct),
        await Scalar("SELECT count(*) FROM \"CaseDeadlines\"", ct),
        await Scalar("SELECT count(*) FROM \"CaseDeadlines\" WHERE \"NextCheckAt\" IS NOT NULL", ct),
        await Scalar("SELECT count(*) FROM \"CaseTimeline\"", ct),
        await Scalar("SELECT count(*) FROM \"Outbox\"", ct));

    private async Task<NpgsqlConnection> Open(CancellationToken ct)
    {
        var opened = new NpgsqlConnection(connectionString);
        await opened.OpenAsync(ct);
        return opened;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }

    private async Task Execute(string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var connection = await Open(ct);
        await using var command = Command(connection, sql, parameters);
        await command.ExecuteNonQueryAsync(ct);
    }

    private Task<long> Scalar(string sql, CancellationToken ct, params (string Name, object Value)[] parameters) => Scalar<long>(sql, ct, parameters);

    private async Task<T> Scalar<T>(string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var connection = await Open(ct);
        await using var command = Command(connection, sql, parameters);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }

    private async Task<List<object[]>> Rows(string sql, CancellationToken ct)
    {
        await using var connection = await Open(ct);
        await using var command = Command(connection, sql, []);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<object[]>();
        while (await reader.ReadAsync(ct))
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>EXPLAIN ANALYZE of a recorded query with its own parameters (times replaced by <paramref name="at"/> when given).</summary>
    private async Task<List<string>> Explain(SqlCall call, DateTimeOffset? at, CancellationToken ct)
    {
        await using var connection = await Open(ct);
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + call.Sql, connection);
        foreach (var parameter in call.Parameters ?? [])
        {
            var copy = parameter.Clone();
            if (at is { } time && copy.Value is DateTimeOffset or DateTime) copy.Value = time;
            command.Parameters.Add(copy);
        }
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) lines.Add(reader.GetString(0));
        return lines;
    }

    // ---- output -----------------------------------------------------------------------------------

    private async Task PrintMachine(CancellationToken ct)
    {
        await using var connection = await Open(ct);
        await using var command = new NpgsqlCommand("SELECT version()", connection);
        var version = (string)(await command.ExecuteScalarAsync(ct))!;
        output.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, "
            + $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {(Debugger.IsAttached ? "debugger attached" : BenchMachine.BuildConfiguration)} build");
        output.WriteLine($"database: {version.Split(" on ")[0]} at {new NpgsqlConnectionStringBuilder(connectionString).Host}");
        output.WriteLine($"load: {BenchMachine.LoadAverage()} (1, 5, 15 min averages; above ~0.5 other processes share the {Environment.ProcessorCount} cores and the figures suffer)");
        if (options.WhatIf is { } whatIf)
            output.WriteLine($"WHAT-IF {whatIf}: NOT the service as it is (see --help)");
        output.WriteLine($"run: --cases {options.Cases} --due {options.Due} --idle-runs {options.IdleRuns} --seed-batch {options.SeedBatch} --seed-workers {options.SeedWorkers}{(options.Verbose ? " --verbose" : "")}{(options.WhatIf is { } w ? $" --what-if {w}" : "")}");
    }


    private void Section(string title)
    {
        output.WriteLine();
        output.WriteLine($"== {title}");
    }

    private void Row(string what, string value, string target, string verdict) =>
        output.WriteLine($"  {what,-44} {value,-40} {target,-10} {verdict}");

    private void PrintPlan(string title, List<string> plan)
    {
        if (options.Verbose)
        {
            output.WriteLine($"  {title}:");
            foreach (var line in plan) output.WriteLine($"    {line}");
            return;
        }
        var nodes = plan.Where(l => l.TrimStart().StartsWith("->", StringComparison.Ordinal) || !l.StartsWith(' ')).Take(3)
            .Select(l => l.Trim().TrimStart('-', '>', ' '));
        var execution = plan.FirstOrDefault(l => l.StartsWith("Execution Time", StringComparison.Ordinal));
        output.WriteLine($"  {title}: {string.Join(" / ", nodes)}; {execution}");
    }

    private void PrintBatches(IReadOnlyList<SqlCall> calls)
    {
        var starts = calls.Select((c, i) => (c, i)).Where(x => x.c.IsClaimQuery).Select(x => x.i).ToList();
        if (starts.Count == 0) return;
        output.WriteLine("  per batch (from one claim query to the next): wall ms / database ms / round trips");
        var line = new List<string>();
        for (var b = 0; b < starts.Count; b++)
        {
            var from = starts[b];
            var to = b + 1 < starts.Count ? starts[b + 1] : calls.Count;
            var wall = b + 1 < starts.Count
                ? Stopwatch.GetElapsedTime(calls[from].StartedTicks, calls[to].StartedTicks)
                : Stopwatch.GetElapsedTime(calls[from].StartedTicks, calls[^1].StartedTicks) + calls[^1].Duration;
            var db = TimeSpan.FromTicks(calls.Skip(from).Take(to - from).Sum(c => c.Duration.Ticks));
            line.Add($"#{b + 1} {wall.TotalMilliseconds:0}/{db.TotalMilliseconds:0}/{to - from}");
            if (line.Count == 6)
            {
                output.WriteLine("    " + string.Join("   ", line));
                line.Clear();
            }
        }
        if (line.Count > 0) output.WriteLine("    " + string.Join("   ", line));
    }

    private void PrintStatements(IReadOnlyList<SqlCall> calls, TimeSpan wall, int top = 15)
    {
        output.WriteLine($"  SQL by kind (top {top} by database time; {calls.Count:N0} round trips in all):");
        output.WriteLine($"    {"calls",7} {"stmts",7} {"total ms",9} {"avg ms",7} {"% wall",6}  statement");
        foreach (var group in calls.GroupBy(c => c.Label).OrderByDescending(g => g.Sum(c => c.Duration.Ticks)).Take(top))
        {
            var total = TimeSpan.FromTicks(group.Sum(c => c.Duration.Ticks));
            output.WriteLine($"    {group.Count(),7:N0} {group.Sum(c => c.Statements),7:N0} {total.TotalMilliseconds,9:N0} {total.TotalMilliseconds / group.Count(),7:0.00} "
                + $"{Percent(total, wall),6}  {group.Key}");
        }
    }

    private static string Percent(TimeSpan part, TimeSpan whole) => whole > TimeSpan.Zero ? $"{part / whole:P0}" : "-";

    private static string Ms(TimeSpan t) => $"{t.TotalMilliseconds:0.0} ms";

    private static string Stats(IReadOnlyList<(SweepResult Result, TimeSpan Elapsed)> runs)
    {
        var sorted = runs.Select(r => r.Elapsed.TotalMilliseconds).Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        return $"min {sorted[0]:0.0} / median {median:0.0} / max {sorted[^1]:0.0} ms";
    }

    private static string Verdict(bool met) => met ? "PASS" : "MISS";
}
