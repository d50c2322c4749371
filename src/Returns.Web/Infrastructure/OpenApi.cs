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
            // A reference with its own description (or null) is allOf of it: OpenAPI 3.0 allows $ref no siblings.
            options.UseAllOfToExtendReferenceSchemas();
            // Money is decimal, never a binary float.
            options.MapType<decimal>(() => new OpenApiSchema { Type = JsonSchemaType.Number, Format = "decimal" });
            options.MapType<decimal?>(() => new OpenApiSchema { Type = JsonSchemaType.Number | JsonSchemaType.Null, Format = "decimal" });
            options.IncludeXmlComments(Path.Combine(AppContext.BaseDirectory, "Returns.Web.xml"));
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
            // Which requests need which scheme, headers, statuses, required fields: OpenApiContract completes the document.
        });
        services.AddSingleton<OpenApiContract>();
        return services;
    }

    /// <summary>Serves the completed document (anonymous, like the Swagger UI that reads it).</summary>
    public static void MapReturnsOpenApi(this IEndpointRouteBuilder app) =>
        app.MapGet(DocumentPath, (OpenApiContract contract) => Results.Text(contract.Json, "application/json; charset=utf-8"))
            .AllowAnonymous()
            .ExcludeFromDescription();

    /// <summary>Schema names the contract keeps for types that moved in the code.</summary>
    private static readonly Dictionary<Type, string> ContractNames = new()
    {
        [typeof(Features.CaseTypes.Return.ReceivedItem)] = "ConfirmReceiptReceivedItem",
    };

    private static string SchemaId(Type type)
    {
        var id = Name(type);
        OpenApiContract.SchemaTypes[id] = type;
        return id;

        static string Name(Type type)
        {
            if (ContractNames.TryGetValue(type, out var contractName)) return contractName;
            var name = type.IsGenericType
                ? $"{type.Name[..type.Name.IndexOf('`')]}Of{string.Concat(type.GetGenericArguments().Select(Name))}"
                : type.Name;
            return type.DeclaringType is null ? name : Name(type.DeclaringType) + name;
        }
    }
}
