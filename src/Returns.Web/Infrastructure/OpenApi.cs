using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Returns.Web.Infrastructure;

public static class OpenApi
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/swagger/v1/swagger.json";

    public static IServiceCollection AddReturnsOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "Returns API",
                Version = "v1",
                Description = "After-sales cases (returns, exchanges, discounts, bad reviews) for marketplace shops. Errors are RFC 9457 " +
                              "problem+json with a stable `code`. Integrations authenticate with `X-Api-Key`; people with the session cookie.",
            });
            // Nested request records share short names (Body, Command): name schemas after their use case.
            options.CustomSchemaIds(type => SchemaId(type));
            options.SupportNonNullableReferenceTypes();
            // Money is decimal, never a binary float.
            options.MapType<decimal>(() => new OpenApiSchema { Type = JsonSchemaType.Number, Format = "decimal" });
            options.MapType<decimal?>(() => new OpenApiSchema { Type = JsonSchemaType.Number | JsonSchemaType.Null, Format = "decimal" });
            options.IncludeXmlComments(Path.Combine(AppContext.BaseDirectory, "Returns.Web.xml"));
            options.OperationFilter<IfMatchFilter>();
            options.OperationFilter<IdempotencyKeyFilter>();
            options.AddSecurityDefinition("apiKey", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Api-Key",
                Description = "An integration's key (created by an admin, shown once).",
            });
            options.AddSecurityDefinition("cookie", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = "returns.auth",
                Description = "A person's session: POST /api/v1/auth/sign-in or the console's sign-in page.",
            });
            options.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference("apiKey", document)] = [],
                [new OpenApiSecuritySchemeReference("cookie", document)] = [],
            });
        });
        return services;
    }

    /// <summary>Schema names the contract keeps for types that moved in the code.</summary>
    private static readonly Dictionary<Type, string> ContractNames = new()
    {
        [typeof(Features.CaseTypes.Return.ReceivedItem)] = "ConfirmReceiptReceivedItem",
    };

    private static string SchemaId(Type type)
    {
        if (ContractNames.TryGetValue(type, out var contractName)) return contractName;
        var name = type.IsGenericType
            ? $"{type.Name[..type.Name.IndexOf('`')]}Of{string.Concat(type.GetGenericArguments().Select(SchemaId))}"
            : type.Name;
        return type.DeclaringType is null ? name : SchemaId(type.DeclaringType) + name;
    }

    private sealed class IfMatchFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (context.ApiDescription.HttpMethod != "POST" || context.ApiDescription.RelativePath?.StartsWith("api/v1/cases/{id}", StringComparison.Ordinal) != true)
                return;
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match", In = ParameterLocation.Header, Required = false,
                Description = "The case's ETag (its version, e.g. \"3\"); a stale one is refused with 412.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
    }

    private sealed class IdempotencyKeyFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (context.ApiDescription.HttpMethod != "POST") return;
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "Idempotency-Key", In = ParameterLocation.Header, Required = false,
                Description = "Retry-safe POST: a repeat with the same key and body returns the first response (kept 24 h); another body is 409 idempotency-key-reused.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 128 },
            });
        }
    }
}
