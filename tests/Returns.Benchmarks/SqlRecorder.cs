using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Returns.Benchmarks;

/// <summary>One round trip EF Core made: when, how long (until the reader was disposed), what.</summary>
public sealed record SqlCall(long StartedTicks, TimeSpan Duration, string Label, int Statements, string Sql, NpgsqlParameter[]? Parameters)
{
    /// <summary>The sweep's claim query: the due clocks in NextCheckAt order (DeadlineSweep.Claim).</summary>
    public bool IsClaimQuery => SqlRecorder.IsClaimQuery(Sql);
}

/// <summary>
/// Records the SQL the service sends while <see cref="Enabled"/>: round trips, statements and database time
/// (network + server), to tell database time from the application's own work. Added to the service's
/// DbContext options through <c>ConfigureDbContext</c>; the service's code is unchanged.
/// </summary>
public sealed class SqlRecorder : DbCommandInterceptor
{
    private readonly ConcurrentQueue<SqlCall> _calls = new();

    public volatile bool Enabled;

    public TransactionRecorder Transactions { get; }

    public SaveChangesTimer Saves { get; } = new();

    public SqlRecorder() => Transactions = new TransactionRecorder(this);

    /// <summary>The calls recorded since the last <see cref="Take"/>, in order.</summary>
    public IReadOnlyList<SqlCall> Take()
    {
        var list = new List<SqlCall>();
        while (_calls.TryDequeue(out var call)) list.Add(call);
        return list.OrderBy(c => c.StartedTicks).ToList();
    }

    public static bool IsClaimQuery(string sql) =>
        sql.StartsWith("SELECT", StringComparison.Ordinal) && sql.Contains("FROM \"CaseDeadlines\"", StringComparison.Ordinal)
        && sql.Contains("ORDER BY", StringComparison.Ordinal) && sql.Contains("LIMIT", StringComparison.Ordinal);

    /// <summary>Called when a round trip ends: it started <paramref name="duration"/> ago.</summary>
    internal void Add(TimeSpan duration, string label, int statements, string sql, NpgsqlParameter[]? parameters)
    {
        if (!Enabled) return;
        var startedTicks = Stopwatch.GetTimestamp() - (long)(duration.TotalSeconds * Stopwatch.Frequency);
        _calls.Enqueue(new SqlCall(startedTicks, duration, label, statements, sql, parameters));
    }

    private void Record(DbCommand command, TimeSpan duration)
    {
        if (!Enabled) return;
        var sql = command.CommandText;
        var (label, statements) = Describe(sql);
        var parameters = IsClaimQuery(sql)
            ? command.Parameters.OfType<NpgsqlParameter>().Select(p => p.Clone()).ToArray()
            : null;
        Add(duration, label, statements, sql, parameters);
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Record(command, eventData.Duration);
        return result;
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Record(command, eventData.Duration);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Record(command, eventData.Duration);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData.Duration);
        return ValueTask.FromResult(result);
    }

    /// <summary>A stable label for a command: one statement's first words, or the set of statements of a SaveChanges batch.</summary>
    public static (string Label, int Statements) Describe(string sql)
    {
        var statements = sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Statement).OfType<string>().ToList();
        if (statements.Count <= 1)
        {
            var flat = Regex.Replace(sql, @"\s+", " ").Trim();
            return (flat.Length > 110 ? flat[..110] + "…" : flat, 1);
        }
        var kinds = statements.GroupBy(s => s).OrderBy(g => g.Key).Select(g => g.Key);
        return ($"batch [{string.Join(", ", kinds)}]", statements.Count);
    }

    private static string? Statement(string sql)
    {
        var write = Regex.Match(sql, @"^(INSERT INTO|UPDATE|DELETE FROM)\s+""(\w+)""");
        if (write.Success) return $"{write.Groups[1].Value.Split(' ')[0]} {write.Groups[2].Value}";
        var read = Regex.Match(sql, @"^SELECT\b.*?\bFROM\s+""(\w+)""", RegexOptions.Singleline);
        return read.Success ? $"SELECT {read.Groups[1].Value}" : null;
    }
}

/// <summary>BEGIN and COMMIT round trips, which the command interceptor does not see.</summary>
public sealed class TransactionRecorder(SqlRecorder recorder) : DbTransactionInterceptor
{
    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        recorder.Add(eventData.Duration, "BEGIN", 1, "BEGIN", null);
        return ValueTask.FromResult(result);
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        recorder.Add(eventData.Duration, "COMMIT", 1, "COMMIT", null);
        return Task.CompletedTask;
    }

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        recorder.Add(eventData.Duration, "ROLLBACK", 1, "ROLLBACK", null);
        return Task.CompletedTask;
    }
}

/// <summary>
/// The one DetectChanges a save needs in a context whose automatic detection was turned off (the seeding
/// contexts, and every context under <c>--what-if detect-changes-once</c>); contexts that detect changes
/// themselves are left alone.
/// </summary>
public sealed class DetectChangesBeforeSave : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { ChangeTracker.AutoDetectChangesEnabled: false } context) context.ChangeTracker.DetectChanges();
        return ValueTask.FromResult(result);
    }
}

/// <summary>Time spent inside EF Core's SaveChanges (change detection, SQL generation, the database), summed.</summary>
public sealed class SaveChangesTimer : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, StrongBox<long>> _started = new();
    private long _ticks;
    private int _count;

    public TimeSpan Total => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks));

    public int Count => _count;

    public void Reset()
    {
        Interlocked.Exchange(ref _ticks, 0);
        Interlocked.Exchange(ref _count, 0);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) _started.AddOrUpdate(context, new StrongBox<long>(Stopwatch.GetTimestamp()));
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Stop(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Stop(eventData.Context);
        return Task.CompletedTask;
    }

    private void Stop(DbContext? context)
    {
        if (context is null || !_started.TryGetValue(context, out var started)) return;
        _started.Remove(context);
        Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - started.Value);
        Interlocked.Increment(ref _count);
    }
}
