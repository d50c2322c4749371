using Returns.Web.Features.Cases.Actions;
using static Returns.Web.Tests.Inputs.InputPipeline;

namespace Returns.Web.Tests.Inputs;

/// <summary>
/// The body of every case action (<c>POST /cases/{id}/{action}</c>), in-process: each row's JSON is read with the
/// API's options into <see cref="CaseActionRoutes.BodyOf"/> its action and validated as <see cref="ActOnCase.Command"/>
/// through the app's <c>ValidationBehavior</c>; the field paths asserted are the ones a client reads in <c>errors</c>.
/// No HTTP, no database: that a refused action changes nothing is shown over HTTP by <see cref="ActionInputTests"/>.
/// </summary>
public sealed class ActionBodyTable
{
    /// <summary>A body each action accepts; every row below is one of these with one fault.</summary>
    public static readonly IReadOnlyDictionary<string, string> ValidBodies = new Dictionary<string, string>
    {
        ["approve"] = """{"note": "七天内, 同意退货"}""",
        ["reject"] = """{"reason": "超过七天"}""",
        ["request-evidence"] = """{"message": "请拍一张开线处的照片"}""",
        ["submit-evidence"] = """{}""",
        ["record-return-shipment"] = """{"carrier": "SF", "trackingNumber": "SF1234567890", "postage": 10.00, "freightCollect": false}""",
        ["refuse-parcel"] = """{"reason": "包裹破损"}""",
        ["confirm-receipt"] = """{"items": [{"sku": "DRESS-RED-M", "quantity": 1, "condition": "resaleable"}], "note": "完好"}""",
        ["refund"] = """{"amount": 10.00, "method": "platformRefund", "reference": "RF-1"}""",
        ["refund-postage"] = """{"amount": 12.00, "method": "alipayTransfer", "reference": "2026120122001"}""",
        ["ship-replacement"] = """{"carrier": "SF", "trackingNumber": "SF-987654"}""",
        ["confirm-delivery"] = """{}""",
        ["convert-to-refund"] = """{"reason": "缺货"}""",
        ["assign"] = """{"assignee": "agent.li"}""",
        ["add-note"] = """{"text": "买家来电"}""",
        ["link"] = """{"caseId": "0190a4f0-0000-7000-8000-000000000001"}""",
        ["cancel"] = """{"reason": "买家撤销"}""",
        ["sync-platform-deadlines"] = """{"sellerDecision": "2026-12-20T10:00:00+08:00"}""",
        ["record-payout"] = """{"method": "alipayTransfer", "reference": "ZFB-2026-1", "amount": 20.00}""",
        ["contact-buyer"] = """{"channel": "wangwang", "outcome": "reached", "note": "买家同意修改"}""",
        ["buyer-agreed"] = """{"note": "明天改"}""",
        ["confirm-revised"] = """{"newRating": "good"}""",
        ["post-explanation"] = """{"text": "感谢反馈, 已为您补发"}""",
        ["mark-malicious"] = """{"reason": "以差评要挟退款", "evidence": "聊天记录截图"}""",
        ["file-appeal"] = """{"reference": "AP-2026-1"}""",
        ["appeal-upheld"] = """{}""",
        ["appeal-rejected"] = """{}""",
    };

    public static TheoryData<string> Actions() => new(CaseActionRoutes.All.Select(r => r.Name));

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Every_action_accepts_its_valid_body(string action)
    {
        Assert.True(ValidBodies.TryGetValue(action, out var json), $"Add a valid body for '{action}' to {nameof(ValidBodies)}.");
        var refusal = await Action(action, json);
        Assert.True(refusal is null, $"{action} {json}: {refusal}");
    }

    [Fact]
    public void Every_valid_body_is_of_an_action_in_the_route_table()
    {
        Assert.Empty(ValidBodies.Keys.Except(CaseActionRoutes.All.Select(r => r.Name)));
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public void Every_action_body_with_fields_has_a_validator(string action)
    {
        // ActOnCase.Validator skips a body DI has no validator for: a body with fields must not be one of them.
        var body = CaseActionRoutes.BodyOf(ActionNamed(action));
        var fields = body.GetProperties().Where(p => p.DeclaringType != typeof(CaseActionBody) && p.Name != "EqualityContract").ToList();
        Assert.True(fields.Count == 0 || HasValidator(body), $"{body.Name} has fields ({string.Join(", ", fields.Select(f => f.Name))}) but no validator.");
    }

    [Theory]
    // refund
    [InlineData("refund", """{"amount": 0, "method": "platformRefund", "reference": "RF-0"}""", "amount")]
    [InlineData("refund", """{"amount": -10.00, "method": "platformRefund", "reference": "RF-1"}""", "amount")]
    [InlineData("refund", """{"amount": 10.001, "method": "platformRefund", "reference": "RF-2"}""", "amount")]
    [InlineData("refund", """{"amount": 100000000.00, "method": "platformRefund", "reference": "RF-2"}""", "amount")]
    [InlineData("refund", """{"method": "platformRefund", "reference": "RF-3"}""", "amount")]
    [InlineData("refund", """{"amount": null, "method": "platformRefund", "reference": "RF-3"}""", "amount")]
    [InlineData("refund", """{"amount": 10.00, "reference": "RF-4"}""", "method")]
    [InlineData("refund", """{"amount": 10.00, "method": "alipayTransfer"}""", "reference")]
    [InlineData("refund", """{"amount": 10.00, "method": "alipayTransfer", "reference": null}""", "reference")]
    [InlineData("refund", """{"amount": 10.00, "method": "alipayTransfer", "reference": ""}""", "reference")]
    [InlineData("refund", """{"amount": 10.00, "method": "platformRefund", "reference": "{x*129}"}""", "reference")]
    // confirm-receipt
    [InlineData("confirm-receipt", """{"items": []}""", "items")]
    [InlineData("confirm-receipt", """{}""", "items")]
    [InlineData("confirm-receipt", """{"items": [null]}""", "items[0]")]
    [InlineData("confirm-receipt", """{"items": [{"sku": "DRESS-RED-M", "quantity": 1, "condition": "resaleable"}, null]}""", "items[1]")]
    [InlineData("confirm-receipt", """{"items": [{"sku": "DRESS-RED-M", "quantity": 0, "condition": "resaleable"}]}""", "items[0].quantity")]
    [InlineData("confirm-receipt", """{"items": [{"sku": "DRESS-RED-M", "quantity": -1, "condition": "resaleable"}]}""", "items[0].quantity")]
    [InlineData("confirm-receipt", """{"items": [{"sku": "DRESS-RED-M", "quantity": 10001, "condition": "resaleable"}]}""", "items[0].quantity")]
    [InlineData("confirm-receipt", """{"items": [{"sku": "DRESS-RED-M", "condition": "resaleable"}]}""", "items[0].quantity")]
    [InlineData("confirm-receipt", """{"items": [{"sku": "DRESS-RED-M", "quantity": 1}]}""", "items[0].condition")]
    [InlineData("confirm-receipt", """{"items": [{"sku": "DRESS-RED-M", "quantity": 1, "condition": null}]}""", "items[0].condition")]
    [InlineData("confirm-receipt", """{"items": [{"quantity": 1, "condition": "resaleable"}]}""", "items[0].sku")]
    [InlineData("confirm-receipt", """{"items": [{"sku": " ", "quantity": 1, "condition": "resaleable"}]}""", "items[0].sku")]
    [InlineData("confirm-receipt", """{"items": [{"sku": "{x*65}", "quantity": 1, "condition": "resaleable"}]}""", "items[0].sku")]
    [InlineData("confirm-receipt", """{"items": [{"sku": "DRESS-RED-M", "quantity": 1, "condition": "resaleable"}], "note": "{x*2001}"}""", "note")]
    // record-return-shipment
    [InlineData("record-return-shipment", """{"carrier": "SF", "trackingNumber": "SF-NEG-1", "postage": -5.00, "freightCollect": false}""", "postage")]
    [InlineData("record-return-shipment", """{"carrier": "SF", "trackingNumber": "SF-DEC-1", "postage": 5.005, "freightCollect": false}""", "postage")]
    [InlineData("record-return-shipment", """{"carrier": "SF", "trackingNumber": "SF-DEC-1", "freightCollect": false}""", "postage")]
    [InlineData("record-return-shipment", """{"carrier": "SF", "trackingNumber": "SF 1; DROP", "postage": 0, "freightCollect": false}""", "trackingNumber")]
    [InlineData("record-return-shipment", """{"carrier": "SF", "postage": 0, "freightCollect": false}""", "trackingNumber")]
    [InlineData("record-return-shipment", """{"carrier": "SF", "trackingNumber": "{x*65}", "postage": 0, "freightCollect": false}""", "trackingNumber")]
    [InlineData("record-return-shipment", """{"carrier": " \t ", "trackingNumber": "SF1", "postage": 0, "freightCollect": false}""", "carrier")]
    [InlineData("record-return-shipment", """{"trackingNumber": "SF1", "postage": 0, "freightCollect": false}""", "carrier")]
    [InlineData("record-return-shipment", """{"carrier": "{x*65}", "trackingNumber": "SF1", "postage": 0, "freightCollect": false}""", "carrier")]
    [InlineData("record-return-shipment", """{"carrier": "SF", "trackingNumber": "SF1", "postage": 0}""", "freightCollect")]
    // ship-replacement
    [InlineData("ship-replacement", """{"carrier": "SF", "trackingNumber": "SF 9; DROP"}""", "trackingNumber")]
    [InlineData("ship-replacement", """{"carrier": "SF"}""", "trackingNumber")]
    [InlineData("ship-replacement", """{"trackingNumber": "SF-9"}""", "carrier")]
    // closing and reasons: reject, cancel, refuse-parcel, convert-to-refund, request-evidence, mark-malicious
    [InlineData("reject", """{}""", "reason")]
    [InlineData("reject", """{"reason": "  \t "}""", "reason")]
    [InlineData("reject", """{"reason": ""}""", "reason")]
    [InlineData("reject", """{"reason": "{x*2001}"}""", "reason")]
    [InlineData("cancel", """{}""", "reason")]
    [InlineData("cancel", """{"reason": "  \t "}""", "reason")]
    [InlineData("cancel", """{"reason": "{x*2001}"}""", "reason")]
    [InlineData("refuse-parcel", """{}""", "reason")]
    [InlineData("refuse-parcel", """{"reason": "   "}""", "reason")]
    [InlineData("convert-to-refund", """{}""", "reason")]
    [InlineData("convert-to-refund", """{"reason": "\n"}""", "reason")]
    [InlineData("request-evidence", """{}""", "message")]
    [InlineData("request-evidence", """{"message": " "}""", "message")]
    [InlineData("request-evidence", """{"message": "{x*2001}"}""", "message")]
    [InlineData("mark-malicious", """{"evidence": "截图"}""", "reason")]
    [InlineData("mark-malicious", """{"reason": "勒索", "evidence": "{x*4001}"}""", "evidence")]
    // optional notes are bounded
    [InlineData("approve", """{"note": "{x*2001}"}""", "note")]
    [InlineData("submit-evidence", """{"note": "{x*2001}"}""", "note")]
    [InlineData("buyer-agreed", """{"note": "{x*2001}"}""", "note")]
    // assign, add-note, link
    [InlineData("assign", """{}""", "assignee")]
    [InlineData("assign", """{"assignee": "  "}""", "assignee")]
    [InlineData("assign", """{"assignee": "{x*129}"}""", "assignee")]
    [InlineData("add-note", """{}""", "text")]
    [InlineData("add-note", """{"text": " \t\n "}""", "text")]
    [InlineData("add-note", """{"text": "{x*4001}"}""", "text")]
    [InlineData("link", """{}""", "caseId")]
    [InlineData("link", """{"caseId": null}""", "caseId")]
    [InlineData("link", """{"caseId": "00000000-0000-0000-0000-000000000000"}""", "caseId")]
    // the discount's payout
    [InlineData("record-payout", """{"reference": "ZFB-1", "amount": 20.00}""", "method")]
    [InlineData("record-payout", """{"method": "alipayTransfer", "amount": 20.00}""", "reference")]
    [InlineData("record-payout", """{"method": "alipayTransfer", "reference": " ", "amount": 20.00}""", "reference")]
    [InlineData("record-payout", """{"method": "alipayTransfer", "reference": "{x*129}", "amount": 20.00}""", "reference")]
    [InlineData("record-payout", """{"method": "alipayTransfer", "reference": "ZFB-1", "amount": 0}""", "amount")]
    [InlineData("record-payout", """{"method": "alipayTransfer", "reference": "ZFB-1", "amount": 20.005}""", "amount")]
    // the bad review's actions
    [InlineData("contact-buyer", """{"outcome": "reached"}""", "channel")]
    [InlineData("contact-buyer", """{"channel": "phone"}""", "outcome")]
    [InlineData("contact-buyer", """{"channel": "phone", "outcome": "noAnswer", "note": "{x*2001}"}""", "note")]
    [InlineData("confirm-revised", """{}""", "newRating")]
    [InlineData("post-explanation", """{}""", "text")]
    [InlineData("post-explanation", """{"text": "{x*501}"}""", "text")]
    [InlineData("file-appeal", """{"reference": ""}""", "reference")]
    [InlineData("file-appeal", """{"reference": "{x*129}"}""", "reference")]
    public async Task An_action_body_is_refused_naming_the_field(string action, string json, string fields)
    {
        AssertRefusedByValidator(await Action(action, Expand(json)), fields, $"{action} {json}");
    }

    [Theory]
    [InlineData("refund", """{"amount": "ten", "method": "platformRefund"}""", "amount")]
    [InlineData("refund", """{"amount": "10.00", "method": "platformRefund"}""", "amount")]
    [InlineData("refund", """{"amount": 1e400, "method": "platformRefund"}""", "amount")]
    [InlineData("refund", """{"amount": 10.00, "method": "cash"}""", "method")]
    [InlineData("refund", """{"amount": 10.00, "method": "wechatPay"}""", "method")]
    [InlineData("refund", """{"amount": 10.00, "method": 0}""", "method")]
    [InlineData("refund", """{"amount": 10.00, "method": "PlatformRefund"}""", "method")]
    [InlineData("confirm-receipt", """{"items": [{"sku": "DRESS-RED-M", "quantity": 1, "condition": "broken"}]}""", "items[0].condition")]
    [InlineData("confirm-receipt", """{"items": [{"sku": "DRESS-RED-M", "quantity": 1, "condition": "2"}]}""", "items[0].condition")]
    [InlineData("confirm-receipt", """{"items": [{"sku": "DRESS-RED-M", "quantity": 1, "condition": 1}]}""", "items[0].condition")]
    [InlineData("confirm-receipt", """{"items": [{"sku": "DRESS-RED-M", "quantity": 1, "condition": "used,damaged"}]}""", "items[0].condition")]
    [InlineData("confirm-receipt", """{"items": [{"sku": "DRESS-RED-M", "quantity": 1, "condition": "resaleable, damaged"}]}""", "items[0].condition")]
    [InlineData("confirm-receipt", """{"items": [{"sku": "DRESS-RED-M", "quantity": 1.5, "condition": "resaleable"}]}""", "items[0].quantity")]
    [InlineData("confirm-receipt", """{"items": {"sku": "DRESS-RED-M"}}""", "items")]
    [InlineData("record-return-shipment", """{"carrier": "SF", "trackingNumber": "SF1", "postage": 0, "freightCollect": "no"}""", "freightCollect")]
    [InlineData("link", """{"caseId": "not-a-guid"}""", "caseId")]
    [InlineData("link", """{"caseId": 42}""", "caseId")]
    [InlineData("contact-buyer", """{"channel": "email", "outcome": "reached"}""", "channel")]
    [InlineData("confirm-revised", """{"newRating": "excellent"}""", "newRating")]
    [InlineData("add-note", """{"text": ["买家来电"]}""", "text")]
    [InlineData("add-note", """{"text": "before \u0000 after"}""", "text")]
    public async Task An_action_body_that_cannot_bind_is_refused_naming_the_field(string action, string json, string field)
    {
        AssertUnreadableAt(await Action(action, json), field, $"{action} {json}");
    }

    [Theory]
    [InlineData("add-note", """{"text": "买家来电", "urgent": true}""", "urgent")]
    [InlineData("refund", """{"amount": 10.00, "method": "platformRefund", "currency": "CNY"}""", "currency")]
    [InlineData("confirm-delivery", """{"deliveredAt": "2026-11-20T02:00:00Z"}""", "deliveredAt")]
    [InlineData("approve", """{"note": "ok", "reason": "x"}""", "reason")]
    public async Task An_unknown_member_of_an_action_body_is_refused_by_its_name(string action, string json, string field)
    {
        var refusal = await Action(action, json);
        AssertRefusedWhileReading(refusal, json);
        Assert.Equal([field], refusal.Errors.Keys);
        Assert.Equal(["Unknown field."], refusal.Errors[field]);
    }

    [Theory]
    [InlineData("""{"text": "买家来电" """)]
    [InlineData("""{"text": "买家来电"}}""")]
    [InlineData("""{"text": "买家来电",}""")]
    [InlineData("""{'text': 'x'}""")]
    [InlineData("""[{"text": "买家来电"}]""")]
    [InlineData("""not json""")]
    public async Task An_action_body_that_is_not_one_json_object_is_refused_as_malformed(string json)
    {
        var refusal = await Action("add-note", json);
        AssertRefusedWhileReading(refusal, json);
        Assert.Equal("Malformed request", refusal.Title);
        Assert.Empty(refusal.Errors);
    }
}
