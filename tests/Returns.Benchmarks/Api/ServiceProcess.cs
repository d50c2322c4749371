using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Returns.Benchmarks.Api;

/// <summary>
/// The service as its own process, <c>dotnet Returns.Web.dll --urls http://127.0.0.1:{port}</c>, configured only
/// through its environment, as a deployment would. Its output goes to a log file in the run's folder.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Long enough for the service's graceful shutdown (the Hangfire server waits up to 15 s for its jobs).</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly OutputLog _log;

    private ServiceProcess(Process process, OutputLog log, Uri address)
    {
        _process = process;
        _log = log;
        Address = address;
    }

    public Uri Address { get; }

    public int Pid => _process.Id;

    /// <summary>From starting the process to the first 200 of <c>GET /health/ready</c>.</summary>
    public TimeSpan StartToReady { get; private set; }

    /// <summary>
    /// The service's Returns.Web.dll: <paramref name="given"/>, or the build output of src/Returns.Web in this
    /// program's own configuration, which building this project builds too (it references the service).
    /// </summary>
    public static string Locate(string? given)
    {
        if (given is not null)
            return File.Exists(given) ? Path.GetFullPath(given) : throw new FileNotFoundException($"--service {given}: no such file.");
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (output.Name, output.Parent?.Name);
        for (var folder = output; folder is not null; folder = folder.Parent)
        {
            if (!File.Exists(Path.Combine(folder.FullName, "Returns.sln"))) continue;
            var dll = Path.Combine(folder.FullName, "src", "Returns.Web", "bin", configuration ?? "Release", framework, "Returns.Web.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException(
                $"{dll} not found: build it with `dotnet build tests/Returns.Benchmarks -c Release`, or pass --service <Returns.Web.dll>.");
        }
        throw new FileNotFoundException("The repository (Returns.sln) is not above this program: pass --service <Returns.Web.dll>.");
    }

    /// <summary>Runs <c>dotnet Returns.Web.dll {arguments}</c> to its end (the <c>migrate</c> command); its output goes to <paramref name="logPath"/>.</summary>
    public static async Task RunToEnd(string dll, IReadOnlyDictionary<string, string> environment, string logPath, CancellationToken ct, params string[] arguments)
    {
        using var log = new OutputLog(logPath);
        using var process = Launch(dll, arguments, environment, log);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        finally
        {
            if (!process.HasExited) await Stop(process);
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"`dotnet Returns.Web.dll {string.Join(' ', arguments)}` exited with {process.ExitCode}:\n{log.Tail()}");
    }

    /// <summary>Starts the service on a free loopback port and waits until it is ready.</summary>
    public static async Task<ServiceProcess> Start(string dll, IReadOnlyDictionary<string, string> environment, string logPath, CancellationToken ct)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var log = new OutputLog(logPath);
        var started = Stopwatch.GetTimestamp();
        Process process;
        try
        {
            process = Launch(dll, ["--urls", address.ToString().TrimEnd('/')], environment, log);
        }
        catch
        {
            log.Dispose();
            throw;
        }
        var service = new ServiceProcess(process, log, address);
        try
        {
            await service.WaitUntilReady(started, ct);
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilReady(long started, CancellationToken ct)
    {
        using var probe = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (_process.HasExited)
                throw new InvalidOperationException($"The service exited with {_process.ExitCode} before it was ready:\n{_log.Tail()}");
            try
            {
                using var response = await probe.GetAsync("/health/ready", ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    StartToReady = Stopwatch.GetElapsedTime(started);
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // The probe timed out: still starting.
            }
            if (Stopwatch.GetElapsedTime(started) > ReadyTimeout)
                throw new TimeoutException($"The service was not ready within {ReadyTimeout.TotalSeconds:0} s:\n{_log.Tail()}");
            await Task.Delay(20, ct);
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The CPU time the service has used so far (user + system).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
        }
    }

    /// <summary>Resident memory now (VmRSS) and at its peak (VmHWM), from /proc/{pid}/status; null when unknown.</summary>
    public (long? Now, long? Peak) ResidentBytes()
    {
        try
        {
            long? Field(string[] lines, string name) =>
                lines.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal)) is { } line
                && long.TryParse(line[(name.Length + 1)..].Trim().Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb)
                    ? kb * 1024
                    : null;
            var status = File.ReadAllLines($"/proc/{Pid}/status");
            return (Field(status, "VmRSS"), Field(status, "VmHWM"));
        }
        catch (IOException)
        {
            return (null, null);
        }
    }

    /// <summary>SIGTERM, as a deployment stops the service; killed if it has not exited within <see cref="StopTimeout"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await Stop(_process);
        // Also waits for the last lines of its output.
        await _process.WaitForExitAsync(CancellationToken.None);
        _process.Dispose();
        _log.Dispose();
    }

    private static async Task Stop(Process process)
    {
        try
        {
            if (process.HasExited) return;
            if (Kill(process.Id, Sigterm) == 0)
            {
                using var timeout = new CancellationTokenSource(StopTimeout);
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                    return;
                }
                catch (OperationCanceledException)
                {
                    Console.Error.WriteLine($"  the service (pid {process.Id}) did not stop within {StopTimeout.TotalSeconds:0} s of SIGTERM: killed");
                }
            }
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // It had already gone.
        }
    }

    private static Process Launch(string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, OutputLog log)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            // The content root (appsettings.json) is the working directory.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // What the shell this runs in may have set must not choose the service's environment, database or URLs.
        foreach (var name in new[] { "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS", "URLS", "ASPNETCORE_HTTP_PORTS", "HTTP_PORTS" })
            start.Environment.Remove(name);
        foreach (var (name, value) in environment) start.Environment[name] = value;

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => log.Write(line.Data);
        process.ErrorDataReceived += (_, line) => log.Write(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// The service's output (stdout and stderr, whose lines arrive on two threads) in the run's folder, to follow
    /// with tail -f while it runs; its last lines are kept to tell why it failed, since the folder is removed.
    /// </summary>
    private sealed class OutputLog(string path) : IDisposable
    {
        private readonly StreamWriter _writer = new(path, append: true);
        private readonly Queue<string> _last = new();
        private bool _closed;

        public void Write(string? line)
        {
            if (line is null) return;
            lock (_last)
            {
                if (_closed) return;
                _writer.WriteLine(line);
                _last.Enqueue(line);
                if (_last.Count > 30) _last.Dequeue();
            }
        }

        public string Tail()
        {
            lock (_last) return string.Join('\n', _last.Select(l => "    | " + l));
        }

        public void Dispose()
        {
            lock (_last)
            {
                _closed = true;
                _writer.Dispose();
            }
        }
    }

    /// <summary>A port nobody listens on now (the kernel's choice); the service binds it a moment later.</summary>
    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
