using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.OpenApi;
using Returns.Domain.Cases;
using Returns.Web.Features.Cases.Actions;
using Returns.Web.Infrastructure.Security;
using Swashbuckle.AspNetCore.Swagger;

namespace Returns.Web.Infrastructure;

/// <summary>
/// The OpenAPI document integrators generate clients from (served at <see cref="OpenApi.DocumentPath"/>, committed as
/// openapi/returns.v1.json). Swashbuckle describes the endpoints; this completes what it cannot know, from the code that
/// decides it: which fields a request needs (its validator), which a response always has (all of them, null where the
/// type is nullable), the problem codes, the headers and statuses every route shares, the evidence upload's parts.
/// OpenAPI 3.0, so that the generators integrators use today (NSwag, Kiota, openapi-typescript) all read it.
/// </summary>
public sealed class OpenApiContract(ISwaggerProvider swagger, IApiDescriptionGroupCollectionProvider descriptions, IServiceProvider services)
{
    private readonly Lazy<string> _json = new(() => Build(swagger, descriptions, services));

    public string Json => _json.Value;

    /// <summary>The CLR type behind each component schema, recorded as Swashbuckle names them.</summary>
    internal static readonly ConcurrentDictionary<string, Type> SchemaTypes = new();

    /// <summary>The element type of a list (a nullable value type's underlying type), else the type itself.</summary>
    internal static Type ElementOf(Type type)
    {
        type = System.Nullable.GetUnderlyingType(type) ?? type;
        return type != typeof(string) && type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) is { } e
            ? e.GetGenericArguments()[0]
            : type;
    }

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string Build(ISwaggerProvider swagger, IApiDescriptionGroupCollectionProvider descriptions, IServiceProvider services)
    {
        var document = swagger.GetSwagger(OpenApi.DocumentName);
        using var text = new StringWriter();
        document.SerializeAsV3(new OpenApiJsonWriter(text));
        var root = JsonNode.Parse(text.ToString())!.AsObject();
        var endpoints = descriptions.ApiDescriptionGroups.Items.SelectMany(g => g.Items)
            .Where(d => d.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().Any())
            .ToDictionary(d => d.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().First().EndpointName);
        new Refinement(root, endpoints, services).Run();
        return root.ToJsonString(Indented) + "\n";
    }

    private sealed class Refinement(JsonObject root, IReadOnlyDictionary<string, ApiDescription> endpoints, IServiceProvider services)
    {
        private const string ProblemJson = "application/problem+json";
        private JsonObject Schemas => root["components"]!["schemas"]!.AsObject();

        public void Run()
        {
            Describe();
            AddSharedSchemas();
            var requestTypes = RequestTypes();
            foreach (var (name, node) in Schemas.ToList())
                if (SchemaTypes.TryGetValue(name, out var type) && node is JsonObject { } schema && schema["properties"] is JsonObject)
                {
                    if (requestTypes.Contains(type)) RefineRequest(schema, type);
                    else RefineResponse(schema, type);
                }
            TypeStringsThatAreEnums();
            foreach (var (path, item) in root["paths"]!.AsObject())
                foreach (var (method, operation) in item!.AsObject().ToList())
                    RefineOperation(path, method, operation!.AsObject());
            ReplaceReferences(root, "#/components/schemas/ProblemDetails", "#/components/schemas/Problem");
            UnwrapRequestBodies();
            Schemas.Remove("ProblemDetails");
            Schemas.Remove("HttpValidationProblemDetails");
            Schemas.Remove("IFormFile");
        }

        private void Describe()
        {
            var info = root["info"]!.AsObject();
            info["description"] = info["description"]!.GetValue<string>() +
                "\n\nEnum values are case-sensitive camelCase, exactly as listed (`badReview`, not `BadReview`). Every response " +
                "property is present; those that may be absent in meaning are `null`. Money is a JSON number with at most two " +
                "decimals, in the case's `currency` (CNY by default). Instants are ISO 8601 UTC.";
            info["license"] = new JsonObject { ["name"] = "Proprietary: licensed to the shops that run Returns", ["url"] = "https://returns.example/licence" };
            root.Remove("servers");
            var reordered = new List<KeyValuePair<string, JsonNode?>>();
            foreach (var pair in root.ToList())
            {
                root.Remove(pair.Key);
                reordered.Add(pair);
                if (pair.Key == "info")
                    reordered.Add(new("servers", new JsonArray(new JsonObject
                    {
                        // Absolute, so that every generator has a root URL (Kiota warns on "/", NSwag keeps it literally);
                        // a client sets its own installation's address in its place.
                        ["url"] = "http://127.0.0.1:5080",
                        ["description"] = "The service as README's first command starts it; use your installation's address. Every path begins /api/v1.",
                    })));
            }
            foreach (var pair in reordered) root.Add(pair);
            root["tags"] = new JsonArray(Tags.Select(t => (JsonNode)new JsonObject { ["name"] = t.Name, ["description"] = t.Description }).ToArray());
            root["security"] = Either();
        }

        private static readonly (string Name, string Description)[] Tags =
        [
            ("Cases", "After-sales cases (售后工单): log, list, read, the timeline, evidence images."),
            ("Case actions", "Each step of a case's workflow: POST /cases/{id}/{action}, the action names `allowedActions` lists."),
            ("Warehouse", "Returned parcels: scan at the warehouse, and parcels that matched no case."),
            ("Notifications and handover", "A person's reminders, and the shift handover list (交接班)."),
            ("Catalog", "Reasons and workflows (states, actions, clocks), per shop."),
            ("Sign-in", "People's sessions (cookie) and who the caller is."),
            ("Admin", "People and integration keys: admins only."),
            ("Webhooks", "Signed event deliveries to an integration's URL, their logs, and the event feed an integration catches up from."),
            ("Audit", "Who revealed which buyer's contact data, when and why."),
        ];

        /// <summary>Either an integration's key or a person's session cookie, not both at once.</summary>
        private static JsonArray Either() => new(new JsonObject { ["apiKey"] = new JsonArray() }, new JsonObject { ["cookie"] = new JsonArray() });

        private void AddSharedSchemas()
        {
            Schemas["ProblemCode"] = new JsonObject
            {
                ["type"] = "string",
                ["description"] = "The stable code of a problem; branch on it, not on title or detail.\n\n" +
                                  string.Join("\n", ProblemCodes.All.Select(c => $"- `{c.Key}`: {c.Value}")),
                ["enum"] = new JsonArray(ProblemCodes.All.Keys.Select(k => (JsonNode)k).ToArray()),
            };
            Schemas["CaseActionName"] = new JsonObject
            {
                ["type"] = "string",
                ["description"] = "A case action: each is the operation POST /api/v1/cases/{id}/{action}.",
                ["enum"] = new JsonArray(CaseActionNames().Select(k => (JsonNode)k).ToArray()),
            };
            Schemas["Problem"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "RFC 9457 problem details with the service's stable `code`.",
                ["required"] = new JsonArray("type", "title", "status", "code"),
                ["properties"] = new JsonObject
                {
                    ["type"] = new JsonObject { ["type"] = "string", ["description"] = "/problems/{code}" },
                    ["title"] = new JsonObject { ["type"] = "string" },
                    ["status"] = new JsonObject { ["type"] = "integer", ["format"] = "int32" },
                    ["detail"] = new JsonObject { ["type"] = "string", ["description"] = "What went wrong, for a person." },
                    ["instance"] = new JsonObject { ["type"] = "string" },
                    ["code"] = Ref("ProblemCode"),
                    ["errors"] = new JsonObject
                    {
                        ["type"] = "object", ["description"] = "validation-failed: the field (a JSON path such as order.items[0].sku) and its messages.",
                        ["additionalProperties"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
                    },
                    ["allowedActions"] = new JsonObject
                    {
                        ["type"] = "array", ["description"] = "invalid-transition: what the caller may do instead.", ["items"] = Ref("CaseActionName"),
                    },
                    ["caseStatus"] = new JsonObject { ["allOf"] = new JsonArray(Ref("CaseStatus")), ["description"] = "invalid-transition: the case's status." },
                    ["currentVersion"] = new JsonObject
                    {
                        ["type"] = "integer", ["format"] = "int32", ["description"] = "precondition-failed: the case's version now (send it as If-Match).",
                    },
                    ["retryAfterSeconds"] = new JsonObject { ["type"] = "integer", ["format"] = "int32", ["description"] = "locked-out, rate-limited: seconds to wait." },
                    ["traceId"] = new JsonObject { ["type"] = "string", ["description"] = "Quote it when asking for help: it finds the request in the logs." },
                },
            };
        }

        /// <summary>Every action an operation exists for: the table's actions and add-evidence (the evidence upload).</summary>
        private static IEnumerable<string> CaseActionNames() =>
            CaseActionRoutes.All.Select(r => r.Name).Append(CaseAction.AddEvidence.Name()).Order(StringComparer.Ordinal);

        // ---- Schemas -------------------------------------------------------------------------------------------

        /// <summary>The types a client sends: request bodies and what they contain.</summary>
        private HashSet<Type> RequestTypes()
        {
            var found = new HashSet<Type>();
            var pending = new Stack<Type>(endpoints.Values.SelectMany(d => d.ParameterDescriptions)
                .Where(p => p.Source == BindingSource.Body || p.Source == BindingSource.Form).Select(p => p.Type));
            while (pending.TryPop(out var type))
            {
                type = ElementOf(type);
                if (type.IsEnum || type.IsPrimitive || type.Namespace?.StartsWith("Returns", StringComparison.Ordinal) != true || !found.Add(type)) continue;
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)) pending.Push(property.PropertyType);
            }
            return found;
        }

        /// <summary>
        /// A request field is required when its validator always demands it; every other field may be left out or sent as
        /// null (so a generated client leaves an unset enum out instead of sending its first value). The validators'
        /// length and range limits are stated too.
        /// </summary>
        private void RefineRequest(JsonObject schema, Type type)
        {
            var facts = ValidatorFacts.For(type, services);
            var properties = schema["properties"]!.AsObject();
            var required = new JsonArray();
            foreach (var (name, node) in properties.ToList())
            {
                var member = Member(type, name);
                var fact = member is null ? null : facts.GetValueOrDefault(member.Name);
                var property = fact?.Required == true ? MakeNotNullable(node!.AsObject()) : MakeNullable(node!.AsObject());
                if (fact?.Required == true) required.Add(name);
                if (fact?.MaxLength is { } max) Target(property)["maxLength"] = max;
                if (fact?.Minimum is { } min) Target(property)["minimum"] = min;
                if (fact?.ExclusiveMinimum == true) Target(property)["exclusiveMinimum"] = true;
                if (fact?.Maximum is { } maxValue) Target(property)["maximum"] = maxValue;
                properties[name] = property;
            }
            if (required.Count > 0) schema["required"] = required;
            else schema.Remove("required");
            // Unknown fields are refused (400), so the document says no others exist.
            schema["additionalProperties"] = false;
        }

        /// <summary>Where a limit goes: on the array's items for a list of strings, else on the property.</summary>
        private static JsonObject Target(JsonObject property) => property["items"] as JsonObject ?? property;

        /// <summary>Every property of a response is always written; nullable ones may be null.</summary>
        private static void RefineResponse(JsonObject schema, Type type)
        {
            var properties = schema["properties"]!.AsObject();
            var context = new NullabilityInfoContext();
            foreach (var (name, node) in properties.ToList())
            {
                var member = Member(type, name);
                if (member is null) continue;
                var isJson = member.PropertyType == typeof(JsonElement) || member.PropertyType == typeof(JsonElement?);
                if (isJson)
                {
                    properties[name] = new JsonObject
                    {
                        ["type"] = "object", ["additionalProperties"] = true, ["nullable"] = true,
                        ["description"] = node?["description"]?.GetValue<string>() ?? "Details of the entry, as JSON.",
                    };
                    continue;
                }
                var nullable = member.PropertyType.IsValueType
                    ? System.Nullable.GetUnderlyingType(member.PropertyType) is not null
                    : context.Create(member).ReadState != NullabilityState.NotNull;
                properties[name] = nullable ? MakeNullable(node!.AsObject()) : MakeNotNullable(node!.AsObject());
            }
            schema["required"] = new JsonArray(properties.Select(p => (JsonNode)p.Key).ToArray());
        }

        private static PropertyInfo? Member(Type type, string jsonName) =>
            type.GetProperty(jsonName, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);

        /// <summary>In OpenAPI 3.0 a <c>$ref</c> takes no siblings: a nullable reference is <c>allOf</c> of it.</summary>
        private static JsonObject MakeNullable(JsonObject property)
        {
            if (property["$ref"] is { } reference)
                return new JsonObject { ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = reference.GetValue<string>() }), ["nullable"] = true };
            property["nullable"] = true;
            return property;
        }

        private static JsonObject MakeNotNullable(JsonObject property)
        {
            property.Remove("nullable");
            if (property["allOf"] is JsonArray { Count: 1 } allOf && property.Count == 1)
                return new JsonObject { ["$ref"] = allOf[0]!["$ref"]!.GetValue<string>() };
            return property;
        }

        /// <summary>Fields the code keeps as strings but that only take a fixed set of values.</summary>
        private void TypeStringsThatAreEnums()
        {
            SetEnum("Role", "A person's role.", Permissions.Roles.All);
            SetEnum("Scope", "What an integration key may do.", Permissions.Scopes);
            SetEnum("SupervisorReason", "Why a supervisor must decide.", [SupervisorReasons.CompensationAboveCap, SupervisorReasons.OutsideWindow]);
            PropertyIs("UsersCreateBody", "role", "Role");
            PropertyIs("UsersSetRoleBody", "role", "Role");
            PropertyIs("UsersUserView", "role", "Role");
            PropertyIs("SignInMe", "role", "Role");
            ItemsAre("ApiKeysCreateBody", "scopes", "Scope");
            ItemsAre("ApiKeysKeyView", "scopes", "Scope");
            ItemsAre("ApiKeysCreatedKey", "scopes", "Scope");
            ItemsAre("CaseView", "allowedActions", "CaseActionName");
            SetEnum("WebhookEvent", "An event a webhook subscription receives (* for all).",
                Features.Webhooks.WebhookSubscriptions.KnownEvents.Order(StringComparer.Ordinal).Prepend("*"));
            ItemsAre("WebhookSubscriptionsCreateBody", "events", "WebhookEvent");
            ItemsAre("WebhookSubscriptionsSubscriptionView", "events", "WebhookEvent");
            PropertyIs("CaseView", "supervisorReason", "SupervisorReason");
        }

        private void SetEnum(string name, string description, IEnumerable<string> values)
        {
            if (Schemas[name] is JsonObject { } existing && existing["enum"] is not null) return;
            Schemas[name] = new JsonObject
            {
                ["type"] = "string", ["description"] = description, ["enum"] = new JsonArray(values.Select(v => (JsonNode)v).ToArray()),
            };
        }

        private void PropertyIs(string schema, string property, string enumSchema)
        {
            if (Schemas[schema]?["properties"]?[property] is not JsonObject node) return;
            var nullable = node["nullable"]?.GetValue<bool>() == true;
            var description = node["description"]?.GetValue<string>();
            JsonObject typed = nullable
                ? new JsonObject { ["allOf"] = new JsonArray(Ref(enumSchema)), ["nullable"] = true }
                : Ref(enumSchema);
            if (description is not null)
                typed = new JsonObject { ["allOf"] = new JsonArray(Ref(enumSchema)), ["description"] = description, ["nullable"] = nullable };
            if (typed["nullable"]?.GetValue<bool>() == false) typed.Remove("nullable");
            Schemas[schema]!["properties"]![property] = typed;
        }

        private void ItemsAre(string schema, string property, string enumSchema)
        {
            if (Schemas[schema]?["properties"]?[property] is JsonObject { } node && node["items"] is not null) node["items"] = Ref(enumSchema);
        }

        private static JsonObject Ref(string schema) => new() { ["$ref"] = $"#/components/schemas/{schema}" };

        // ---- Operations ----------------------------------------------------------------------------------------

        private void RefineOperation(string path, string method, JsonObject operation)
        {
            var id = operation["operationId"]?.GetValue<string>() ?? throw new InvalidOperationException($"{method} {path} has no operationId.");
            var endpoint = endpoints[id];
            var metadata = endpoint.ActionDescriptor.EndpointMetadata;
            var anonymous = !metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<IAllowAnonymous>().Any();
            var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToHashSet();
            var isPost = method == "post";
            var responses = operation["responses"]!.AsObject();
            // A write to the case (it answers the case): reveal-contact reads under that path and changes nothing.
            var caseAction = isPost && path.StartsWith("/api/v1/cases/{id}/", StringComparison.Ordinal)
                && responses["200"]?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>() == "#/components/schemas/CaseView";
            var parameters = operation["parameters"] as JsonArray ?? [];
            operation["parameters"] = parameters;

            if (anonymous) operation["security"] = new JsonArray();
            if (isPost && !anonymous)
                parameters.Add(Header(IdempotencyMiddleware.Header,
                    "Retry-safe POST: a repeat with the same key and body returns the first response (kept 24 h, marked Idempotent-Replayed); " +
                    "the same key with another body is 409 idempotency-key-reused.", new JsonObject { ["type"] = "string", ["minLength"] = 1, ["maxLength"] = 128 }));
            if (caseAction)
                parameters.Add(Header("If-Match", "The case's ETag (its version, e.g. \"3\"): a stale one is refused with 412, so a change made meanwhile is never overwritten.",
                    new JsonObject { ["type"] = "string" }));
            if (parameters.Count == 0) operation.Remove("parameters");

            var hasBody = operation["requestBody"] is not null;
            if (!anonymous) Problem(responses, 401, "Not signed in, or no valid X-Api-Key.");
            if (!anonymous && !policies.SetEquals([Permissions.Authenticated]))
                Problem(responses, 403, "The caller's role, key scopes or shop do not allow this.");
            if (hasBody || operation["parameters"] is not null) Problem(responses, 400, "Invalid fields (see errors) or a malformed request.");
            if (isPost && !anonymous) Problem(responses, 409, "idempotency-key-reused (and, for case actions, invalid-transition or concurrent-update).");
            if (hasBody)
            {
                Problem(responses, 413, "The body is larger than allowed.");
                Problem(responses, 415, "The body's content type is not accepted here.");
            }
            if (caseAction) Problem(responses, 412, "If-Match names an older version of the case.");
            Problem(responses, 429, "Too many requests from this caller.", retryAfter: true);

            foreach (var (status, response) in responses.ToList())
            {
                if (!status.StartsWith('2')) continue;
                var headers = new JsonObject();
                if (response!["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>() == "#/components/schemas/CaseView")
                    headers["ETag"] = HeaderSchema("The case's version, to send back as If-Match.");
                if (status == "201" || (status == "202" && id == "ScanParcel"))
                    headers["Location"] = HeaderSchema("Where the new resource is.");
                if (isPost && !anonymous)
                    headers["Idempotent-Replayed"] = HeaderSchema("\"true\" when this is the stored answer to an earlier request with the same Idempotency-Key.");
                if (headers.Count > 0) response["headers"] = headers;
            }
            if (operation["requestBody"] is JsonObject body && !anonymous && body["content"]?["application/json"] is not null) body["required"] = true;

            switch (id)
            {
                case "AddEvidence": EvidenceUpload(operation); break;
                case "UploadEvidence":
                    EvidenceUpload(operation);
                    operation["deprecated"] = true;
                    operation["description"] = "The first path of add-evidence: use POST /api/v1/cases/{id}/add-evidence.";
                    break;
                case "GetEvidence": EvidenceDownload(responses); break;
                case "ListCases": ListFilters(parameters); break;
                case "ListEvents": EventFeedParameters(parameters); break;
                case "GetWorkflow": PathIsEnum(parameters, "type", "CaseType"); break;
                case "ShiftHandover": QueryIsEnum(parameters, "shift", "A shift: day or night (today's current one by default).", ["day", "night"]); break;
                case "GetCase": DescribeParameter(parameters, "id", "The case's id, or its number (e.g. RT-2026-000042)."); break;
            }
            SortByStatus(operation);
        }

        private static void SortByStatus(JsonObject operation)
        {
            var responses = operation["responses"]!.AsObject();
            var sorted = new JsonObject();
            foreach (var (status, response) in responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList())
            {
                responses.Remove(status);
                sorted[status] = response;
            }
            operation["responses"] = sorted;
        }

        private static JsonObject Header(string name, string description, JsonObject schema) =>
            new() { ["name"] = name, ["in"] = "header", ["required"] = false, ["description"] = description, ["schema"] = schema };

        private static JsonObject HeaderSchema(string description) => new() { ["description"] = description, ["schema"] = new JsonObject { ["type"] = "string" } };

        private static void Problem(JsonObject responses, int status, string description, bool retryAfter = false)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (responses[key] is JsonObject existing)
            {
                existing["content"] = ProblemContent();
                return;
            }
            var response = new JsonObject { ["description"] = description, ["content"] = ProblemContent() };
            if (retryAfter)
                response["headers"] = new JsonObject
                {
                    ["Retry-After"] = new JsonObject { ["description"] = "Seconds to wait.", ["schema"] = new JsonObject { ["type"] = "integer" } },
                };
            responses[key] = response;
        }

        private static JsonObject ProblemContent() => new() { [ProblemJson] = new JsonObject { ["schema"] = Ref("Problem") } };

        private static void EvidenceUpload(JsonObject operation)
        {
            operation["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject
                {
                    ["multipart/form-data"] = new JsonObject
                    {
                        ["schema"] = new JsonObject
                        {
                            ["type"] = "object",
                            ["required"] = new JsonArray("file"),
                            ["properties"] = new JsonObject
                            {
                                ["file"] = new JsonObject
                                {
                                    ["type"] = "array", ["minItems"] = 1,
                                    ["description"] = "One or more images, each a part named file (checked by content, ≤ 10 MB each).",
                                    ["items"] = new JsonObject { ["type"] = "string", ["format"] = "binary" },
                                },
                            },
                        },
                        ["encoding"] = new JsonObject
                        {
                            ["file"] = new JsonObject { ["contentType"] = string.Join(", ", Features.Cases.ImageType.ContentTypes) },
                        },
                    },
                },
            };
        }

        private static void EvidenceDownload(JsonObject responses)
        {
            var content = new JsonObject();
            foreach (var type in Features.Cases.ImageType.ContentTypes)
                content[type] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string", ["format"] = "binary" } };
            responses["200"] = new JsonObject { ["description"] = "The image, as the type its content was verified to be.", ["content"] = content };
        }

        private static void ListFilters(JsonArray parameters)
        {
            foreach (var parameter in parameters.OfType<JsonObject>())
            {
                switch (parameter["name"]?.GetValue<string>())
                {
                    case "type":
                        parameter["schema"] = Ref("CaseType");
                        break;
                    case "status":
                        parameter["schema"] = new JsonObject { ["type"] = "array", ["items"] = Ref("CaseStatus") };
                        parameter["style"] = "form";
                        parameter["explode"] = false;
                        parameter["description"] = "One or more statuses, comma-separated (status=submitted,approved).";
                        break;
                    case "limit":
                        parameter["schema"] = new JsonObject
                        {
                            ["type"] = "integer", ["format"] = "int32", ["minimum"] = 1, ["maximum"] = Features.Cases.ListCases.Query.MaxLimit,
                            ["default"] = Features.Cases.ListCases.Query.DefaultLimit,
                        };
                        break;
                    case "updatedSince":
                        parameter["description"] = "Only cases changed at or after this instant, by last change (updatedAt), oldest change first; " +
                                                   "page on with cursor and the same updatedSince. A case changed while you page comes again, later.";
                        break;
                    case "q":
                        parameter["schema"] = new JsonObject { ["type"] = "string", ["maxLength"] = 100 };
                        parameter["description"] = "Free text: case number, order number, buyer nickname, tracking number.";
                        break;
                }
            }
        }

        private static void EventFeedParameters(JsonArray parameters)
        {
            foreach (var parameter in parameters.OfType<JsonObject>())
            {
                switch (parameter["name"]?.GetValue<string>())
                {
                    case "after":
                        parameter["description"] = "The nextCursor of the previous page (opaque); none for the oldest event kept.";
                        break;
                    case "limit":
                        parameter["schema"] = new JsonObject
                        {
                            ["type"] = "integer", ["format"] = "int32", ["minimum"] = 1, ["maximum"] = Features.Webhooks.EventFeed.MaxLimit,
                            ["default"] = Features.Webhooks.EventFeed.DefaultLimit,
                        };
                        break;
                }
            }
        }

        private static void PathIsEnum(JsonArray parameters, string name, string schema)
        {
            foreach (var parameter in parameters.OfType<JsonObject>().Where(p => p["name"]?.GetValue<string>() == name))
                parameter["schema"] = Ref(schema);
        }

        private static void QueryIsEnum(JsonArray parameters, string name, string description, string[] values)
        {
            foreach (var parameter in parameters.OfType<JsonObject>().Where(p => p["name"]?.GetValue<string>() == name))
            {
                parameter["schema"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(values.Select(v => (JsonNode)v).ToArray()) };
                parameter["description"] = description;
            }
        }

        private static void DescribeParameter(JsonArray parameters, string name, string description)
        {
            foreach (var parameter in parameters.OfType<JsonObject>().Where(p => p["name"]?.GetValue<string>() == name))
                parameter["description"] = description;
        }

        /// <summary>A request body that is one schema refers to it, not to an allOf of it alone.</summary>
        private void UnwrapRequestBodies()
        {
            foreach (var (_, item) in root["paths"]!.AsObject())
                foreach (var (_, operation) in item!.AsObject())
                    foreach (var (_, media) in operation!["requestBody"]?["content"]?.AsObject() ?? [])
                        if (media!["schema"] is JsonObject { Count: 1 } schema && schema["allOf"] is JsonArray { Count: 1 } allOf)
                            media["schema"] = new JsonObject { ["$ref"] = allOf[0]!["$ref"]!.GetValue<string>() };
        }

        private static void ReplaceReferences(JsonNode node, string from, string to)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj.ToList())
                        if (key == "$ref" && value?.GetValue<string>() == from) obj[key] = to;
                        else if (value is not null) ReplaceReferences(value, from, to);
                    break;
                case JsonArray array:
                    foreach (var item in array) if (item is not null) ReplaceReferences(item, from, to);
                    break;
            }
        }
    }

    /// <summary>What a request type's validator always demands of each property, and its limits.</summary>
    internal sealed record ValidatorFact(bool Required, int? MaxLength, decimal? Minimum, bool ExclusiveMinimum, decimal? Maximum);

    internal static class ValidatorFacts
    {
        /// <summary>
        /// Reads the FluentValidation rules of <paramref name="type"/>: its registered validator, or the child validators
        /// (SetValidator, ChildRules) other validators use for it. A rule on a nested member (<c>Buyer.Nickname</c>, guarded
        /// by <c>When(buyer is not null)</c>) describes the nested type; a top-level rule counts as required only without a
        /// condition (<c>items</c> is required except for bad reviews, so it is optional in the document).
        /// </summary>
        public static IReadOnlyDictionary<string, ValidatorFact> For(Type type, IServiceProvider services)
        {
            var facts = new Dictionary<string, ValidatorFact>();
            foreach (var (validator, prefix) in ValidatorsOf(type, services))
            {
                foreach (var rule in validator.CreateDescriptor().Rules)
                {
                    var name = rule.PropertyName;
                    if (name is null) continue;
                    if (prefix.Length > 0)
                    {
                        if (!name.StartsWith(prefix + ".", StringComparison.Ordinal)) continue;
                        name = name[(prefix.Length + 1)..];
                    }
                    if (name.Contains('.')) continue;
                    var nested = prefix.Length > 0;
                    // RuleForEach checks the elements: "not null" there says nothing about the list itself.
                    var forEach = IsCollectionRule(rule);
                    var fact = facts.GetValueOrDefault(name) ?? new ValidatorFact(false, null, null, false, null);
                    foreach (var component in rule.Components)
                    {
                        var always = nested || !component.HasCondition && !component.HasAsyncCondition;
                        fact = component.Validator switch
                        {
                            INotNullValidator or INotEmptyValidator when always && !forEach => fact with { Required = true },
                            IMaximumLengthValidator m => fact with { MaxLength = m.Max },
                            ILengthValidator { Max: > 0 } l => fact with { MaxLength = l.Max },
                            IComparisonValidator { Comparison: Comparison.GreaterThan, ValueToCompare: { } v } when IsNumber(v) =>
                                fact with { Minimum = Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture), ExclusiveMinimum = true },
                            IComparisonValidator { Comparison: Comparison.GreaterThanOrEqual, ValueToCompare: { } v } when IsNumber(v) =>
                                fact with { Minimum = Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture) },
                            IComparisonValidator { Comparison: Comparison.LessThanOrEqual, ValueToCompare: { } v } when IsNumber(v) =>
                                fact with { Maximum = Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture) },
                            IBetweenValidator { From: { } from, To: { } to } when IsNumber(from) && IsNumber(to) => fact with
                            {
                                Minimum = Convert.ToDecimal(from, System.Globalization.CultureInfo.InvariantCulture),
                                Maximum = Convert.ToDecimal(to, System.Globalization.CultureInfo.InvariantCulture),
                            },
                            _ => fact,
                        };
                    }
                    facts[name] = fact;
                }
            }
            return facts;
        }

        private static bool IsCollectionRule(IValidationRule rule) =>
            rule.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollectionRule<,>));

        private static bool IsNumber(object value) => value is int or long or decimal or double or short;

        /// <summary>The validators that check <paramref name="type"/>, with the member path they check it under.</summary>
        private static IEnumerable<(IValidator Validator, string Prefix)> ValidatorsOf(Type type, IServiceProvider services)
        {
            var seen = new HashSet<IValidator>();
            var pending = new Stack<IValidator>(services.GetServices<IValidator>().Concat(
                AllValidatorTypes(services)).Distinct());
            while (pending.TryPop(out var validator))
            {
                if (!seen.Add(validator)) continue;
                var validated = ValidatedType(validator);
                if (validated == type || ChecksTheBodyOf(validated, type)) yield return (validator, "");
                foreach (var rule in validator.CreateDescriptor().Rules)
                {
                    foreach (var component in rule.Components)
                    {
                        if (component.Validator is not IChildValidatorAdaptor adaptor) continue;
                        if (adaptor.GetType().GetField("_validator", BindingFlags.NonPublic | BindingFlags.Instance)?.GetValue(adaptor) is IValidator child)
                            pending.Push(child);
                    }
                    // A rule on a nested member of the validated type (RuleFor(c => c.Buyer!.Nickname)).
                    var parts = rule.PropertyName?.Split('.') ?? [];
                    if (parts.Length == 2 && validated is not null && Member(validated, parts[0]) is { } parent
                        && ElementOf(parent.PropertyType) == type)
                        yield return (validator, parts[0]);
                }
            }
        }

        /// <summary>
        /// A use case's command carries its body's fields under the same names (Users.CreateBody → Users.Create): the
        /// command's validator is the body's.
        /// </summary>
        private static bool ChecksTheBodyOf(Type? command, Type body) =>
            command is not null && body.DeclaringType is not null && command.DeclaringType == body.DeclaringType
            && body.GetProperties().All(p => command.GetProperty(p.Name)?.PropertyType == p.PropertyType);

        private static IEnumerable<IValidator> AllValidatorTypes(IServiceProvider services) =>
            typeof(Program).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && !t.IsGenericTypeDefinition && typeof(IValidator).IsAssignableFrom(t))
                .Select(t => ValidatedTypeOf(t) is { } validated ? services.GetService(typeof(IValidator<>).MakeGenericType(validated)) as IValidator : null)
                .OfType<IValidator>();

        private static Type? ValidatedType(IValidator validator) => ValidatedTypeOf(validator.GetType());

        private static Type? ValidatedTypeOf(Type validatorType) =>
            validatorType.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))?.GetGenericArguments()[0];

        private static PropertyInfo? Member(Type type, string name) => type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
    }
}
