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
                Description = "After-sales cases (returns, exchanges) for marketplace shops. Errors are RFC 9457 problem+json " +
                              "with a stable `code`. Until sign-in lands, callers identify themselves with `X-Actor` and `X-Actor-Role`.",
            });
            // Nested request records share short names (Body, Command): name schemas after their use case.
            options.CustomSchemaIds(type => SchemaId(type));
            options.SupportNonNullableReferenceTypes();
            // Money is decimal, never a binary float.
            options.MapType<decimal>(() => new OpenApiSchema { Type = JsonSchemaType.Number, Format = "decimal" });
            options.MapType<decimal?>(() => new OpenApiSchema { Type = JsonSchemaType.Number | JsonSchemaType.Null, Format = "decimal" });
            options.IncludeXmlComments(Path.Combine(AppContext.BaseDirectory, "Returns.Web.xml"));
            options.OperationFilter<ActorHeadersFilter>();
        });
        return services;
    }

    private static string SchemaId(Type type)
    {
        var name = type.IsGenericType
            ? $"{type.Name[..type.Name.IndexOf('`')]}Of{string.Concat(type.GetGenericArguments().Select(SchemaId))}"
            : type.Name;
        return type.DeclaringType is null ? name : SchemaId(type.DeclaringType) + name;
    }

    private sealed class ActorHeadersFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = HeaderActorAccessor.NameHeader, In = ParameterLocation.Header, Required = false,
                Description = "Who is acting (recorded in the timeline). Interim until sign-in and API keys.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = HeaderActorAccessor.RoleHeader, In = ParameterLocation.Header, Required = false,
                Description = "agent (default), supervisor, warehouse or admin.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            if (context.ApiDescription.HttpMethod == "POST" && context.ApiDescription.RelativePath?.StartsWith("api/v1/cases/{id}", StringComparison.Ordinal) == true)
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "If-Match", In = ParameterLocation.Header, Required = false,
                    Description = "The case's ETag (its version, e.g. \"3\"); a stale one is refused with 412.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
        }
    }
}
