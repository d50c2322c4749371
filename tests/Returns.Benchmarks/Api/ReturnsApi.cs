using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Returns.Benchmarks.Api;

/// <summary>A return the load created, and how far along its flow it is (one worker moves it at a time).</summary>
public sealed class ReturnCase(Guid id, string orderNumber)
{
    public Guid Id { get; } = id;

    public string OrderNumber { get; } = orderNumber;

    public string Path { get; } = $"/api/v1/cases/{id}";

    /// <summary>Steps of <see cref="ReturnsApi.Flow"/> done.</summary>
    public int Step { get; set; }

    /// <summary><c>amounts.refundDue</c> of the last answer: what the refund pays.</summary>
    public decimal RefundDue { get; set; }

    public bool Completed => Step == ReturnsApi.Flow.Count;
}

/// <summary>One step of a return's happy path: the action, and the status the case must be in after it.</summary>
public sealed record FlowStep(RequestKind Kind, string Action, string StatusAfter);

/// <summary>
/// The REST contract the load drives (openapi/returns.v1.json): log a return of one dress for a buyer's reason
/// (nonQuality.wrongSize: approving needs no photo), then take it along approve → record-return-shipment →
/// confirm-receipt → refund. Each answer is checked: the status code, and for writes the case's new status.
/// </summary>
public sealed class ReturnsApi(HttpClient http, string runTag)
{
    public static readonly IReadOnlyList<FlowStep> Flow =
    [
        new(RequestKind.Approve, "approve", "awaitingReturnShipment"),
        new(RequestKind.RecordReturnShipment, "record-return-shipment", "returnInTransit"),
        new(RequestKind.ConfirmReceipt, "confirm-receipt", "refundPending"),
        new(RequestKind.Refund, "refund", "completed"),
    ];

    private const string Sku = "DRESS-RED-M";
    private static readonly byte[] Approval = "{}"u8.ToArray();
    private static readonly byte[] Receipt = Encoding.UTF8.GetBytes($$"""{"items":[{"sku":"{{Sku}}","quantity":1,"condition":"resaleable"}]}""");

    // Paid five days and delivered two days before the run: inside the 7-day no-reason window.
    private readonly string _paidAt = Iso(DateTimeOffset.UtcNow.AddDays(-5));
    private readonly string _deliveredAt = Iso(DateTimeOffset.UtcNow.AddDays(-2));
    private long _orders;
    private long _parcels;

    /// <summary>POST /cases: 201 with a submitted case.</summary>
    public async Task<ReturnCase?> Create(WorkerLog log, CancellationToken ct)
    {
        var orderNumber = $"BENCH-{runTag}-{Interlocked.Increment(ref _orders):D7}";
        var body = Encoding.UTF8.GetBytes($$"""
            {"type":"return","shop":"demo-shop","order":{"orderNumber":"{{orderNumber}}","paidAt":"{{_paidAt}}","deliveredAt":"{{_deliveredAt}}","shippingFee":8.00,"items":[{"sku":"{{Sku}}","name":"红色连衣裙 M","quantity":1,"unitPrice":199.00}]},"buyer":{"nickname":"小王"},"reason":"nonQuality.wrongSize","items":[{"sku":"{{Sku}}","quantity":1}]}
            """);
        const string path = "/api/v1/cases";
        if (await Send(log, RequestKind.Create, HttpMethod.Post, path, body, HttpStatusCode.Created, ct) is not { } answer
            || Read(log, RequestKind.Create, path, answer, "submitted") is not { } reply) return null;
        return new ReturnCase(reply.Id, orderNumber) { RefundDue = reply.RefundDue };
    }

    /// <summary>GET /cases/{id}.</summary>
    public async Task<bool> Get(WorkerLog log, ReturnCase @case, CancellationToken ct) =>
        await Send(log, RequestKind.Get, HttpMethod.Get, @case.Path, null, HttpStatusCode.OK, ct) is { } answer
        && log.Succeeded(RequestKind.Get, answer.Ticks);

    /// <summary>GET /cases?limit=20: the newest page.</summary>
    public async Task<bool> List(WorkerLog log, CancellationToken ct) =>
        await Send(log, RequestKind.List, HttpMethod.Get, "/api/v1/cases?limit=20", null, HttpStatusCode.OK, ct) is { } answer
        && log.Succeeded(RequestKind.List, answer.Ticks);

    /// <summary>The case's next step along <see cref="Flow"/>: 200 with the case in the step's status.</summary>
    public async Task<bool> Advance(WorkerLog log, ReturnCase @case, CancellationToken ct)
    {
        var step = Flow[@case.Step];
        var body = step.Kind switch
        {
            RequestKind.Approve => Approval,
            RequestKind.RecordReturnShipment => Encoding.UTF8.GetBytes(
                $$"""{"carrier":"SF","trackingNumber":"SF-{{runTag}}-{{Interlocked.Increment(ref _parcels):D7}}","postage":12.00,"freightCollect":false}"""),
            RequestKind.ConfirmReceipt => Receipt,
            RequestKind.Refund => Encoding.UTF8.GetBytes(
                $$"""{"amount":{{@case.RefundDue.ToString("0.00", CultureInfo.InvariantCulture)}},"method":"platformRefund","reference":"RF-{{@case.OrderNumber}}"}"""),
            _ => throw new InvalidOperationException($"{step.Kind} is not a step of the flow."),
        };
        var path = $"{@case.Path}/{step.Action}";
        if (await Send(log, step.Kind, HttpMethod.Post, path, body, HttpStatusCode.OK, ct) is not { } answer
            || Read(log, step.Kind, path, answer, step.StatusAfter) is not { } reply) return false;
        @case.RefundDue = reply.RefundDue;
        @case.Step++;
        return true;
    }

    /// <summary>An answer with the expected status code, and how long it took (Stopwatch ticks).</summary>
    private readonly record struct Answer(byte[] Body, long Ticks);

    /// <summary>
    /// One request, timed from sending to the last byte of the answer. Null when it failed (recorded with what went
    /// wrong); a success is the caller's to record once it has checked the body. Only <paramref name="ct"/> (the run
    /// cancelled) throws.
    /// </summary>
    private async Task<Answer?> Send(WorkerLog log, RequestKind kind, HttpMethod method, string path, byte[]? body, HttpStatusCode expected, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, ct);
            var answer = await response.Content.ReadAsByteArrayAsync(ct);
            var elapsed = Stopwatch.GetTimestamp() - started;
            if (response.StatusCode == expected) return new Answer(answer, elapsed);
            var status = (int)response.StatusCode;
            log.Fail(kind, status is >= 200 and < 300 ? $"{status} (expected {(int)expected})" : status.ToString(CultureInfo.InvariantCulture),
                path, Encoding.UTF8.GetString(answer));
        }
        catch (HttpRequestException e)
        {
            log.Fail(kind, $"exception {e.HttpRequestError}", path, e.Message);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            log.Fail(kind, "timeout", path, e.Message);
        }
        return null;
    }

    private readonly record struct CaseReply(Guid Id, string? Status, decimal RefundDue);

    /// <summary>
    /// The case in a write's answer when it is in <paramref name="status"/> (the request counts as a success);
    /// otherwise a failure, though the status code was right.
    /// </summary>
    private static CaseReply? Read(WorkerLog log, RequestKind kind, string path, Answer answer, string status)
    {
        CaseReply reply;
        try
        {
            using var json = JsonDocument.Parse(answer.Body);
            var root = json.RootElement;
            reply = new CaseReply(root.GetProperty("id").GetGuid(), root.GetProperty("status").GetString(),
                root.GetProperty("amounts").GetProperty("refundDue").GetDecimal());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            log.Fail(kind, "unreadable case", path, e.Message);
            return null;
        }
        if (reply.Status != status)
        {
            log.Fail(kind, $"status {reply.Status} (expected {status})", path, Encoding.UTF8.GetString(answer.Body));
            return null;
        }
        log.Succeeded(kind, answer.Ticks);
        return reply;
    }

    private static string Iso(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
