using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Returns.Benchmarks.Api;

/// <summary>
/// <c>api</c>: the REST API under load over HTTP. Each scenario gets a fresh database and its own service process
/// (so that runs do not influence each other), started as in production; the workers then drive the contract for
/// the duration, and the service is stopped and its database removed, whatever happened.
/// </summary>
public static class ApiBenchmark
{
    public static async Task<int> Run(string[] args, bool soak = false)
    {
        ApiOptions options;
        var usage = soak ? ApiOptions.SoakUsage : ApiOptions.Usage;
        try
        {
            options = ApiOptions.Parse(args, soak ? ApiOptions.SoakDefaults : new ApiOptions());
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(usage);
            return 2;
        }
        if (options.Help)
        {
            Console.WriteLine(usage);
            return 0;
        }
        var server = options.Connection ?? Environment.GetEnvironmentVariable(BenchOptions.ConnectionVariable) ?? "";
        if (options.Database == ApiDatabase.Postgres && string.IsNullOrWhiteSpace(server))
        {
            Console.Error.WriteLine($"--db postgres needs a server: set {BenchOptions.ConnectionVariable} or pass --connection, e.g.");
            Console.Error.WriteLine("  \"Host=127.0.0.1;Port=5432;Username=postgres;Password=returns-test;Database=postgres\"");
            return 2;
        }
        string dll;
        try
        {
            dll = ServiceProcess.Locate(options.Service);
        }
        catch (FileNotFoundException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // Let the run stop and still stop the service and remove its database.
            e.Cancel = true;
            cancel.Cancel();
        };
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            cancel.Cancel();
        });

        PrintMachine(dll, options);
        var results = new List<ScenarioResult>();
        try
        {
            foreach (var scenario in options.Scenarios)
                results.Add(await RunScenario(scenario, options, server, dll, cancel.Token));
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("cancelled");
            return 130;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"api benchmark failed: {e.Message}");
            return 1;
        }

        if (results.Count > 1)
        {
            Console.WriteLine();
            Console.WriteLine("== Results");
            foreach (var result in results) Console.WriteLine(result.Line);
        }
        return results.All(r => r.Errors == 0 && r.Passed) ? 0 : 1;
    }

    private sealed record ScenarioResult(string Line, long Errors, bool Passed = true);

    private static async Task<ScenarioResult> RunScenario(ApiScenario kind, ApiOptions options, string server, string dll, CancellationToken ct)
    {
        var name = ApiOptions.Name(kind);
        var db = ApiOptions.Name(options.Database);
        Console.WriteLine();
        Console.WriteLine($"== {(options.Soak ? "soak: " : "")}{name} on {db}: {options.Concurrency} workers for {options.Duration.TotalSeconds:0} s"
            + (options.MaxRequests is { } max ? $" or {max:N0} requests" : "") + (options.Webhooks ? ", webhooks to a local receiver" : ""));

        // Disposed after the service: it receives until the service has stopped.
        await using var sink = options.Webhooks ? await WebhookSink.Start() : null;

        // Disposed in reverse: the service stops first, then its database and the folder go.
        using var folder = new RunFolder();
        await using var database = ServiceDatabase.For(options, server, folder);
        var key = "bench-" + RandomNumberGenerator.GetHexString(34, lowercase: true);
        var environment = new Dictionary<string, string>(database.Environment)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Returns__Bootstrap__ApiKey"] = key,
            ["Returns__Bootstrap__AdminEmail"] = "bench-admin@returns.local",
            ["Returns__Bootstrap__AdminPassword"] = "Bench-" + RandomNumberGenerator.GetHexString(12) + "-a1",
            // The load is one caller: at the default 600 a minute, the figures would be the limiter's.
            ["Returns__RateLimit__PermitsPerMinute"] = "100000000",
        };
        // The receiver is on 127.0.0.1, which webhooks may not reach unless the installation allows its own hosts.
        if (sink is not null) environment["Returns__Webhooks__AllowPrivateTargets"] = "true";
        Console.WriteLine($"  database: {database.Description}");
        if (await database.Prepare(dll, environment, folder.ServiceLog, ct) is { } migrated)
            Console.WriteLine($"  migrated in {migrated.TotalSeconds:0.0} s (not part of start to ready)");

        await using var service = await ServiceProcess.Start(dll, environment, folder.ServiceLog, ct);
        Console.WriteLine($"  service: pid {service.Pid} at {service.Address}, ready {service.StartToReady.TotalMilliseconds:N0} ms after start "
            + "(process start to the first 200 of GET /health/ready)");

        using var http = LoadClient(service.Address, key, options.Concurrency);
        if (sink is not null)
        {
            await Subscribe(http, sink.Url, ct);
            Console.WriteLine($"  webhooks: every event (\"*\") to {sink.Url}, subscribed before any case exists");
        }
        var scenario = LoadScenario.For(kind, new ReturnsApi(http, RandomNumberGenerator.GetHexString(6)), options);
        if (await scenario.Prepare(ct) is { } prepared) Console.WriteLine($"  {prepared}");

        var samples = new ErrorSamples();
        var logs = Enumerable.Range(0, options.Concurrency).Select(_ => new WorkerLog(samples)).ToArray();
        var self = Process.GetCurrentProcess();
        var (serviceCpu, selfCpu) = (service.CpuTime, self.TotalProcessorTime);
        var started = Stopwatch.GetTimestamp();
        var budget = new RequestBudget(options.Duration, options.MaxRequests);
        using var loadDone = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watch = options.Soak ? Watch(service, sink, loadDone.Token) : Task.FromResult<long?>(null);
        await Task.WhenAll(logs.Select(log => Task.Run(() => scenario.Work(log, budget, ct), ct)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        await loadDone.CancelAsync();
        var firstMinuteRss = await watch;
        var (rss, peak) = service.ResidentBytes();
        self.Refresh();
        (serviceCpu, selfCpu) = (service.CpuTime - serviceCpu, self.TotalProcessorTime - selfCpu);
        if (service.HasExited) Console.WriteLine("  THE SERVICE EXITED during the run");

        var totals = new LoadTotals(logs);
        var rps = totals.Requests / elapsed.TotalSeconds;
        Console.WriteLine($"  {totals.Requests:N0} requests in {elapsed.TotalSeconds:0.00} s: {rps:N1} req/s, {totals.Errors:N0} errors");
        PrintKinds(totals);
        Console.WriteLine($"  errors by status: {totals.FailuresText}");
        foreach (var sample in samples.All) Console.WriteLine($"    {sample}");
        Console.WriteLine($"  service memory at the end: {Mb(rss)} MB resident (VmRSS; peak VmHWM {Mb(peak)} MB)");
        Console.WriteLine($"  CPU during the run: service {serviceCpu.TotalSeconds:0.0} s, this load generator {selfCpu.TotalSeconds:0.0} s, "
            + $"of {elapsed.TotalSeconds * Environment.ProcessorCount:0.0} s on {Environment.ProcessorCount} cores");

        var all = totals.All;
        var line = FormattableString.Invariant(
            $"RESULT db={db} scenario={name} concurrency={options.Concurrency} reqs={totals.Requests} rps={rps:0.0} p50={all.Percentile(0.5):0.00}ms p99={all.Percentile(0.99):0.00}ms errors={totals.Errors} rss={Mb(rss)}MB ready={service.StartToReady.TotalMilliseconds:0}ms");
        var passed = true;
        if (sink is not null)
        {
            var (hooks, exactlyOnce) = await CheckWebhooks(sink, new OutboxLedger(database.Environment), ct);
            line += hooks;
            passed = exactlyOnce;
        }
        if (options.Soak)
        {
            var growth = firstMinuteRss is { } first && rss is { } last ? (last - first) / (double)first : (double?)null;
            var memoryHeld = growth is { } g && Math.Abs(g) <= 0.20;
            Console.WriteLine($"  resident memory: {Mb(firstMinuteRss)} MB after the first minute, {Mb(rss)} MB at the end"
                + (growth is { } change ? FormattableString.Invariant($" ({change * 100:+0.0;-0.0} %)") : "") + $": {(memoryHeld ? "within" : "NOT within")} 20 %");
            line += FormattableString.Invariant($" rss_1min={Mb(firstMinuteRss)}MB rss_end={Mb(rss)}MB");
            passed &= memoryHeld && totals.Errors == 0;
            line += passed ? " PASS" : " FAIL";
        }
        Console.WriteLine(line);
        return new ScenarioResult(line, totals.Errors, passed);
    }

    /// <summary>Subscribes the receiver to every event, with the key of the load (it has every scope).</summary>
    private static async Task Subscribe(HttpClient http, string url, CancellationToken ct)
    {
        using var content = new StringContent(System.Text.Json.JsonSerializer.Serialize(new { url, events = new[] { "*" } }),
            System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("/api/v1/webhooks", content, ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Subscribing the receiver failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
    }

    /// <summary>
    /// Once the load has stopped, waits for the dispatcher to finish, then holds the database's account (every outbox row
    /// has one delivery, delivered, none twice) against the receiver's (the same deliveries, each once, each case in order).
    /// </summary>
    private static async Task<(string Line, bool ExactlyOnce)> CheckWebhooks(WebhookSink sink, OutboxLedger ledger, CancellationToken ct)
    {
        var drained = await ledger.Drained(TimeSpan.FromMinutes(3), ct);
        // The last answers may still be on their way back to the dispatcher when the database says delivered.
        await Task.Delay(500, ct);
        var tally = await ledger.Count(ct);
        var received = sink.DeliveryIds.ToHashSet();
        var notReceived = tally.DeliveredIds.Count(id => !received.Contains(id));
        var unknown = received.Count(id => !tally.DeliveredIds.Contains(id));
        var databaseOnce = tally.NotFannedOut == 0 && tally.Pending == 0 && tally.Failed == 0 && tally.EventsWithoutDelivery == 0
            && tally.EventsDeliveredTwice == 0 && tally.Delivered == tally.Events;
        var receiverOnce = sink.Duplicates == 0 && notReceived == 0 && unknown == 0 && received.Count == tally.Events;
        var latency = sink.Latency;
        Console.WriteLine($"  webhooks: {tally.Events:N0} outbox rows; " + (drained is { } d ? $"all dispatched {d.TotalSeconds:0.0} s after the load stopped" : "NOT drained within 3 minutes"));
        Console.WriteLine($"    database: {tally.Delivered:N0} delivered, {tally.Pending:N0} pending, {tally.Failed:N0} failed, {tally.EventsWithoutDelivery:N0} rows without a delivery, "
            + $"{tally.EventsDeliveredTwice:N0} with two, {tally.RetriedDeliveries:N0} needed more than one attempt: {(databaseOnce ? "each row delivered once" : "NOT each row once")}");
        Console.WriteLine($"    receiver: {received.Count:N0} deliveries, {sink.Duplicates:N0} received twice, {notReceived:N0} delivered by the database's account but not received, "
            + $"{unknown:N0} received but unknown to the database: {(receiverOnce ? "each once" : "NOT each once")}; {sink.OutOfOrder:N0} case events out of version order");
        Console.WriteLine($"    event to first attempt (case events, {latency.Count:N0}): p50 {latency.Percentile(0.5):0.0} ms, p90 {latency.Percentile(0.9):0.0} ms, "
            + $"p99 {latency.Percentile(0.99):0.0} ms, max {latency.MaxMilliseconds:0.0} ms (target p99 < 2000 ms)");
        var exactlyOnce = databaseOnce && receiverOnce && sink.OutOfOrder == 0;
        return (FormattableString.Invariant(
            $" hooks={tally.Events} hook_p50={latency.Percentile(0.5):0.0}ms hook_p99={latency.Percentile(0.99):0.0}ms once={(exactlyOnce ? "yes" : "NO")} out_of_order={sink.OutOfOrder}"), exactlyOnce);
    }

    /// <summary>The soak's minute marks: resident memory (the first minute's is the baseline) and deliveries received so far.</summary>
    private static async Task<long?> Watch(ServiceProcess service, WebhookSink? sink, CancellationToken ct)
    {
        long? first = null;
        var started = Stopwatch.GetTimestamp();
        try
        {
            for (var minute = 1; ; minute++)
            {
                var next = TimeSpan.FromMinutes(minute) - Stopwatch.GetElapsedTime(started);
                if (next > TimeSpan.Zero) await Task.Delay(next, ct);
                var (rss, _) = service.ResidentBytes();
                first ??= rss;
                Console.WriteLine($"  minute {minute}: service {Mb(rss)} MB resident" + (sink is null ? "" : $", {sink.Received:N0} webhook deliveries received"));
            }
        }
        catch (OperationCanceledException)
        {
            return first;
        }
    }

    /// <summary>One connection per worker, kept for the run; the key every request carries.</summary>
    private static HttpClient LoadClient(Uri address, string key, int concurrency)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        var http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }

    private static void PrintKinds(LoadTotals totals)
    {
        Console.WriteLine($"  {"request",-24} {"ok",8} {"errors",7} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8} {"max ms",8} {"mean ms",8}   (latencies of the successful requests)");
        void Row(string name, Latencies l, long errors) =>
            Console.WriteLine($"  {name,-24} {l.Count,8:N0} {errors,7:N0} {l.Percentile(0.5),8:0.00} {l.Percentile(0.9),8:0.00} {l.Percentile(0.99),8:0.00} {l.MaxMilliseconds,8:0.00} {l.MeanMilliseconds,8:0.00}");
        foreach (var kind in RequestKinds.All.Where(k => totals.Ok[k].Count + totals.Failed[k] > 0))
            Row(kind.Name(), totals.Ok[kind], totals.Failed[kind]);
        Row("all", totals.All, totals.Errors);
    }

    private static void PrintMachine(string dll, ApiOptions options)
    {
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, "
            + $"load {BenchMachine.LoadAverage()} (1, 5, 15 min); this program: {BenchMachine.BuildConfiguration} build, {(GCSettings.IsServerGC ? "server" : "workstation")} GC");
        Console.WriteLine($"service: dotnet {dll} (built {File.GetLastWriteTime(dll):yyyy-MM-dd HH:mm}), ASPNETCORE_ENVIRONMENT=Production");
        Console.WriteLine($"run: {(options.Soak ? "soak" : "api")} --db {ApiOptions.Name(options.Database)} --scenario {string.Join(',', options.Scenarios.Select(ApiOptions.Name))} "
            + $"--duration {options.Duration.TotalSeconds:0} --concurrency {options.Concurrency}" + (options.Webhooks ? " --webhooks" : "")
            + (options.MaxRequests is { } max ? $" --max-requests {max}" : "") + (options.Scenarios.Contains(ApiScenario.Mixed) ? $" --pool {options.Pool}" : ""));
    }


    private static string Mb(long? bytes) => bytes is { } b ? (b / 1024.0 / 1024).ToString("0", System.Globalization.CultureInfo.InvariantCulture) : "?";
}
