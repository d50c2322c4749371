using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Returns.Web.Infrastructure;

namespace Returns.Web.Console;

/// <summary>
/// Reads a console form into the API's body record: the form's fields carry the JSON names (<c>note</c>,
/// <c>items[0].condition</c>), so the console's request is the API's request, with the same validators and error paths.
/// </summary>
public static class ConsoleForms
{
    /// <summary>Reads the form; a date and time typed without an offset is in <paramref name="zone"/>, the shop's time zone.</summary>
    public static object Read(Func<string, string?> field, Type bodyType, JsonSerializerOptions json, string zone = "Asia/Shanghai")
    {
        var body = Object(field, bodyType, "", zone);
        try
        {
            return JsonSerializer.Deserialize(body.ToJsonString(), bodyType, json)
                ?? throw ProblemException.Validation("body", "Required.");
        }
        catch (JsonException e)
        {
            throw ProblemException.Validation(e.Path?.TrimStart('$', '.') is { Length: > 0 } path ? path : "body", "Not a valid value.");
        }
    }

    private static JsonObject Object(Func<string, string?> field, Type type, string prefix, string zone)
    {
        var result = new JsonObject();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var name = prefix + char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (propertyType != typeof(string) && propertyType.IsGenericType
                && propertyType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
            {
                var itemType = propertyType.GetGenericArguments()[0];
                var list = new JsonArray();
                for (var i = 0; i < 1000 && HasAny(field, itemType, $"{name}[{i}]."); i++)
                    list.Add(Object(field, itemType, $"{name}[{i}].", zone));
                if (list.Count > 0) result[Json(name)] = list;
                continue;
            }
            var text = field(name)?.Trim();
            if (propertyType == typeof(bool))
            {
                // An unticked checkbox sends nothing.
                result[Json(name)] = text is "true" or "on";
                continue;
            }
            if (string.IsNullOrEmpty(text)) continue;
            if (propertyType == typeof(DateTimeOffset))
            {
                result[Json(name)] = ConsoleEnum.FromLocal(text, zone) is { } at
                    ? JsonValue.Create(at)
                    : throw ProblemException.Validation(name, "Must be a date and time.");
                continue;
            }
            result[Json(name)] = propertyType == typeof(decimal) || propertyType == typeof(int)
                ? decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
                    ? JsonValue.Create(number)
                    : throw ProblemException.Validation(name, "Must be a number.")
                : JsonValue.Create(text);
        }
        return result;
    }

    private static bool HasAny(Func<string, string?> field, Type type, string prefix) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Any(p => !string.IsNullOrEmpty(field(prefix + char.ToLowerInvariant(p.Name[0]) + p.Name[1..])));

    /// <summary>The last segment of a field path is the JSON property name.</summary>
    private static string Json(string path) => path[(path.LastIndexOf('.') + 1)..];
}
