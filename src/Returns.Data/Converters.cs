using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Returns.Data;

/// <summary>UTC instants as ticks, so that SQLite can compare and order them.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));

internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>
    /// Stores a small value object (or list of them) as JSON text: the case's own facts, read and written
    /// with the case, never queried inside. Portable across SQLite, PostgreSQL and SQL Server.
    /// </summary>
    public static PropertyBuilder<T> AsJson<T>(this PropertyBuilder<T> property) where T : class?
    {
        var converter = new ValueConverter<T, string>(
            v => JsonSerializer.Serialize(v, Options),
            s => JsonSerializer.Deserialize<T>(s, Options)!);
        // The domain replaces these values, never mutates them in place: the snapshot is the instance itself and
        // only a different instance is compared (by content), which keeps change detection cheap.
        var comparer = new ValueComparer<T>(
            (a, b) => ReferenceEquals(a, b) || JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
            _ => 0,
            v => v);
        return property.HasConversion(converter, comparer);
    }
}
