using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Returns.Data;
using Returns.Data.Security;

namespace Returns.Web.Infrastructure;

/// <summary>
/// <c>Idempotency-Key</c> on any API POST: the first request with a key runs; a repeat with the same body gets the
/// first response again (no second effect); the same key with another body is 409 <c>idempotency-key-reused</c>.
/// Concurrent duplicates wait for the first to finish. Keys live 24 h, per caller.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IServiceScopeFactory scopes, TimeProvider clock)
{
    public const string Header = "Idempotency-Key";
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(24);
    private static readonly TimeSpan WaitForFirst = TimeSpan.FromSeconds(30);

    public async Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Path.StartsWithSegments("/api")
            || !http.Request.Headers.TryGetValue(Header, out var values) || http.User.Identity?.IsAuthenticated != true)
        {
            await next(http);
            return;
        }
        var key = values.ToString().Trim();
        if (key.Length is 0 or > 128)
            throw ProblemException.Validation(Header, "1 to 128 characters.");

        http.Request.EnableBuffering();
        var hash = await Fingerprint(http.Request, http.RequestAborted);
        var principal = http.User.Identity!.Name!;

        var existing = await Reserve(principal, key, hash, http.RequestAborted);
        if (existing is not null)
        {
            await Replay(http, existing);
            return;
        }

        var original = http.Response.Body;
        await using var captured = new MemoryStream();
        http.Response.Body = captured;
        var completed = false;
        try
        {
            await next(http);
            completed = http.Response.StatusCode < 500;
        }
        finally
        {
            http.Response.Body = original;
            captured.Position = 0;
            await captured.CopyToAsync(original, http.RequestAborted);
            await Finish(principal, key, completed ? http.Response : null, captured.ToArray());
        }
    }

    /// <summary>
    /// What makes two requests the same: method, path and body. A multipart body is compared by its parts (field name,
    /// file name, content type, SHA-256 of the content, in order), not by its bytes: a client that re-sends the same
    /// photos picks a new boundary each time, and must still get the first answer.
    /// </summary>
    internal static async Task<string> Fingerprint(HttpRequest request, CancellationToken ct)
    {
        using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hasher.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
        var parts = MultipartBoundary(request.ContentType) is { } boundary ? await Parts(request.Body, boundary, ct) : null;
        request.Body.Position = 0;
        if (parts is not null)
        {
            hasher.AppendData(Encoding.UTF8.GetBytes("multipart\n"));
            foreach (var part in parts) hasher.AppendData(Encoding.UTF8.GetBytes(part + "\n"));
        }
        else
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await request.Body.ReadAsync(buffer, ct)) > 0) hasher.AppendData(buffer, 0, read);
            request.Body.Position = 0;
        }
        return Convert.ToHexStringLower(hasher.GetHashAndReset());
    }

    private static string? MultipartBoundary(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) && media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            && HeaderUtilities.RemoveQuotes(media.Boundary) is { Length: > 0 } boundary
            ? boundary.ToString()
            : null;

    /// <summary>Each part as one line (JSON-quoted fields, so no value can pass for another); null when it is not well-formed.</summary>
    private static async Task<List<string>?> Parts(Stream body, string boundary, CancellationToken ct)
    {
        try
        {
            var parts = new List<string>();
            var reader = new MultipartReader(boundary, body);
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition);
                var name = HeaderUtilities.RemoveQuotes(disposition?.Name ?? default).ToString();
                var fileName = HeaderUtilities.RemoveQuotes(disposition?.FileNameStar.HasValue == true ? disposition.FileNameStar : disposition?.FileName ?? default).ToString();
                var content = Convert.ToHexStringLower(await SHA256.HashDataAsync(section.Body, ct));
                parts.Add(JsonSerializer.Serialize(new[] { name, fileName, section.ContentType ?? "", content }));
            }
            return parts;
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Claims the key (INSERT wins once), or returns the first request's finished record.</summary>
    private async Task<IdempotencyRecord?> Reserve(string principal, string key, string hash, CancellationToken ct)
    {
        // Wall time, not the injected clock: this is how long a caller waits, not business time.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReturnsDbContext>();
            var now = clock.GetUtcNow();
            var record = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Principal == principal && r.Key == key, ct);
            if (record is not null && record.ExpiresAt <= now)
            {
                await db.IdempotencyRecords.Where(r => r.Principal == principal && r.Key == key && r.ExpiresAt <= now).ExecuteDeleteAsync(ct);
                record = null;
            }
            if (record is null)
            {
                db.IdempotencyRecords.Add(new IdempotencyRecord
                {
                    Principal = principal, Key = key, RequestHash = hash, CreatedAt = now, ExpiresAt = now + KeepFor,
                });
                try
                {
                    await db.SaveChangesAsync(ct);
                    return null;
                }
                catch (DbUpdateException e) when (e.IsUniqueViolation())
                {
                    continue;
                }
            }
            if (record.RequestHash != hash)
                throw new ProblemException(409, "idempotency-key-reused", "Idempotency key reused",
                    $"Idempotency-Key '{key}' was used for a different request; use a new key for a new request.");
            if (record.Completed) return record;
            if (waited.Elapsed > WaitForFirst)
                throw new ProblemException(409, "idempotency-key-in-progress", "Request in progress",
                    "The first request with this Idempotency-Key is still running; retry shortly.");
            await Task.Delay(50, ct);
        }
    }

    private async Task Finish(string principal, string key, HttpResponse? response, byte[] body)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReturnsDbContext>();
        var record = await db.IdempotencyRecords.SingleOrDefaultAsync(r => r.Principal == principal && r.Key == key);
        if (record is null) return;
        if (response is null)
        {
            // A failure of ours is not an answer worth repeating: the caller may retry with the same key.
            db.IdempotencyRecords.Remove(record);
        }
        else
        {
            record.Completed = true;
            record.StatusCode = response.StatusCode;
            record.ContentType = response.ContentType;
            record.Location = response.Headers.Location.ToString() is { Length: > 0 } location ? location : null;
            record.ETag = response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null;
            record.Body = body;
        }
        await db.SaveChangesAsync();
    }

    private static async Task Replay(HttpContext http, IdempotencyRecord record)
    {
        http.Response.StatusCode = record.StatusCode;
        if (record.ContentType is not null) http.Response.ContentType = record.ContentType;
        if (record.Location is not null) http.Response.Headers.Location = record.Location;
        if (record.ETag is not null) http.Response.Headers.ETag = record.ETag;
        http.Response.Headers["Idempotent-Replayed"] = "true";
        await http.Response.Body.WriteAsync(record.Body, http.RequestAborted);
    }
}
