using System.Text.Json;
using Returns.Domain.Cases;
using Returns.Web.Console;
using Returns.Web.Features.CaseTypes.Return;
using Returns.Web.Features.Cases.Actions;
using Returns.Web.Infrastructure;

namespace Returns.Web.Tests.Contract;

/// <summary>The console's action forms carry the bodies' JSON names and are read into the same body records as the API's.</summary>
public sealed class ConsoleFormTests
{
    private static readonly JsonSerializerOptions Json = Options();

    private static JsonSerializerOptions Options()
    {
        var options = new JsonSerializerOptions();
        Startup.ConfigureJson(options);
        return options;
    }

    private static IEnumerable<string> Fields(ProblemException problem) =>
        ((IDictionary<string, string[]>)problem.Extensions["errors"]!).Keys;

    private static object Read<TBody>(Dictionary<string, string> form) =>
        ConsoleForms.Read(name => form.GetValueOrDefault(name), typeof(TBody), Json);

    [Fact]
    public void A_receipt_form_becomes_the_inspection_item_by_item()
    {
        var body = (ConfirmReceiptBody)Read<ConfirmReceiptBody>(new()
        {
            ["items[0].sku"] = "DRESS-RED-M", ["items[0].quantity"] = "2", ["items[0].condition"] = "damaged",
            ["items[1].sku"] = "BELT-01", ["items[1].quantity"] = "1", ["items[1].condition"] = "resaleable",
            ["note"] = "外箱破损", ["Version"] = "3",
        });
        Assert.Equal([new ReceivedItem("DRESS-RED-M", 2, ItemCondition.Damaged), new ReceivedItem("BELT-01", 1, ItemCondition.Resaleable)], body.Items);
        Assert.Equal("外箱破损", body.Note);
    }

    [Fact]
    public void An_unticked_freight_collect_box_is_false_and_the_postage_a_number()
    {
        var body = (RecordReturnShipmentBody)Read<RecordReturnShipmentBody>(new()
        {
            ["carrier"] = "SF", ["trackingNumber"] = "SF123", ["postage"] = "12.50",
        });
        Assert.Equal(new RecordReturnShipmentBody("SF", "SF123", 12.50m, false), body);
        Assert.True(((RecordReturnShipmentBody)Read<RecordReturnShipmentBody>(new() { ["freightCollect"] = "true" })).FreightCollect);
    }

    [Fact]
    public void An_empty_field_is_left_out_so_the_validator_names_it()
    {
        Assert.Equal(new RejectBody(null, null), Read<RejectBody>(new() { ["reason"] = "  " }));
        Assert.Equal(new RefundBody(null, PayoutMethod.AlipayTransfer, "ALI-1"), Read<RefundBody>(new() { ["method"] = "alipayTransfer", ["reference"] = "ALI-1" }));
    }

    [Theory]
    [InlineData("postage", "twelve", "postage")]
    [InlineData("freightCollect", "true", null)]
    public void A_number_field_that_is_not_a_number_is_a_validation_error_on_that_field(string field, string value, string? error)
    {
        var form = new Dictionary<string, string> { ["carrier"] = "SF", ["trackingNumber"] = "SF1", [field] = value };
        if (error is null)
        {
            Assert.IsType<RecordReturnShipmentBody>(Read<RecordReturnShipmentBody>(form));
            return;
        }
        var refused = Assert.Throws<ProblemException>(() => Read<RecordReturnShipmentBody>(form));
        Assert.Equal(400, refused.Status);
        Assert.Contains(error, Fields(refused));
    }

    [Fact]
    public void An_enum_the_api_does_not_know_is_refused_naming_the_field()
    {
        var refused = Assert.Throws<ProblemException>(() => Read<RefundBody>(new() { ["amount"] = "10", ["method"] = "cash" }));
        Assert.Contains("method", Fields(refused));
    }

    [Fact]
    public void Every_action_body_can_be_read_from_an_empty_form()
    {
        // Nothing filled in is a body with nothing set (its validator then names what is missing), never a crash.
        foreach (var route in CaseActionRoutes.All)
            Assert.IsType(route.Body, ConsoleForms.Read(_ => null, route.Body, Json));
    }
}
