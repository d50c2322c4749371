using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Returns.Web.Infrastructure;

/// <summary>Every decimal in the API is money: written with two decimals (12.00), whatever scale the database kept.</summary>
public sealed class MoneyJsonConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.ToString("0.00##########", CultureInfo.InvariantCulture), skipInputValidation: true);
}
