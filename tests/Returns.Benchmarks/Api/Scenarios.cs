using System.Diagnostics;

namespace Returns.Benchmarks.Api;

/// <summary>When the workers stop: at the end of the duration, or once the request budget is spent.</summary>
public sealed class RequestBudget(TimeSpan duration, long? maxRequests)
{
    private readonly long _end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    private long _left = maxRequests ?? long.MaxValue;

    /// <summary>True when one more request may be sent.</summary>
    public bool TryTake() => Stopwatch.GetTimestamp() < _end && Interlocked.Decrement(ref _left) >= 0;
}

/// <summary>What each worker does in a loop, each request waiting for the answer of the one before.</summary>
public abstract class LoadScenario(ReturnsApi api)
{
    protected ReturnsApi Api => api;

    /// <summary>Work before the measured run (not measured); a line saying what was done, or null.</summary>
    public virtual Task<string?> Prepare(CancellationToken ct) => Task.FromResult<string?>(null);

    public abstract Task Work(WorkerLog log, RequestBudget budget, CancellationToken ct);

    public static LoadScenario For(ApiScenario scenario, ReturnsApi api, ApiOptions options) => scenario switch
    {
        ApiScenario.Create => new CreateScenario(api),
        ApiScenario.Flow => new FlowScenario(api),
        ApiScenario.Mixed => new MixedScenario(api, options.Pool, Math.Min(options.Concurrency, 8)),
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };
}

/// <summary>Returns logged one after the other, each for a new order.</summary>
public sealed class CreateScenario(ReturnsApi api) : LoadScenario(api)
{
    public override async Task Work(WorkerLog log, RequestBudget budget, CancellationToken ct)
    {
        while (budget.TryTake()) await Api.Create(log, ct);
    }
}

/// <summary>A return's whole happy path per iteration; a failed step ends the iteration (the case's state is then unknown).</summary>
public sealed class FlowScenario(ReturnsApi api) : LoadScenario(api)
{
    public override async Task Work(WorkerLog log, RequestBudget budget, CancellationToken ct)
    {
        while (budget.TryTake())
        {
            if (await Api.Create(log, ct) is not { } @case) continue;
            while (!@case.Completed && budget.TryTake() && await Api.Advance(log, @case, ct))
            {
            }
        }
    }
}

/// <summary>
/// A desk's day: 60 % reads of a random case, 10 % the newest page of the list, 20 % the next step of a random
/// case still under way, 10 % new returns (which join the cases read and moved on; a step finding no case under
/// way becomes a create too).
/// </summary>
public sealed class MixedScenario(ReturnsApi api, int pool, int seedWorkers) : LoadScenario(api)
{
    private readonly CaseShelf _known = new(pool + 262_144);
    private readonly UnderWay _underWay = new(2 * pool);

    public override async Task<string?> Prepare(CancellationToken ct)
    {
        var samples = new ErrorSamples();
        var logs = Enumerable.Range(0, seedWorkers).Select(_ => new WorkerLog(samples)).ToArray();
        var next = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(logs.Select(log => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= pool)
                if (await Api.Create(log, ct) is { } @case) Keep(@case);
        }, ct)));
        var seeding = new LoadTotals(logs);
        if (seeding.Errors > 0)
            throw new InvalidOperationException($"Seeding the pool failed: {seeding.FailuresText}\n    " + string.Join("\n    ", samples.All));
        return $"seeded {pool:N0} cases in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s with {seedWorkers} workers (not measured)";
    }

    public override async Task Work(WorkerLog log, RequestBudget budget, CancellationToken ct)
    {
        while (budget.TryTake())
        {
            var roll = Random.Shared.Next(100);
            if (roll < 60)
                await Api.Get(log, _known.Any(), ct);
            else if (roll < 70)
                await Api.List(log, ct);
            else if (roll < 90 && _underWay.Take() is { } @case)
            {
                if (await Api.Advance(log, @case, ct) && !@case.Completed) _underWay.TryPut(@case);
            }
            else if (await Api.Create(log, ct) is { } created)
                Keep(created);
        }
    }

    private void Keep(ReturnCase @case)
    {
        _known.Add(@case);
        _underWay.TryPut(@case);
    }

    /// <summary>Every case created, for reads; append-only, lock-free. Past its capacity new cases are not added.</summary>
    private sealed class CaseShelf(int capacity)
    {
        private readonly ReturnCase?[] _cases = new ReturnCase?[capacity];
        private int _count;

        public void Add(ReturnCase @case)
        {
            var at = Interlocked.Increment(ref _count) - 1;
            if (at < _cases.Length) Volatile.Write(ref _cases[at], @case);
        }

        public ReturnCase Any()
        {
            var count = Math.Min(Volatile.Read(ref _count), _cases.Length);
            while (true)
            {
                // A slot counted but not yet written is null for a moment; the seeded pool makes a hit near certain.
                if (Volatile.Read(ref _cases[Random.Shared.Next(count)]) is { } @case) return @case;
            }
        }
    }

    /// <summary>
    /// The cases with a step to go, in slots: a worker takes a random one out (so no other worker acts on it
    /// meanwhile, which would be a conflict of the load's making) and puts it back after its step.
    /// </summary>
    private sealed class UnderWay(int capacity)
    {
        private const int Tries = 16;
        private readonly ReturnCase?[] _slots = new ReturnCase?[capacity];

        public ReturnCase? Take()
        {
            for (var i = 0; i < Tries; i++)
                if (Interlocked.Exchange(ref _slots[Random.Shared.Next(_slots.Length)], null) is { } @case)
                    return @case;
            return null;
        }

        /// <summary>False when no free slot was found: the pool is full, and the case is left out.</summary>
        public bool TryPut(ReturnCase @case)
        {
            for (var i = 0; i < Tries; i++)
                if (Interlocked.CompareExchange(ref _slots[Random.Shared.Next(_slots.Length)], @case, null) is null)
                    return true;
            return false;
        }
    }
}
