using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Returns.Data;

/// <summary>
/// SQLite takes one writer at a time, and a writer that finds the file locked sleeps in the driver and retries
/// (150 ms a try), which under concurrent writes costs far more than the writes themselves. This process queues its
/// write transactions on one gate per database file instead, so each starts the moment the previous one ends. Reads
/// (WAL) are not queued. Server databases lock rows and pass straight through.
/// </summary>
public static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Waits for this database's writer slot (SQLite only); dispose the result to hand it on.</summary>
    public static async ValueTask<IAsyncDisposable> EnterAsync(DatabaseFacade database, CancellationToken ct)
    {
        if (!database.IsSqlite()) return Open.Instance;
        var gate = Gates.GetOrAdd(database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Held(gate);
    }

    private sealed class Held(SemaphoreSlim gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class Open : IAsyncDisposable
    {
        public static readonly Open Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
