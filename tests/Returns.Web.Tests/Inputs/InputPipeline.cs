using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Returns.Domain.Cases;
using Returns.Web.Features.Cases;
using Returns.Web.Features.Cases.Actions;
using Returns.Web.Features.Warehouse;
using Returns.Web.Infrastructure;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests.Inputs;

/// <summary>Where a request was refused: reading it (JSON, query string, header) or by its validator.</summary>
public enum Stage
{
    Binding,
    Validation,
}

/// <summary>A refusal as a client reads it: status, code, title and the <c>errors</c> by field path.</summary>
public sealed record Refusal(Stage Stage, int Status, string Code, string Title, IReadOnlyDictionary<string, string[]> Errors, Exception Cause)
{
    /// <summary>For a body that could not be read, where <see cref="JsonException"/> says it went wrong (<c>$.items[0].sku</c> → <c>items[0].sku</c>).</summary>
    public string? JsonPath => Cause is BadHttpRequestException { InnerException: JsonException json } ? json.Path?.TrimStart('$', '.') : null;

    public override string ToString() =>
        $"{Stage} {Status} {Code} '{Title}' errors: {{{string.Join("; ", Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}}} ({Cause.Message})";
}

/// <summary>
/// The API's input pipeline in-process, without HTTP or a database: the JSON options the endpoints bind with
/// (<see cref="Startup.ConfigureJson"/> over the web defaults), the validators as the app registers them, the
/// <see cref="ValidationBehavior{TMessage,TResponse}"/> that runs them before any handler, and
/// <see cref="ProblemExceptionHandler.ToProblem"/>, which turns a refusal into the problem a client reads. A row
/// asserting a field path here asserts what a client sees over HTTP.
/// </summary>
public static class InputPipeline
{
    private static readonly ServiceProvider Services = Build();

    private static ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        // The clock the HTTP suites start at, so dates in Bodies.Case are as valid here as there.
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(ReturnsApp.Start));
        // As Startup.AddReturns registers them.
        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.ConfigureHttpJsonOptions(o => Startup.ConfigureJson(o.SerializerOptions));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>The options the minimal-API endpoints read bodies with.</summary>
    public static JsonSerializerOptions Json => Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

    public static bool HasValidator(Type type) => Services.GetService(typeof(IValidator<>).MakeGenericType(type)) is not null;

    // ---- bodies ----------------------------------------------------------------------------------------------

    /// <summary>The body of <c>POST /cases/{id}/{action}</c>: read as the route's body type, validated as <see cref="ActOnCase.Command"/>.</summary>
    public static Task<Refusal?> Action(string action, string json) =>
        Send(json, CaseActionRoutes.BodyOf(ActionNamed(action)),
            body => Validate<ActOnCase.Command, CaseView>(new ActOnCase.Command(Guid.NewGuid(), (CaseActionBody)body, null)));

    /// <summary>The body of <c>POST /cases</c>.</summary>
    public static Task<Refusal?> Create(string json) =>
        Send(json, typeof(CreateCase.Command), body => Validate<CreateCase.Command, CaseView>((CreateCase.Command)body));

    /// <summary>The body of <c>POST /warehouse/receipts</c>.</summary>
    public static Task<Refusal?> Scan(string json) =>
        Send(json, typeof(ScanParcel.Command), body => Validate<ScanParcel.Command, ScanParcel.Receipt>((ScanParcel.Command)body));

    public static CaseAction ActionNamed(string name) =>
        CaseActionRoutes.All.SingleOrDefault(r => r.Name == name)?.Action
        ?? throw new ArgumentException($"No action '{name}' in CaseActionRoutes.All.", nameof(name));

    private static async Task<Refusal?> Send(string json, Type type, Func<object, Task<Refusal?>> validate)
    {
        object? body;
        try
        {
            // As the endpoint reads it: UTF-8 from the request stream.
            await using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
            body = await JsonSerializer.DeserializeAsync(stream, type, Json);
        }
        catch (JsonException e)
        {
            // What the endpoint does with it (RequestDelegateFactory, ThrowOnBadRequest as Startup sets it).
            return Refused(Stage.Binding, new BadHttpRequestException("Failed to read the request body as JSON.", 400, e));
        }
        Assert.True(body is not null, $"JSON null binds no {type.Name}; the endpoint refuses it before validation.");
        return await validate(body);
    }

    // ---- the list's query string -----------------------------------------------------------------------------

    /// <summary>
    /// <c>GET /cases?{query}</c>: the query string bound by the framework's own binder (<c>[AsParameters]</c>, as
    /// <see cref="ListCases.Map"/> does), then validated.
    /// </summary>
    public static async Task<Refusal?> List(string query)
    {
        ListCases.Query? bound = null;
        var factory = RequestDelegateFactory.Create(([AsParameters] ListCases.Query q) => { bound = q; },
            new RequestDelegateFactoryOptions { ServiceProvider = Services, ThrowOnBadRequest = true });
        var http = new DefaultHttpContext { RequestServices = Services };
        http.Request.Method = HttpMethods.Get;
        http.Request.QueryString = new QueryString(query.Length == 0 ? "" : "?" + query);
        try
        {
            await factory.RequestDelegate(http);
        }
        catch (BadHttpRequestException e)
        {
            return Refused(Stage.Binding, e);
        }
        Assert.NotNull(bound);
        return await Validate<ListCases.Query, ListCases.Page>(bound);
    }

    // ---- headers ---------------------------------------------------------------------------------------------

    /// <summary>The case version an action's <c>If-Match</c> names (null: none), read as the action endpoints read it.</summary>
    public static (int? Version, Refusal? Refusal) IfMatch(string header)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.IfMatch = header;
        try
        {
            return (CaseEndpoints.IfMatch(http), null);
        }
        catch (ProblemException e)
        {
            return (null, Refused(Stage.Binding, e));
        }
    }

    // ---- the pipeline ----------------------------------------------------------------------------------------

    /// <summary>
    /// Runs <paramref name="message"/> through the app's <see cref="ValidationBehavior{TMessage,TResponse}"/> with the
    /// validators DI gives it. Null when it passes on to the handler.
    /// </summary>
    public static async Task<Refusal?> Validate<TMessage, TResponse>(TMessage message) where TMessage : IMessage
    {
        var validators = Services.GetServices<IValidator<TMessage>>().ToList();
        Assert.NotEmpty(validators);
        var behavior = new ValidationBehavior<TMessage, TResponse>(validators);
        var handled = false;
        try
        {
            await behavior.Handle(message, (_, _) => { handled = true; return ValueTask.FromResult(default(TResponse)!); }, CancellationToken.None);
        }
        catch (ValidationException e)
        {
            Assert.False(handled, "A refused message must not reach its handler.");
            return Refused(Stage.Validation, e);
        }
        Assert.True(handled, "A valid message goes on to its handler.");
        return null;
    }

    private static Refusal Refused(Stage stage, Exception e)
    {
        var problem = ProblemExceptionHandler.ToProblem(e);
        var errors = problem.Extensions.TryGetValue("errors", out var value) && value is IDictionary<string, string[]> byField
            ? byField.ToDictionary(p => p.Key, p => p.Value)
            : [];
        return new Refusal(stage, problem.Status!.Value, (string)problem.Extensions["code"]!, problem.Title!, errors, e);
    }

    // ---- row helpers -----------------------------------------------------------------------------------------

    /// <summary>
    /// Expands <c>"{x*N}"</c> in a row's JSON to a string of N characters, so over-long text fits in a row.
    /// </summary>
    public static string Expand(string json) =>
        Regex.Replace(json, """\{(.)\*(\d+)\}""", m => new string(m.Groups[1].Value[0], int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>
    /// Applies a row's edits to a body, separated by <c> ; </c>: <c>path = json</c> sets a member (JSON <c>null</c>
    /// sets null), <c>path += json</c> appends to an array, <c>-path</c> removes a member. Paths are the API's
    /// (<c>order.items[1].quantity</c>); JSON values may use <see cref="Expand"/>'s <c>"{x*N}"</c>.
    /// </summary>
    public static JsonObject Edit(JsonObject body, string edits)
    {
        foreach (var edit in edits.Split(" ; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (edit.StartsWith('-'))
            {
                var (parent, name) = Parent(body, edit[1..]);
                Assert.True(name is not null && parent.AsObject().Remove(name), $"'{edit}': no such member to remove.");
                continue;
            }
            var append = edit.IndexOf(" += ", StringComparison.Ordinal);
            var set = edit.IndexOf(" = ", StringComparison.Ordinal);
            if (append >= 0 && (set < 0 || append < set))
            {
                var array = Node(body, edit[..append]).AsArray();
                array.Add(JsonNode.Parse(Expand(edit[(append + 4)..])));
                continue;
            }
            Assert.True(set > 0, $"Not an edit: '{edit}'.");
            var path = edit[..set];
            var value = JsonNode.Parse(Expand(edit[(set + 3)..]));
            var segments = Segments(path);
            var (container, last) = Parent(body, path);
            if (last is null)
                container.AsArray()[segments[^1].Index!.Value] = value;
            else
                container.AsObject()[last] = value;
        }
        return body;
    }

    private sealed record Segment(string? Name, int? Index);

    private static List<Segment> Segments(string path)
    {
        var segments = new List<Segment>();
        foreach (Match m in Regex.Matches(path, """([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]"""))
            segments.Add(m.Groups[1].Success ? new Segment(m.Groups[1].Value, null) : new Segment(null, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.NotEmpty(segments);
        return segments;
    }

    private static JsonNode Walk(JsonNode node, IEnumerable<Segment> segments)
    {
        foreach (var s in segments)
            node = (s.Name is not null ? node[s.Name] : node[s.Index!.Value]) ?? throw new ArgumentException($"Nothing at '{s.Name ?? s.Index.ToString()}'.");
        return node;
    }

    private static JsonNode Node(JsonNode body, string path) => Walk(body, Segments(path));

    /// <summary>The container of the path's last segment, and that segment's member name (null: an array index).</summary>
    private static (JsonNode Parent, string? Name) Parent(JsonNode body, string path)
    {
        var segments = Segments(path);
        return (Walk(body, segments[..^1]), segments[^1].Name);
    }

    /// <summary>Comma-separated field paths of a row (<c>"carrier, trackingNumber"</c>).</summary>
    public static string[] Fields(string fields) => fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A row's refusal: refused by the validator (not while reading), naming exactly <paramref name="fields"/>.</summary>
    public static void AssertRefusedByValidator(Refusal? refusal, string fields, string row)
    {
        Assert.True(refusal is not null, $"{row}: expected a refusal naming '{fields}', but it passed.");
        Assert.True(refusal.Stage == Stage.Validation, $"{row}: expected the validator to refuse it, got {refusal}");
        AssertValidationProblem(refusal, row);
        Assert.True(Fields(fields).Order().SequenceEqual(refusal.Errors.Keys.Order()), $"{row}: expected errors for '{fields}', got {refusal}");
    }

    /// <summary>A row that cannot be read: a <see cref="JsonException"/> at <paramref name="path"/>, and the client told that field.</summary>
    public static void AssertUnreadableAt(Refusal? refusal, string path, string row)
    {
        AssertRefusedWhileReading(refusal, row);
        Assert.True(refusal.JsonPath == path, $"{row}: expected the JsonException at '{path}', got '{refusal.JsonPath}' ({refusal})");
        Assert.True(refusal.Errors.Keys.SequenceEqual([path]), $"{row}: expected the client told '{path}', got {refusal}");
    }

    /// <summary>A refusal while reading the request (not by a validator), as a 400 <c>validation-failed</c>.</summary>
    public static void AssertRefusedWhileReading([System.Diagnostics.CodeAnalysis.NotNull] Refusal? refusal, string row)
    {
        Assert.True(refusal is not null, $"{row}: expected it refused while reading, but it passed.");
        Assert.True(refusal.Stage == Stage.Binding, $"{row}: expected it refused while reading, got {refusal}");
        AssertValidationProblem(refusal, row);
    }

    public static void AssertValidationProblem(Refusal refusal, string row)
    {
        Assert.True(refusal.Status == 400, $"{row}: expected 400, got {refusal}");
        Assert.Equal("validation-failed", refusal.Code);
    }
}
