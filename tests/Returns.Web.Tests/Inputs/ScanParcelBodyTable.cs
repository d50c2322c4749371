using Returns.Web.Features.Warehouse;
using static Returns.Web.Tests.Inputs.InputPipeline;

namespace Returns.Web.Tests.Inputs;

/// <summary>The warehouse's scan (<c>POST /warehouse/receipts</c>, <see cref="ScanParcel.Command"/>), in-process.</summary>
public sealed class ScanParcelBodyTable
{
    private const string Valid =
        """{"trackingNumber": "SF1234567890", "items": [{"sku": "DRESS-RED-M", "quantity": 1, "condition": "resaleable"}], "freightCollect": false, "note": "完好"}""";

    [Fact]
    public async Task A_scan_with_its_items_and_freight_answer_is_valid()
    {
        var refusal = await Scan(Valid);
        Assert.True(refusal is null, refusal?.ToString());
    }

    [Theory]
    [InlineData("-trackingNumber", "trackingNumber")]
    [InlineData("""trackingNumber = " " """, "trackingNumber")]
    [InlineData("""trackingNumber = "SF1; DROP" """, "trackingNumber")]
    [InlineData("""trackingNumber = "{x*65}" """, "trackingNumber")]
    [InlineData("-items", "items")]
    [InlineData("items = []", "items")]
    [InlineData("items = [null]", "items[0]")]
    [InlineData("items += null", "items[1]")]
    [InlineData("items[0].quantity = 0", "items[0].quantity")]
    [InlineData("items[0].quantity = 10001", "items[0].quantity")]
    [InlineData("-items[0].quantity", "items[0].quantity")]
    [InlineData("-items[0].condition", "items[0].condition")]
    [InlineData("-items[0].sku", "items[0].sku")]
    [InlineData("-freightCollect", "freightCollect")]
    [InlineData("freightCollect = null", "freightCollect")]
    [InlineData("""note = "{x*2001}" """, "note")]
    public async Task A_scan_body_is_refused_naming_the_field(string edits, string fields)
    {
        var body = Edit(System.Text.Json.Nodes.JsonNode.Parse(Valid)!.AsObject(), edits).ToJsonString();
        AssertRefusedByValidator(await Scan(body), fields, edits);
    }

    [Theory]
    [InlineData("""items[0].condition = "broken" """, "items[0].condition")]
    [InlineData("""items[0].condition = "used,damaged" """, "items[0].condition")]
    [InlineData("""freightCollect = "yes" """, "freightCollect")]
    [InlineData("""trackingNumber = "SF\u00001" """, "trackingNumber")]
    public async Task A_scan_body_that_cannot_bind_is_refused_naming_the_field(string edits, string field)
    {
        var body = Edit(System.Text.Json.Nodes.JsonNode.Parse(Valid)!.AsObject(), edits).ToJsonString();
        AssertUnreadableAt(await Scan(body), field, edits);
    }

    [Fact]
    public async Task An_unknown_member_of_a_scan_is_refused_by_its_name()
    {
        var refusal = await Scan(Valid.Replace("\"note\"", "\"weightKg\": 1.2, \"note\"", StringComparison.Ordinal));
        AssertRefusedWhileReading(refusal, "weightKg");
        Assert.Equal(["weightKg"], refusal.Errors.Keys);
    }
}
