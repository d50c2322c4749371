using System.Text.Json;
using System.Text.Json.Serialization;

namespace Returns.Web.Infrastructure;

/// <summary>
/// Enums are read by their exact contract name (camelCase) only: no numbers, no other letter case, no
/// comma-joined combinations (System.Text.Json would merge "used,damaged" into another value).
/// </summary>
public sealed class ContractEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ContractEnumConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class ContractEnumConverter<T> : JsonConverter<T> where T : struct, Enum
    {
        private static readonly Dictionary<string, T> ByName =
            Enum.GetValues<T>().ToDictionary(v => Camel(v.ToString()), v => v, StringComparer.Ordinal);

        private static readonly Dictionary<T, string> Names = ByName.ToDictionary(p => p.Value, p => p.Key);

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && ByName.TryGetValue(reader.GetString()!, out var value)
                ? value
                : throw new JsonException($"Expected one of: {string.Join(", ", ByName.Keys)}.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(Names[value]);

        private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
    }
}

/// <summary>Text may not carry NUL (PostgreSQL cannot store it, and no person types it).</summary>
public sealed class NoNulStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return text is not null && text.Contains('\0', StringComparison.Ordinal)
            ? throw new JsonException("Text cannot contain NUL (\\u0000) characters.")
            : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
