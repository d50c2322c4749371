using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Returns.Data;
using Returns.Domain.Cases;

namespace Returns.Web.Infrastructure;

/// <summary>A refusal the API reports as RFC 9457 problem+json with a stable <c>code</c>.</summary>
public class ProblemException(int status, string code, string title, string detail, IDictionary<string, object?>? extensions = null)
    : Exception(detail)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string Title { get; } = title;
    public IDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();

    public static ProblemException NotFound(string what) => new(404, "not-found", "Not found", $"{what} does not exist.");

    public static ProblemException PreconditionFailed(int expected, int actual) =>
        new(412, "precondition-failed", "Precondition failed",
            $"The case is at version {actual}, not {expected}: reload it and try again.",
            new Dictionary<string, object?> { ["currentVersion"] = actual });

    public static ProblemException Validation(string field, string message) =>
        new(400, "validation-failed", "Validation failed", message,
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });
}

/// <summary>Maps every exception to problem+json; nothing a client sends may produce a 500.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = ToProblem(exception);
        if (problem.Status == 500)
            logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    public static ProblemDetails ToProblem(Exception exception) => exception switch
    {
        ProblemException p => Create(p.Status, p.Code, p.Title, p.Message, p.Extensions),
        FluentValidation.ValidationException v => Create(400, "validation-failed", "Validation failed",
            "The request has invalid fields; see errors.",
            new Dictionary<string, object?>
            {
                ["errors"] = v.Errors.GroupBy(e => JsonPath(e.PropertyName))
                    .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()),
            }),
        InvalidTransitionException t => Create(409, "invalid-transition", "Action not allowed now", t.Message,
            new Dictionary<string, object?> { ["caseStatus"] = Camel(t.Status.ToString()), ["allowedActions"] = t.AllowedActions }),
        PolicyViolationException p => Create(422, p.Code, "Refused by policy", p.Message),
        ActionForbiddenException f => Create(403, "forbidden", "Forbidden", f.Message),
        ClaimConflictException c => Create(409, c.Code, "Held by another case", c.Message),
        DbUpdateConcurrencyException => Create(409, "concurrent-update", "Changed by someone else",
            "The case was changed by another request at the same time; reload it and try again."),
        // Two cases claimed one tracking number at the same moment: the database kept the first.
        DbUpdateException u when u.IsUniqueViolationOn("Cases", nameof(Case.ClaimedReturnTrackingNumber)) =>
            Create(409, PolicyCodes.TrackingNumberInUse, "Held by another case",
                "Another open case recorded this return tracking number at the same moment; it belongs to one open case at a time."),
        DbUpdateException u when u.IsUniqueViolation() => Create(409, "concurrent-update", "Changed by someone else",
            "Another request changed the same record at the same time; reload it and try again."),
        BadHttpRequestException b => BadRequest(b),
        _ => Create(500, "internal-error", "Internal error", "The service failed; the error was logged."),
    };

    private static ProblemDetails BadRequest(BadHttpRequestException b) => b.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => Create(413, "payload-too-large", "Payload too large", b.Message),
        StatusCodes.Status415UnsupportedMediaType => Create(415, "unsupported-media-type", "Unsupported media type", b.Message),
        _ when b.InnerException is System.Text.Json.JsonException json => InvalidJson(json),
        _ => Create(400, "validation-failed", "Malformed request", b.Message),
    };

    /// <summary>Says where the body went wrong in the API's terms, without .NET type names.</summary>
    private static ProblemDetails InvalidJson(System.Text.Json.JsonException json)
    {
        var path = json.Path is null or "$" ? null : json.Path.TrimStart('$', '.');
        if (json.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var field = json.Message.Split('\'').ElementAtOrDefault(1) ?? "?";
            return Create(400, "validation-failed", "Malformed request", $"Unknown field '{field}'.",
                new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = ["Unknown field."] } });
        }
        if (path is null || json.Message.Contains("invalid start", StringComparison.Ordinal) || json.Message.Contains("end of data", StringComparison.OrdinalIgnoreCase))
            return Create(400, "validation-failed", "Malformed request",
                $"The body is not well-formed JSON (line {json.LineNumber + 1}, byte {json.BytePositionInLine}).");
        // Our converters explain themselves ("Expected one of: …"); the framework's messages name .NET types.
        var message = json.Message.StartsWith("Expected one of", StringComparison.Ordinal) || json.Message.StartsWith("Text cannot", StringComparison.Ordinal)
            ? json.Message
            : "Wrong type or unknown value.";
        return Create(400, "validation-failed", "Malformed request", $"Invalid value for '{path}': {message}",
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [path] = [message] } });
    }

    /// <summary>Problems written by the framework itself (404 route, 405, 415...) get our type and code too.</summary>
    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code")) return;
        var code = problem.Status switch
        {
            400 => "validation-failed",
            401 => "unauthenticated",
            403 => "forbidden",
            404 => "not-found",
            405 => "method-not-allowed",
            409 => "conflict",
            412 => "precondition-failed",
            413 => "payload-too-large",
            415 => "unsupported-media-type",
            429 => "rate-limited",
            _ => "internal-error",
        };
        problem.Type = $"/problems/{code}";
        problem.Extensions["code"] = code;
        if (problem.Status == 415)
            problem.Detail ??= "This content type is not accepted here: API bodies are application/json, evidence uploads multipart/form-data.";
    }

    public static ProblemDetails Create(int status, string code, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Type = $"/problems/{code}", Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
            problem.Extensions[key] = value;
        return problem;
    }

    /// <summary>FluentValidation says "Order.Items[0].Sku"; the API speaks "order.items[0].sku".</summary>
    private static string JsonPath(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(Camel));

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
