using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Returns.Benchmarks.Api;

/// <summary>What the service's own tables say about the webhooks of a run: outbox rows, and their deliveries to the one subscription.</summary>
public sealed record OutboxTally(long Events, long NotFannedOut, long Pending, long Delivered, long Failed, long EventsWithoutDelivery,
    long EventsDeliveredTwice, long RetriedDeliveries, IReadOnlySet<Guid> DeliveredIds);

/// <summary>Reads the service's database directly (read-only), as an operator with psql would.</summary>
public sealed class OutboxLedger(IReadOnlyDictionary<string, string> environment)
{
    private readonly bool _postgres = environment["Database__Provider"] == "postgres";
    private readonly string _connection = environment["ConnectionStrings__Returns"];

    private DbConnection Open() => _postgres
        ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connection) { Pooling = false }.ConnectionString)
        : new SqliteConnection(new SqliteConnectionStringBuilder(_connection) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);

    /// <summary>Waits until every outbox row is fanned out and no delivery is pending (or <paramref name="timeout"/> passes); how long it took.</summary>
    public async Task<TimeSpan?> Drained(TimeSpan timeout, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            var tally = await Count(ct);
            if (tally.NotFannedOut == 0 && tally.Pending == 0) return Stopwatch.GetElapsedTime(started);
            await Task.Delay(250, ct);
        }
        return null;
    }

    public async Task<OutboxTally> Count(CancellationToken ct)
    {
        await using var connection = Open();
        await connection.OpenAsync(ct);
        async Task<long> Scalar(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        var ids = new HashSet<Guid>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """SELECT "Id" FROM "WebhookDeliveries" WHERE "Status" = 'Delivered'""";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) ids.Add(Guid.Parse(reader.GetValue(0).ToString()!));
        }
        return new OutboxTally(
            Events: await Scalar("""SELECT COUNT(*) FROM "Outbox" """),
            NotFannedOut: await Scalar("""SELECT COUNT(*) FROM "Outbox" WHERE "DispatchedAt" IS NULL"""),
            Pending: await Scalar("""SELECT COUNT(*) FROM "WebhookDeliveries" WHERE "Status" = 'Pending'"""),
            Delivered: ids.Count,
            Failed: await Scalar("""SELECT COUNT(*) FROM "WebhookDeliveries" WHERE "Status" = 'Failed'"""),
            EventsWithoutDelivery: await Scalar("""SELECT COUNT(*) FROM "Outbox" o WHERE NOT EXISTS (SELECT 1 FROM "WebhookDeliveries" d WHERE d."OutboxId" = o."Id")"""),
            EventsDeliveredTwice: await Scalar("""SELECT COUNT(*) FROM (SELECT "OutboxId" FROM "WebhookDeliveries" GROUP BY "OutboxId" HAVING COUNT(*) > 1) t"""),
            RetriedDeliveries: await Scalar("""SELECT COUNT(*) FROM "WebhookDeliveries" WHERE "Attempts" > 1"""),
            DeliveredIds: ids);
    }
}
