using System.Globalization;

namespace Returns.Web.Console;

/// <summary>Enum values as the API spells them (camelCase), for resource keys such as <c>Status.submitted</c>.</summary>
public static class ConsoleEnum
{
    public static string Camel(Enum value)
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        var name = Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text?.Trim(), StringComparison.OrdinalIgnoreCase));
        return name is not null && Enum.TryParse(name, out value);
    }

    /// <summary>A datetime-local value (yyyy-MM-ddTHH:mm) read in the shop's time zone, as UTC; null when empty or unreadable.</summary>
    public static DateTimeOffset? FromLocal(string? text, string zoneId)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!DateTime.TryParseExact(text.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return null;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
