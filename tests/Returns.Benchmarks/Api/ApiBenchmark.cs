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
    public static async Task<int> Run(string[] args)
    {
        ApiOptions options;
        try
        {
            options = ApiOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(ApiOptions.Usage);
            return 2;
        }
        if (options.Help)
        {
            Console.WriteLine(ApiOptions.Usage);
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
        return results.All(r => r.Errors == 0) ? 0 : 1;
    }

    private sealed record ScenarioResult(string Line, long Errors);

    private static async Task<ScenarioResult> RunScenario(ApiScenario kind, ApiOptions options, string server, string dll, CancellationToken ct)
    {
        var name = ApiOptions.Name(kind);
        var db = ApiOptions.Name(options.Database);
        Console.WriteLine();
        Console.WriteLine($"== {name} on {db}: {options.Concurrency} workers for {options.Duration.TotalSeconds:0} s"
            + (options.MaxRequests is { } max ? $" or {max:N0} requests" : ""));

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
        Console.WriteLine($"  database: {database.Description}");
        if (await database.Prepare(dll, environment, folder.ServiceLog, ct) is { } migrated)
            Console.WriteLine($"  migrated in {migrated.TotalSeconds:0.0} s (not part of start to ready)");

        await using var service = await ServiceProcess.Start(dll, environment, folder.ServiceLog, ct);
        Console.WriteLine($"  service: pid {service.Pid} at {service.Address}, ready {service.StartToReady.TotalMilliseconds:N0} ms after start "
            + "(process start to the first 200 of GET /health/ready)");

        using var http = LoadClient(service.Address, key, options.Concurrency);
        var scenario = LoadScenario.For(kind, new ReturnsApi(http, RandomNumberGenerator.GetHexString(6)), options);
        if (await scenario.Prepare(ct) is { } prepared) Console.WriteLine($"  {prepared}");

        var samples = new ErrorSamples();
        var logs = Enumerable.Range(0, options.Concurrency).Select(_ => new WorkerLog(samples)).ToArray();
        var self = Process.GetCurrentProcess();
        var (serviceCpu, selfCpu) = (service.CpuTime, self.TotalProcessorTime);
        var started = Stopwatch.GetTimestamp();
        var budget = new RequestBudget(options.Duration, options.MaxRequests);
        await Task.WhenAll(logs.Select(log => Task.Run(() => scenario.Work(log, budget, ct), ct)));
        var elapsed = Stopwatch.GetElapsedTime(started);
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
        Console.WriteLine(line);
        return new ScenarioResult(line, totals.Errors);
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
        Console.WriteLine($"run: api --db {ApiOptions.Name(options.Database)} --scenario {string.Join(',', options.Scenarios.Select(ApiOptions.Name))} "
            + $"--duration {options.Duration.TotalSeconds:0} --concurrency {options.Concurrency}"
            + (options.MaxRequests is { } max ? $" --max-requests {max}" : "") + (options.Scenarios.Contains(ApiScenario.Mixed) ? $" --pool {options.Pool}" : ""));
    }


    private static string Mb(long? bytes) => bytes is { } b ? (b / 1024.0 / 1024).ToString("0", System.Globalization.CultureInfo.InvariantCulture) : "?";
}
