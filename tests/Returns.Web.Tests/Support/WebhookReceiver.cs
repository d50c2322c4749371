using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Returns.Web.Tests.Support;

/// <summary>A real HTTP endpoint on 127.0.0.1 that records webhook deliveries and can fail the first few.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Delivery(string Body, string? Event, string? Timestamp, string? Signature, string? DeliveryId, int Answer)
    {
        /// <summary>X-Returns-Event-Id: the event's id in GET /events.</summary>
        public string? EventId { get; init; }
    }

    private readonly WebApplication _app;
    private int _failuresLeft;

    public ConcurrentQueue<Delivery> Deliveries { get; } = new();

    public string Url { get; }

    private WebhookReceiver(WebApplication app, string url, int failFirst)
    {
        _app = app;
        Url = url;
        _failuresLeft = failFirst;
    }

    public static async Task<WebhookReceiver> Start(int failFirst = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var answer = Interlocked.Decrement(ref receiver!._failuresLeft) >= 0 ? 500 : 200;
            receiver.Deliveries.Enqueue(new Delivery(body, request.Headers["X-Returns-Event"], request.Headers["X-Returns-Timestamp"],
                request.Headers["X-Returns-Signature"], request.Headers["X-Returns-Delivery"], answer) { EventId = request.Headers["X-Returns-Event-Id"] });
            return Results.StatusCode(answer);
        });
        await app.StartAsync();
        receiver = new WebhookReceiver(app, app.Urls.First().TrimEnd('/') + "/hook", failFirst);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
