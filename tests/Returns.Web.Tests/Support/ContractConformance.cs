using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Returns.Web.Tests.Support;

/// <summary>
/// Every response the HTTP tests receive is checked against the committed OpenAPI document (openapi/returns.v1.json):
/// the status must be declared for the operation, the content type among the declared ones, and a JSON body must fit
/// the schema (types, nulls only where nullable, enum values, required properties, no undeclared ones). A response
/// that differs fails the test that received it, with what differs.
/// </summary>
public sealed class ContractConformanceHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var response = await base.SendAsync(request, ct);
        await response.Content.LoadIntoBufferAsync(ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        var problems = OpenApiContractCheck.Document.Check(request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode,
            response.Content.Headers.ContentType?.MediaType, body);
        if (problems.Count > 0)
            throw new ContractViolation(
                $"{request.Method} {request.RequestUri.PathAndQuery} → {(int)response.StatusCode} differs from openapi/returns.v1.json:\n  " +
                string.Join("\n  ", problems.Take(20)) + $"\nBody: {System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 2000)))}");
        return response;
    }
}

public sealed class ContractViolation(string message) : Exception(message);

/// <summary>A small OpenAPI 3.0 response checker: exactly the subset of JSON Schema the document uses.</summary>
public sealed class OpenApiContractCheck
{
    public static OpenApiContractCheck Document { get; } = new(JsonNode.Parse(File.ReadAllText(CommittedPath()))!.AsObject());

    private readonly JsonObject _root;
    private readonly List<(string Method, string[] Segments, JsonObject Operation)> _operations = [];

    public OpenApiContractCheck(JsonObject root)
    {
        _root = root;
        foreach (var (path, item) in root["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
                _operations.Add((method.ToUpperInvariant(), path.Trim('/').Split('/'), operation!.AsObject()));
    }

    public static string CommittedPath()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Returns.sln")))
            folder = folder.Parent;
        return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("Returns.sln not found above the test folder."),
            "openapi", "returns.v1.json");
    }

    /// <summary>What in this response the document does not allow (nothing for a path that is no operation of the API).</summary>
    public IReadOnlyList<string> Check(string method, string path, int status, string? mediaType, byte[] body)
    {
        var operation = Find(method, path);
        if (operation is null) return [];
        var responses = operation["responses"]!.AsObject();
        if (responses[status.ToString(CultureInfo.InvariantCulture)] is not JsonObject declared)
            return [$"status {status} is not declared for {operation["operationId"]} (declared: {string.Join(", ", responses.Select(r => r.Key))})"];
        var content = declared["content"] as JsonObject;
        if (body.Length == 0)
            return content is { Count: > 0 } && status != 304 ? [$"an empty body, where {string.Join(", ", content.Select(c => c.Key))} is declared"] : [];
        if (content is null || content.Count == 0) return [$"a body ({mediaType}), where none is declared"];
        if (mediaType is null || content[mediaType] is not JsonObject media)
            return [$"content type {mediaType ?? "(none)"} is not declared (declared: {string.Join(", ", content.Select(c => c.Key))})"];
        if (!mediaType.Contains("json", StringComparison.Ordinal) || media["schema"] is not JsonObject schema) return [];
        JsonNode? value;
        try
        {
            value = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            return [$"the body is not JSON: {e.Message}"];
        }
        var problems = new List<string>();
        Validate(value, schema, "$", problems);
        return problems;
    }

    private JsonObject? Find(string method, string path)
    {
        var segments = path.Trim('/').Split('/');
        return _operations
            .Where(o => o.Method == method && o.Segments.Length == segments.Length
                        && o.Segments.Zip(segments).All(p => p.First.StartsWith('{') || p.First == p.Second))
            .OrderByDescending(o => o.Segments.Count(s => !s.StartsWith('{')))
            .Select(o => o.Operation)
            .FirstOrDefault();
    }

    private JsonObject Resolve(JsonObject schema)
    {
        while (schema["$ref"]?.GetValue<string>() is { } reference)
            schema = _root["components"]!["schemas"]![reference["#/components/schemas/".Length..]]!.AsObject();
        return schema;
    }

    private void Validate(JsonNode? value, JsonObject schema, string path, List<string> problems)
    {
        var nullable = schema["nullable"]?.GetValue<bool>() == true;
        schema = Resolve(schema);
        nullable |= schema["nullable"]?.GetValue<bool>() == true;
        if (value is null)
        {
            if (!nullable) problems.Add($"{path} is null, which the document does not allow");
            return;
        }
        if (schema["allOf"] is JsonArray allOf)
            foreach (var part in allOf) Validate(value, part!.AsObject(), path, problems);

        var kind = value.GetValueKind();
        switch (schema["type"]?.GetValue<string>())
        {
            case "string":
                if (kind != JsonValueKind.String) { problems.Add($"{path} is {kind}, not a string"); return; }
                var text = value.GetValue<string>();
                if (schema["format"]?.GetValue<string>() == "uuid" && !Guid.TryParse(text, out _)) problems.Add($"{path} '{text}' is not a uuid");
                if (schema["format"]?.GetValue<string>() == "date-time" && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, out _))
                    problems.Add($"{path} '{text}' is not a date-time");
                break;
            case "integer":
                if (kind != JsonValueKind.Number || !long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                    problems.Add($"{path} is {value.ToJsonString()}, not an integer");
                break;
            case "number":
                if (kind != JsonValueKind.Number) problems.Add($"{path} is {kind}, not a number");
                break;
            case "boolean":
                if (kind is not (JsonValueKind.True or JsonValueKind.False)) problems.Add($"{path} is {kind}, not a boolean");
                break;
            case "array":
                if (kind != JsonValueKind.Array) { problems.Add($"{path} is {kind}, not an array"); return; }
                var index = 0;
                foreach (var item in value.AsArray()) Validate(item, schema["items"]!.AsObject(), $"{path}[{index++}]", problems);
                break;
            case "object":
                if (kind != JsonValueKind.Object) { problems.Add($"{path} is {kind}, not an object"); return; }
                ValidateObject(value.AsObject(), schema, path, problems);
                break;
        }
        if (schema["enum"] is JsonArray values && !values.Any(v => JsonNode.DeepEquals(v, value)))
            problems.Add($"{path} is {value.ToJsonString()}, not one of the document's values");
    }

    private void ValidateObject(JsonObject value, JsonObject schema, string path, List<string> problems)
    {
        var properties = schema["properties"] as JsonObject ?? [];
        foreach (var required in schema["required"] as JsonArray ?? [])
            if (!value.ContainsKey(required!.GetValue<string>())) problems.Add($"{path}.{required} is required and missing");
        foreach (var (name, child) in value)
        {
            if (properties[name] is JsonObject property) Validate(child, property, $"{path}.{name}", problems);
            else if (schema["additionalProperties"] is JsonObject additional) Validate(child, additional, $"{path}.{name}", problems);
            // Closed unless the document opens the object: a property it does not name is drift.
            else if (schema["additionalProperties"]?.GetValueKind() != JsonValueKind.True)
                problems.Add($"{path}.{name} is not in the document");
        }
    }
}
