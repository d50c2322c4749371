using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Returns.Data;

/// <summary>
/// Per-connection SQLite settings. In WAL mode (set once at start) <c>synchronous = NORMAL</c> syncs at checkpoints
/// instead of at every commit: a crash of the process loses nothing committed, and the file is never corrupted; only a
/// power cut may undo the last moments' commits. That is SQLite's own recommendation for WAL, and costs a fraction of
/// the default's fsync per write.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    private const string PerConnection = "PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = PerConnection;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = PerConnection;
        await command.ExecuteNonQueryAsync(ct);
    }
}
