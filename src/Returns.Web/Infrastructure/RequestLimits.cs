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

    /// <summary>POST /cases/{id}/add-evidence, and its first path /evidence: photos, not JSON.</summary>
    private static bool IsEvidenceUpload(PathString path) =>
        path.Value is { } value && (value.EndsWith("/add-evidence", StringComparison.Ordinal) || value.EndsWith("/evidence", StringComparison.Ordinal));

    /// <summary>Sets the body limit by endpoint before anything reads the body; Kestrel refuses more with 413.</summary>
    public static IApplicationBuilder UseBodySizeLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var feature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
            feature.MaxRequestBodySize = IsEvidenceUpload(http.Request.Path) ? EvidenceLimit : JsonLimit;
        if (http.Request.ContentLength > (feature?.MaxRequestBodySize ?? long.MaxValue))
            throw new ProblemException(413, "payload-too-large", "Payload too large",
                $"At most {feature!.MaxRequestBodySize / 1024} KB for this request.");
        await next(http);
    });
}
