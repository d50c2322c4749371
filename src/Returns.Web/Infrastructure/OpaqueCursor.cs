using System.Text.Json;

namespace Returns.Web.Infrastructure;

/// <summary>
/// A place in a paged list, handed to clients as base64url JSON they must not read, so its content can change without
/// breaking them. Anything this API did not give out decodes to null (a 400 for the caller).
/// </summary>
public static class OpaqueCursor
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static string Encode<T>(T place) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(place, Json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static T? Decode<T>(string cursor) where T : class
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            return JsonSerializer.Deserialize<T>(Convert.FromBase64String(base64), Json);
        }
        catch (Exception e) when (e is FormatException or JsonException or NotSupportedException)
        {
            return null;
        }
    }
}
