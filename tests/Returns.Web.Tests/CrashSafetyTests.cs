using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests;

/// <summary>
/// Issue 8: the real service process on PostgreSQL takes a stream of creates and notes, is killed with SIGKILL
/// mid-stream and restarted. Every request that got a 2xx is in the database, and the outbox still delivers.
/// </summary>
[Collection(nameof(HangfireNodes))]
public sealed class CrashSafetyTests(PostgresApp database) : IClassFixture<PostgresApp>
{
    private static string ServiceFolder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Returns.sln"))) folder = folder.Parent;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return Path.Combine(folder!.FullName, "src", "Returns.Web", "bin", configuration, "net10.0");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Process StartService(int port)
    {
        var info = new ProcessStartInfo("dotnet", "Returns.Web.dll")
        {
            WorkingDirectory = ServiceFolder(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Database__Provider"] = "postgres";
        info.Environment["ConnectionStrings__Returns"] = database.DatabaseConnectionString;
        info.Environment["Returns__Jobs__Enabled"] = "false";
        info.Environment["Returns__Bootstrap__ApiKey"] = ReturnsApp.BootstrapKey;
        info.Environment["Returns__RateLimit__PermitsPerMinute"] = "100000";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<HttpClient> WhenReady(int port, Process process)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ReturnsApp.BootstrapKey);
        for (var i = 0; i < 120; i++)
        {
            Assert.False(process.HasExited, "The service process exited during start-up.");
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return http;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException("The service did not become ready.");
    }

    [SkippableFact]
    public async Task Every_acknowledged_request_survives_a_sigkill_and_the_outbox_still_delivers()
    {
        Skip.If(database.Unavailable is not null, database.Unavailable);
        await using var receiver = await WebhookReceiver.Start();
        var admin = database.Client(ReturnsApp.AdminEmail, "admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.Post("webhooks", new JsonObject
        {
            ["url"] = receiver.Url, ["events"] = new JsonArray("case.create", "case.add-note"), ["secret"] = "crash-test-secret-0123456789",
        })).Status);

        var port = FreePort();
        var first = StartService(port);
        var acknowledged = new ConcurrentDictionary<Guid, bool>();
        try
        {
            var http = await WhenReady(port, first);
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        var created = await http.PostAsync("/api/v1/cases", new StringContent(
                            Bodies.Case(reason: "nonQuality.changedMind").ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
                        if (!created.IsSuccessStatusCode) continue;
                        var id = Guid.Parse(JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<string>());
                        acknowledged[id] = false;
                        var noted = await http.PostAsync($"/api/v1/cases/{id}/add-note", new StringContent(
                            "{\"text\":\"买家已寄回\"}", System.Text.Encoding.UTF8, "application/json"));
                        if (noted.IsSuccessStatusCode) acknowledged[id] = true;
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        // The process died under this request: it was never acknowledged.
                    }
                }
            })).ToList();

            for (var i = 0; i < 200 && acknowledged.Count < 40; i++) await Task.Delay(50);
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }
        finally
        {
            if (!first.HasExited) first.Kill(entireProcessTree: true);
        }
        Assert.True(acknowledged.Count >= 10, $"Only {acknowledged.Count} requests were acknowledged before the kill.");

        var second = StartService(port);
        try
        {
            var http = await WhenReady(port, second);
            foreach (var (id, noted) in acknowledged)
            {
                var reply = await http.GetAsync($"/api/v1/cases/{id}");
                Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
                var notes = JsonNode.Parse(await reply.Content.ReadAsStringAsync())!["notes"]!.AsArray();
                if (noted) Assert.Single(notes);
            }
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }

        await database.Dispatch();
        var delivered = receiver.Deliveries.Select(d => JsonNode.Parse(d.Body)!)
            .Where(e => e["action"]!.GetValue<string>() == "create")
            .Select(e => Guid.Parse(e["caseId"]!.GetValue<string>())).ToHashSet();
        Assert.All(acknowledged.Keys, id => Assert.Contains(id, delivered));
    }
}
