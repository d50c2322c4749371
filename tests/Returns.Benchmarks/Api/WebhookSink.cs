using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Returns.Benchmarks.Api;

/// <summary>
/// The integrator's end of the webhooks: a real HTTP endpoint on 127.0.0.1 in this process, answering 200 at once. It
/// records each delivery's id (to find any sent twice), each case's versions in the order they arrived, and how long
/// after the event each one came: arrival minus the event's <c>at</c>, which the service takes while handling the
/// request, a little before its commit (so the figure errs on the long side).
/// </summary>
public sealed class WebhookSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<Guid, int> _deliveries = new();
    private readonly ConcurrentDictionary<Guid, int> _lastVersion = new();
    private readonly Latencies _latency = new();
    private readonly object _latencyLock = new();
    private long _outOfOrder;
    private long _duplicates;

    private WebhookSink(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public static async Task<WebhookSink> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var sink = new WebhookSink(app);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            var arrived = DateTimeOffset.UtcNow;
            using var body = await JsonDocument.ParseAsync(request.Body);
            sink.Record(request.Headers["X-Returns-Delivery"].ToString(), request.Headers["X-Returns-Event"].ToString(), body.RootElement, arrived);
            return Results.Ok();
        });
        await app.StartAsync();
        sink.Url = app.Urls.First().TrimEnd('/') + "/hook";
        return sink;
    }

    private void Record(string deliveryId, string eventType, JsonElement body, DateTimeOffset arrived)
    {
        if (!Guid.TryParse(deliveryId, out var id)) return;
        if (_deliveries.AddOrUpdate(id, 1, (_, n) => n + 1) > 1)
        {
            Interlocked.Increment(ref _duplicates);
            return;
        }
        if (!eventType.StartsWith("case.", StringComparison.Ordinal)) return;
        var caseId = body.GetProperty("caseId").GetGuid();
        var version = body.GetProperty("version").GetInt32();
        var at = body.GetProperty("at").GetDateTimeOffset();
        // Versions of one case must arrive rising; a lower one after a higher one is out of order.
        var seen = _lastVersion.AddOrUpdate(caseId, version, (_, last) => Math.Max(last, version));
        if (seen > version) Interlocked.Increment(ref _outOfOrder);
        lock (_latencyLock) _latency.Record((long)Math.Max(0, (arrived - at).TotalMicroseconds));
    }

    /// <summary>Distinct deliveries received.</summary>
    public int Received => _deliveries.Count;

    public IReadOnlyCollection<Guid> DeliveryIds => _deliveries.Keys.ToList();

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long OutOfOrder => Interlocked.Read(ref _outOfOrder);

    /// <summary>Event to first attempt, case events only.</summary>
    public Latencies Latency
    {
        get
        {
            lock (_latencyLock)
            {
                var copy = new Latencies();
                copy.Add(_latency);
                return copy;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
