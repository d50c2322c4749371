using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Returns.Web.Features.Cases;

namespace Returns.Web.Infrastructure;

/// <summary>
/// Request size limits (JSON 1 MB; evidence uploads up to 10 images of 10 MB) and rate limiting per key or
/// person (429 with Retry-After), configurable under <c>Returns:RateLimit</c>.
/// </summary>
public static class RequestLimits
{
    public const long JsonLimit = 1024 * 1024;
    public const long EvidenceLimit = UploadEvidence.MaxFiles * UploadEvidence.MaxFileBytes + JsonLimit;

    /// <summary>
    /// A body refused by its declared size is still read (and thrown away) up to this much, so that the client, which
    /// is sending it, finishes and reads the 413: a server closing on unread data resets the connection, and the client
    /// would see a broken pipe instead of the answer. A larger one is refused without reading (send Expect: 100-continue).
    /// </summary>
    public const long DrainLimit = 16 * 1024 * 1024;

    private const string CloseItem = "returns:connection-close";

    public static IServiceCollection AddReturnsRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("Returns:RateLimit:PermitsPerMinute", 600);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (!http.Request.Path.StartsWithSegments("/api")) return RateLimitPartition.GetNoLimiter("pages");
                var who = http.User.Identity?.IsAuthenticated == true
                    ? "u:" + http.User.Identity.Name
                    : "ip:" + http.Connection.RemoteIpAddress;
                return RateLimitPartition.GetTokenBucketLimiter(who, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = permits,
                    TokensPerPeriod = Math.Max(1, permits / 60),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : 1;
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, retryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await context.HttpContext.Response.WriteAsJsonAsync(
                    ProblemExceptionHandler.Create(429, "rate-limited", "Too many requests", $"Slow down: at most {permits} requests a minute for this caller."),
                    (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", ct);
            };
        });
        return services;
    }

    /// <summary>
    /// API bodies are UTF-8 (RFC 8259 §8.1): a body declaring another charset, an unknown one or an empty one is 415
    /// before anything tries to decode it (which would otherwise fail as a 500).
    /// </summary>
    public static IApplicationBuilder UseUtf8Bodies(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.Path.StartsWithSegments("/api") && http.Request.ContentType is { } contentType
            && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media) && media.Charset.HasValue
            && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !media.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            throw new ProblemException(415, "unsupported-media-type", "Unsupported media type",
                $"Bodies are UTF-8: send charset=utf-8, or no charset, not '{media.Charset}'.");
        await next(http);
    });

    /// <summary>
    /// An error answered before the request body was read to its end (413 by size, 415, 401, 429 …) says
    /// <c>Connection: close</c>. Otherwise Kestrel would try to drain the rest after the answer and, past the body
    /// limit, drop the connection unannounced: a client reusing it from its pool would see its next request fail.
    /// Announced, the client opens a new connection for the next request instead.
    /// </summary>
    public static IApplicationBuilder UseConnectionCloseAfterUnreadBody(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Features.Get<IHttpRequestBodyDetectionFeature>() is not { CanHaveBody: true })
        {
            await next(http);
            return;
        }
        var body = new EndTrackingStream(http.Request.Body);
        http.Request.Body = body;
        http.Response.OnStarting(() =>
        {
            if (http.Response.StatusCode >= 400 && (!body.ReachedEnd || http.Items.ContainsKey(CloseItem)))
                http.Response.Headers.Connection = "close";
            return Task.CompletedTask;
        });
        await next(http);
    });

    /// <summary>
    /// A body of undeclared length, refused once it passes <paramref name="limit"/>: the rest is read and thrown away (up
    /// to Kestrel's limit) before the 413, for the same reason as <see cref="DrainLimit"/>.
    /// </summary>
    private sealed class LimitedBody(Stream inner, long limit, Action refused) : Stream
    {
        private long _read;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Bodies are read asynchronously.");

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            var read = await inner.ReadAsync(buffer, ct);
            _read += read;
            if (_read <= limit) return read;
            refused();
            try
            {
                await inner.CopyToAsync(Stream.Null, ct);
            }
            catch (Exception e) when (e is BadHttpRequestException or IOException)
            {
                // Past the drain's limit too: the connection closes on what is left.
            }
            throw new BadHttpRequestException($"At most {limit / 1024} KB for this request.", StatusCodes.Status413PayloadTooLarge);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>The request body, noting whether anyone read it to its end.</summary>
    private sealed class EndTrackingStream(Stream inner) : Stream
    {
        public bool ReachedEnd { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => Seen(inner.Read(buffer, offset, count), count);

        public override int Read(Span<byte> buffer) => Seen(inner.Read(buffer), buffer.Length);

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            Seen(await inner.ReadAsync(buffer.AsMemory(offset, count), ct), count);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
            Seen(await inner.ReadAsync(buffer, ct), buffer.Length);

        private int Seen(int read, int asked)
        {
            if (read == 0 && asked > 0) ReachedEnd = true;
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>
    /// A path with control characters (%01 … %1F, %7F, C1) names nothing: 400, as NUL is refused in every text. An encoded
    /// NUL (%00) never gets here: Kestrel's request-target parser refuses it before any application code runs, with a
    /// bare 400 and Connection: close, and offers no way to shape that answer.
    /// </summary>
    public static IApplicationBuilder UsePlainPaths(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.Path.StartsWithSegments("/api") && Returns.Domain.Text.HasControlCharacters(http.Request.Path.Value ?? ""))
            throw ProblemException.Validation("path", "The path contains control characters (e.g. %01); no resource has such a name.");
        await next(http);
    });

    /// <summary>POST /cases/{id}/add-evidence, and its first path /evidence: photos, not JSON.</summary>
    private static bool IsEvidenceUpload(PathString path) =>
        path.Value is { } value && (value.EndsWith("/add-evidence", StringComparison.Ordinal) || value.EndsWith("/evidence", StringComparison.Ordinal));

    /// <summary>Sets the body limit by endpoint before anything reads the body; Kestrel refuses more with 413.</summary>
    public static IApplicationBuilder UseBodySizeLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var feature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
            feature.MaxRequestBodySize = IsEvidenceUpload(http.Request.Path) ? EvidenceLimit : JsonLimit;
        if (http.Request.ContentLength is { } length && length > (feature?.MaxRequestBodySize ?? long.MaxValue))
        {
            var limit = feature!.MaxRequestBodySize!.Value;
            if (length <= DrainLimit && !feature.IsReadOnly)
            {
                feature.MaxRequestBodySize = length;
                await http.Request.Body.CopyToAsync(Stream.Null, http.RequestAborted);
            }
            http.Items[CloseItem] = true;
            throw new ProblemException(413, "payload-too-large", "Payload too large", $"At most {limit / 1024} KB for this request.");
        }
        if (http.Request.ContentLength is null && feature is { IsReadOnly: false, MaxRequestBodySize: { } max }
            && http.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: true })
        {
            // A chunked body shows its size only as it is read: this counts it, and Kestrel's own limit is the drain's.
            feature.MaxRequestBodySize = Math.Max(max, DrainLimit);
            http.Request.Body = new LimitedBody(http.Request.Body, max, () => http.Items[CloseItem] = true);
        }
        await next(http);
    });
}
