using System.Collections.Concurrent;

namespace Returns.Benchmarks.Api;

/// <summary>What the load sends: a case, a read, a list, or one of the return's actions (named as in the API).</summary>
public enum RequestKind
{
    Create,
    Get,
    List,
    Approve,
    RecordReturnShipment,
    ConfirmReceipt,
    Refund,
}

public static class RequestKinds
{
    public static readonly RequestKind[] All = Enum.GetValues<RequestKind>();

    public static string Name(this RequestKind kind) => kind switch
    {
        RequestKind.Create => "create",
        RequestKind.Get => "get",
        RequestKind.List => "list",
        RequestKind.Approve => "approve",
        RequestKind.RecordReturnShipment => "record-return-shipment",
        RequestKind.ConfirmReceipt => "confirm-receipt",
        RequestKind.Refund => "refund",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

/// <summary>
/// One worker's record of its requests: latencies of the successful ones by kind, failures by kind and by what went
/// wrong. Touched only by its worker while the load runs; read after all workers have finished.
/// </summary>
public sealed class WorkerLog(ErrorSamples samples)
{
    public Latencies[] Ok { get; } = RequestKinds.All.Select(_ => new Latencies()).ToArray();

    public long[] Failed { get; } = new long[RequestKinds.All.Length];

    /// <summary>"409", "500", "exception ConnectionError", "201 but status submitted" … → count.</summary>
    public Dictionary<string, long> Failures { get; } = [];

    /// <summary>Records a successful request; true, for the callers' convenience.</summary>
    public bool Succeeded(RequestKind kind, long stopwatchTicks)
    {
        Ok[(int)kind].RecordTicks(stopwatchTicks);
        return true;
    }

    public void Fail(RequestKind kind, string what, string path, string? body)
    {
        Failed[(int)kind]++;
        Failures[what] = Failures.GetValueOrDefault(what) + 1;
        samples.Offer(kind, what, path, body);
    }
}

/// <summary>The first few failed responses of a run, with their bodies (problem+json tells why).</summary>
public sealed class ErrorSamples
{
    public const int Kept = 5;
    private const int BodyChars = 600;
    private readonly ConcurrentQueue<string> _samples = new();
    private int _offered;

    public IEnumerable<string> All => _samples;

    public void Offer(RequestKind kind, string what, string path, string? body)
    {
        if (Interlocked.Increment(ref _offered) > Kept) return;
        var text = body is null ? "" : body.Length > BodyChars ? body[..BodyChars] + "…" : body;
        _samples.Enqueue($"{kind.Name()} {path} → {what}: {text}");
    }
}

/// <summary>The workers' logs of one run, added up.</summary>
public sealed class LoadTotals
{
    public LoadTotals(IReadOnlyCollection<WorkerLog> workers)
    {
        foreach (var kind in RequestKinds.All)
        {
            var latencies = new Latencies();
            foreach (var worker in workers) latencies.Add(worker.Ok[(int)kind]);
            Ok[kind] = latencies;
            Failed[kind] = workers.Sum(w => w.Failed[(int)kind]);
            All.Add(latencies);
        }
        foreach (var (what, count) in workers.SelectMany(w => w.Failures))
            Failures[what] = Failures.GetValueOrDefault(what) + count;
    }

    public Dictionary<RequestKind, Latencies> Ok { get; } = [];

    public Dictionary<RequestKind, long> Failed { get; } = [];

    /// <summary>Every successful request of the run, whatever its kind.</summary>
    public Latencies All { get; } = new();

    public SortedDictionary<string, long> Failures { get; } = new(StringComparer.Ordinal);

    public long Errors => Failed.Values.Sum();

    public long Requests => All.Count + Errors;

    public string FailuresText => Failures.Count == 0
        ? "none"
        : string.Join(", ", Failures.Select(f => $"{f.Key} ×{f.Value:N0}"));
}
