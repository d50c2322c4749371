using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests;

/// <summary>
/// What a client may get wrong, over real HTTP on each database (docs/design.md §3): every refusal is RFC 9457
/// problem+json with its code, nothing a client sends produces a 500, and a refused request changes nothing.
/// </summary>
public abstract class BadInputApiTests(ReturnsApp app)
{
    private const string Script = "<script>alert(1)</script>";
    private const string Sql = "'; DROP TABLE \"Cases\"; --";

    protected Api Agent
    {
        get
        {
            Skip.If(app.Unavailable is not null, app.Unavailable);
            return app.Client("agent.zhang", "agent");
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    /// <summary>The contract of every refusal: status, problem+json, <c>code</c>, <c>type</c> /problems/{code}.</summary>
    private static void AssertProblem(Reply reply, HttpStatusCode status, string code)
    {
        Assert.True(reply.Status == status, $"Expected {(int)status} {code}, got {reply}");
        Assert.Equal("application/problem+json", reply.ContentType);
        Assert.Equal(code, reply.Code);
        Assert.Equal($"/problems/{code}", reply.Body!["type"]?.GetValue<string>());
        Assert.Equal((int)status, reply.Body["status"]?.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(reply.Body["title"]?.GetValue<string>()), reply.ToString());
    }

    /// <summary>Any client error: 4xx problem+json whose type matches its code; never a 500.</summary>
    private static void AssertClientError(Reply reply)
    {
        Assert.True((int)reply.Status is >= 400 and < 500, $"Expected a 4xx problem, got {reply}");
        Assert.Equal("application/problem+json", reply.ContentType);
        Assert.NotNull(reply.Code);
        Assert.Equal($"/problems/{reply.Code}", reply.Body!["type"]?.GetValue<string>());
        Assert.Equal((int)reply.Status, reply.Body["status"]?.GetValue<int>());
    }

    private static void AssertValidation(Reply reply, string field)
    {
        AssertProblem(reply, HttpStatusCode.BadRequest, "validation-failed");
        var errors = reply.Body!["errors"]?.AsObject();
        Assert.True(errors is not null && errors.ContainsKey(field), $"Expected an error for '{field}', got {reply}");
    }

    private static async Task<Guid> Created(Task<Reply> create)
    {
        var reply = await create;
        Assert.True(reply.Status == HttpStatusCode.Created, reply.ToString());
        return reply.Id;
    }

    private static async Task Ok(Task<Reply> action)
    {
        var reply = await action;
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
    }

    /// <summary>The newest case's id (null when there is none): a refused create must not change it.</summary>
    private static async Task<string?> NewestCase(Api api)
    {
        var page = await api.Get("cases?limit=1");
        Assert.True(page.Status == HttpStatusCode.OK, page.ToString());
        return page.Body!["items"]!.AsArray().FirstOrDefault()?["id"]?.GetValue<string>();
    }

    /// <summary>Sends a create the service must refuse, and shows that no case came of it.</summary>
    private static async Task<Reply> RefusedCreate(Api api, Func<Task<Reply>> send, string? orderNumber = null)
    {
        var newest = await NewestCase(api);
        var reply = await send();
        Assert.NotEqual(HttpStatusCode.Created, reply.Status);
        Assert.Equal(newest, await NewestCase(api));
        if (orderNumber is not null)
            Assert.Empty((await api.Get($"cases?orderNumber={Uri.EscapeDataString(orderNumber)}")).Body!["items"]!.AsArray());
        return reply;
    }

    /// <summary>A case body with <paramref name="change"/> applied, refused: nothing is created for its order.</summary>
    private static Task<Reply> RefusedCreate(Api api, Action<JsonObject> change, string type = "return")
    {
        var body = Bodies.Case(type: type, reason: "nonQuality.changedMind");
        var orderNumber = body["order"]!["orderNumber"]!.GetValue<string>();
        change(body);
        return RefusedCreate(api, () => api.Create(body), orderNumber);
    }

    private static Task<Reply> RefusedCreate(Api api, string rawBody, string contentType = "application/json") =>
        RefusedCreate(api, () => api.Post("cases", rawBody, contentType: contentType));

    /// <summary>Everything a client can see of a case: the resource and its timeline.</summary>
    private sealed record CaseState(int Version, int TimelineLength, string Json);

    private static async Task<CaseState> State(Api api, Guid id)
    {
        var @case = await api.Case(id);
        Assert.True(@case.Status == HttpStatusCode.OK, @case.ToString());
        var timeline = await api.Timeline(id);
        return new CaseState(@case.Version, timeline.Count, @case.Body!.ToJsonString() + timeline.ToJsonString());
    }

    /// <summary>Sends an action the service must refuse and shows the case is exactly as before.</summary>
    private async Task<Reply> RefusedAction(Guid id, Func<Task<Reply>> send)
    {
        var before = await State(Agent, id);
        var reply = await send();
        Assert.NotEqual(HttpStatusCode.OK, reply.Status);
        var after = await State(Agent, id);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.TimelineLength, after.TimelineLength);
        Assert.Equal(before.Json, after.Json);
        return reply;
    }

    private Task<Reply> RefusedAction(Guid id, string action, object body, string? ifMatch = null) =>
        RefusedAction(id, () => Agent.Act(id, action, body, ifMatch));

    private Task<Reply> RefusedAction(Guid id, string action, string rawBody) =>
        RefusedAction(id, () => Agent.Post($"cases/{id}/{action}", rawBody));

    private async Task<Guid> NewCase(string reason = "nonQuality.changedMind") =>
        await Created(Agent.Create(Bodies.Case(reason: reason)));

    private async Task<Guid> CaseAwaitingShipment()
    {
        var id = await NewCase();
        await Ok(Agent.Act(id, "approve"));
        return id;
    }

    private async Task<Guid> CaseInTransit()
    {
        var id = await CaseAwaitingShipment();
        await Ok(Agent.Act(id, "record-return-shipment",
            new { carrier = "SF", trackingNumber = "SF" + id.ToString("N")[..10], postage = 10.00m, freightCollect = false }));
        return id;
    }

    private async Task<Guid> CaseAwaitingRefund()
    {
        var id = await CaseInTransit();
        await Ok(Agent.Act(id, "confirm-receipt", new { items = new[] { new { sku = "DRESS-RED-M", quantity = 1, condition = "resaleable" } } }));
        return id;
    }

    private static HttpRequestMessage Multipart(Guid id, string contentType, byte[] body) =>
        new(HttpMethod.Post, $"/api/v1/cases/{id}/evidence")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = MediaTypeHeaderValue.Parse(contentType) } },
        };

    // ---- POST /cases: the body -----------------------------------------------------------------

    [SkippableTheory]
    [InlineData("{\"type\": \"return\", \"shop\": ")]
    [InlineData("{type: return}")]
    [InlineData("{'type': 'return'}")]
    [InlineData("not json at all")]
    [InlineData("{\"type\": \"return\"}}")]
    [InlineData("{\"type\": \"return\",}")]
    public async Task Malformed_json_is_refused(string body)
    {
        var reply = await RefusedCreate(Agent, body);
        AssertProblem(reply, HttpStatusCode.BadRequest, "validation-failed");
    }

    [SkippableFact]
    public async Task Empty_body_is_refused()
    {
        var reply = await RefusedCreate(Agent, "");
        AssertProblem(reply, HttpStatusCode.BadRequest, "validation-failed");
    }

    [SkippableFact]
    public async Task Json_null_body_is_refused()
    {
        var reply = await RefusedCreate(Agent, "null");
        AssertProblem(reply, HttpStatusCode.BadRequest, "validation-failed");
    }

    [SkippableFact]
    public async Task Json_array_instead_of_an_object_is_refused()
    {
        var api = Agent;
        var body = Bodies.Case(reason: "nonQuality.changedMind");
        var reply = await RefusedCreate(api, new JsonArray(body).ToJsonString());
        AssertProblem(reply, HttpStatusCode.BadRequest, "validation-failed");
    }

    [SkippableTheory]
    [InlineData("refund")]
    [InlineData("exchanged")]
    [InlineData("")]
    [InlineData("1")]
    public async Task Unknown_case_type_is_refused(string type)
    {
        var reply = await RefusedCreate(Agent, b => b["type"] = type);
        AssertValidation(reply, "type");
    }

    [SkippableTheory]
    [InlineData("Return")]
    [InlineData("RETURN")]
    [InlineData("return ")]
    public async Task Case_type_is_read_only_by_its_exact_contract_name(string type)
    {
        var reply = await RefusedCreate(Agent, b => b["type"] = type);
        AssertValidation(reply, "type");
    }

    [SkippableTheory]
    [InlineData("type", "return,exchange")]
    [InlineData("type", "exchange, return")]
    [InlineData("priority", "low,high")]
    public async Task Comma_combined_enum_values_are_refused_not_merged(string field, string value)
    {
        // An exchange body: were "return,exchange" read as flags it would pass as a valid exchange.
        var reply = await RefusedCreate(Agent, b => b[field] = value, type: "exchange");
        AssertValidation(reply, field);
    }

    [SkippableTheory]
    [InlineData("critical")]
    [InlineData("URGENT!")]
    public async Task Unknown_priority_is_refused(string priority)
    {
        var reply = await RefusedCreate(Agent, b => b["priority"] = priority);
        AssertValidation(reply, "priority");
    }

    [SkippableTheory]
    [InlineData("type", 0)]
    [InlineData("type", 1)]
    [InlineData("priority", 2)]
    public async Task Enum_given_as_a_number_is_refused(string field, int value)
    {
        var reply = await RefusedCreate(Agent, b => b[field] = value);
        AssertValidation(reply, field);
    }

    [SkippableTheory]
    [InlineData("type")]
    [InlineData("shop")]
    [InlineData("order")]
    [InlineData("buyer")]
    [InlineData("reason")]
    [InlineData("items")]
    public async Task Missing_field_is_refused_with_its_name(string field)
    {
        var reply = await RefusedCreate(Agent, b => b.Remove(field));
        AssertValidation(reply, field);
    }

    [SkippableTheory]
    [InlineData("order", "orderNumber", "order.orderNumber")]
    [InlineData("order", "paidAt", "order.paidAt")]
    [InlineData("order", "items", "order.items")]
    [InlineData("buyer", "nickname", "buyer.nickname")]
    public async Task Missing_nested_field_is_refused_with_its_path(string parent, string field, string path)
    {
        var reply = await RefusedCreate(Agent, b => b[parent]!.AsObject().Remove(field));
        AssertValidation(reply, path);
    }

    [SkippableTheory]
    [InlineData("type")]
    [InlineData("shop")]
    [InlineData("reason")]
    [InlineData("items")]
    public async Task Null_for_a_required_field_is_refused_with_its_name(string field)
    {
        var reply = await RefusedCreate(Agent, b => b[field] = null);
        AssertValidation(reply, field);
    }

    [SkippableTheory]
    [InlineData("shop")]
    [InlineData("reason")]
    public async Task Blank_text_for_a_required_field_is_refused(string field)
    {
        var reply = await RefusedCreate(Agent, b => b[field] = "   ");
        AssertValidation(reply, field);
    }

    [SkippableFact]
    public async Task Empty_item_list_is_refused()
    {
        var reply = await RefusedCreate(Agent, b => b["items"] = new JsonArray());
        AssertValidation(reply, "items");
    }

    [SkippableTheory]
    [InlineData("quality.broken")]
    [InlineData("changedMind")]
    [InlineData("QUALITY.DEFECTIVE")]
    public async Task Unknown_reason_code_is_refused(string reason)
    {
        var reply = await RefusedCreate(Agent, b => b["reason"] = reason);
        AssertValidation(reply, "reason");
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public async Task Item_quantity_of_zero_or_less_is_refused(int quantity)
    {
        var reply = await RefusedCreate(Agent, b => b["items"]![0]!["quantity"] = quantity);
        AssertValidation(reply, "items[0].quantity");
    }

    [SkippableFact]
    public async Task Item_quantity_above_the_ordered_quantity_is_refused()
    {
        // The order has 2 × DRESS-RED-M.
        var reply = await RefusedCreate(Agent, b => b["items"]![0]!["quantity"] = 3);
        AssertValidation(reply, "items[0].quantity");
    }

    [SkippableFact]
    public async Task Sku_not_on_the_order_is_refused()
    {
        var reply = await RefusedCreate(Agent, b => b["items"]![0]!["sku"] = "HAT-BLUE");
        AssertValidation(reply, "items[0].sku");
    }

    [SkippableFact]
    public async Task Second_item_with_a_sku_not_on_the_order_is_refused_at_its_index()
    {
        var reply = await RefusedCreate(Agent, b => b["items"]!.AsArray().Add(new JsonObject { ["sku"] = "HAT-BLUE", ["quantity"] = 1 }));
        AssertValidation(reply, "items[1].sku");
    }

    [SkippableFact]
    public async Task Same_sku_twice_is_refused()
    {
        var reply = await RefusedCreate(Agent, b => b["items"]!.AsArray().Add(new JsonObject { ["sku"] = "DRESS-RED-M", ["quantity"] = 1 }));
        AssertValidation(reply, "items");
    }

    [SkippableFact]
    public async Task Null_item_is_refused_at_its_index()
    {
        var reply = await RefusedCreate(Agent, b => b["items"]!.AsArray().Add(null));
        AssertValidation(reply, "items[1]");
    }

    [SkippableFact]
    public async Task Null_order_line_is_refused_at_its_index()
    {
        var reply = await RefusedCreate(Agent, b => b["order"]!["items"]!.AsArray().Add(null));
        AssertValidation(reply, "order.items[2]");
    }

    [SkippableFact]
    public async Task Null_exchange_item_is_refused_at_its_index()
    {
        var reply = await RefusedCreate(Agent, b => b["exchangeFor"]!.AsArray().Add(null), type: "exchange");
        AssertValidation(reply, "exchangeFor[1]");
    }

    [SkippableFact]
    public async Task Order_line_with_a_zero_quantity_is_refused()
    {
        var reply = await RefusedCreate(Agent, b => b["order"]!["items"]![1]!["quantity"] = 0);
        AssertValidation(reply, "order.items[1].quantity");
    }

    [SkippableFact]
    public async Task Negative_unit_price_is_refused()
    {
        var reply = await RefusedCreate(Agent, b => b["order"]!["items"]![0]!["unitPrice"] = -199.00m);
        AssertValidation(reply, "order.items[0].unitPrice");
    }

    [SkippableFact]
    public async Task Unit_price_with_three_decimals_is_refused()
    {
        var reply = await RefusedCreate(Agent, b => b["order"]!["items"]![0]!["unitPrice"] = 10.001m);
        AssertValidation(reply, "order.items[0].unitPrice");
    }

    [SkippableTheory]
    [InlineData("-8.00")]
    [InlineData("8.001")]
    public async Task Shipping_fee_that_is_negative_or_finer_than_a_fen_is_refused(string fee)
    {
        var reply = await RefusedCreate(Agent, b => b["order"]!["shippingFee"] = decimal.Parse(fee, System.Globalization.CultureInfo.InvariantCulture));
        AssertValidation(reply, "order.shippingFee");
    }

    [SkippableFact]
    public async Task Payment_in_the_future_is_refused()
    {
        var reply = await RefusedCreate(Agent, b =>
        {
            b["order"]!["paidAt"] = ReturnsApp.Start.AddDays(1).ToString("O");
            b["order"]!["deliveredAt"] = null;
        });
        AssertValidation(reply, "order.paidAt");
    }

    [SkippableFact]
    public async Task Delivery_before_payment_is_refused()
    {
        var reply = await RefusedCreate(Agent, b => b["order"]!["deliveredAt"] = ReturnsApp.Start.AddDays(-30).ToString("O"));
        AssertValidation(reply, "order.deliveredAt");
    }

    [SkippableFact]
    public async Task Date_that_is_not_a_date_is_refused()
    {
        var reply = await RefusedCreate(Agent, b => b["order"]!["paidAt"] = "yesterday");
        AssertValidation(reply, "order.paidAt");
    }

    [SkippableFact]
    public async Task Exchange_without_exchange_for_is_refused()
    {
        var reply = await RefusedCreate(Agent, b => b.Remove("exchangeFor"), type: "exchange");
        AssertValidation(reply, "exchangeFor");
    }

    [SkippableFact]
    public async Task Return_with_exchange_for_is_refused()
    {
        var reply = await RefusedCreate(Agent, b =>
            b["exchangeFor"] = new JsonArray { new JsonObject { ["sku"] = "DRESS-RED-L", ["quantity"] = 1 } });
        AssertValidation(reply, "exchangeFor");
    }

    [SkippableFact]
    public async Task Exchange_for_zero_units_is_refused()
    {
        var reply = await RefusedCreate(Agent, b => b["exchangeFor"]![0]!["quantity"] = 0, type: "exchange");
        AssertValidation(reply, "exchangeFor[0].quantity");
    }

    [SkippableFact]
    public async Task Unknown_field_is_refused_by_name()
    {
        var reply = await RefusedCreate(Agent, b => b["colour"] = "red");
        AssertValidation(reply, "colour");
    }

    [SkippableFact]
    public async Task Unknown_nested_field_is_refused()
    {
        var reply = await RefusedCreate(Agent, b => b["buyer"]!["email"] = "wang@example.com");
        AssertProblem(reply, HttpStatusCode.BadRequest, "validation-failed");
        Assert.Contains("email", reply.Body!["errors"]!.ToJsonString());
    }

    [SkippableTheory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Body_that_is_not_json_is_415(string contentType)
    {
        var api = Agent;
        var body = Bodies.Case(reason: "nonQuality.changedMind");
        var reply = await RefusedCreate(api, body.ToJsonString(), contentType);
        AssertProblem(reply, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [SkippableFact]
    public async Task String_where_a_number_is_expected_is_refused()
    {
        var reply = await RefusedCreate(Agent, b => b["items"]![0]!["quantity"] = "two");
        AssertValidation(reply, "items[0].quantity");
    }

    [SkippableFact]
    public async Task Fractional_quantity_is_refused()
    {
        var reply = await RefusedCreate(Agent, b => b["items"]![0]!["quantity"] = 1.5m);
        AssertValidation(reply, "items[0].quantity");
    }

    [SkippableFact]
    public async Task Object_where_text_is_expected_is_refused()
    {
        var reply = await RefusedCreate(Agent, b => b["shop"] = new JsonObject { ["code"] = "demo-shop" });
        AssertValidation(reply, "shop");
    }

    [SkippableFact]
    public async Task Shop_code_with_spaces_is_refused()
    {
        var reply = await RefusedCreate(Agent, b => b["shop"] = "demo shop");
        AssertValidation(reply, "shop");
    }

    [SkippableFact]
    public async Task Currency_that_is_not_an_iso_code_is_refused()
    {
        var reply = await RefusedCreate(Agent, b => b["currency"] = "rmb");
        AssertValidation(reply, "currency");
    }

    [SkippableFact]
    public async Task Description_longer_than_2000_characters_is_refused()
    {
        var reply = await RefusedCreate(Agent, b => b["description"] = new string('很', 2001));
        AssertValidation(reply, "description");
    }

    // ---- actions on an existing case -----------------------------------------------------------

    [SkippableFact]
    public async Task Refund_of_zero_is_refused()
    {
        var id = await CaseAwaitingRefund();
        var reply = await RefusedAction(id, "refund", new { amount = 0m, method = "platformRefund", reference = "RF-0" });
        AssertValidation(reply, "amount");
    }

    [SkippableFact]
    public async Task Negative_refund_is_refused()
    {
        var id = await CaseAwaitingRefund();
        var reply = await RefusedAction(id, "refund", new { amount = -10.00m, method = "platformRefund", reference = "RF-1" });
        AssertValidation(reply, "amount");
    }

    [SkippableFact]
    public async Task Refund_with_three_decimals_is_refused()
    {
        var id = await CaseAwaitingRefund();
        var reply = await RefusedAction(id, "refund", new { amount = 10.001m, method = "platformRefund", reference = "RF-2" });
        AssertValidation(reply, "amount");
    }

    [SkippableFact]
    public async Task Refund_without_an_amount_is_refused()
    {
        var id = await CaseAwaitingRefund();
        var reply = await RefusedAction(id, "refund", new { method = "platformRefund", reference = "RF-3" });
        AssertValidation(reply, "amount");
    }

    [SkippableFact]
    public async Task Refund_without_a_method_is_refused()
    {
        var id = await CaseAwaitingRefund();
        var reply = await RefusedAction(id, "refund", new { amount = 10.00m, reference = "RF-4" });
        AssertValidation(reply, "method");
    }

    [SkippableTheory]
    [InlineData("\"cash\"")]
    [InlineData("\"wechatPay\"")]
    [InlineData("0")]
    public async Task Refund_with_an_unknown_method_is_refused(string method)
    {
        var id = await CaseAwaitingRefund();
        var reply = await RefusedAction(id, "refund", $$"""{"amount": 10.00, "method": {{method}}, "reference": "RF-5"}""");
        AssertValidation(reply, "method");
    }

    [SkippableTheory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Alipay_refund_without_a_reference_is_refused(string? reference)
    {
        var id = await CaseAwaitingRefund();
        var reply = await RefusedAction(id, "refund", new { amount = 10.00m, method = "alipayTransfer", reference });
        AssertValidation(reply, "reference");
    }

    [SkippableFact]
    public async Task Confirm_receipt_without_items_is_refused()
    {
        var id = await CaseInTransit();
        var reply = await RefusedAction(id, "confirm-receipt", new { items = Array.Empty<object>() });
        AssertValidation(reply, "items");
    }

    [SkippableFact]
    public async Task Confirm_receipt_with_a_null_item_is_refused_at_its_index()
    {
        var id = await CaseInTransit();
        var reply = await RefusedAction(id, "confirm-receipt", "{\"items\": [null]}");
        AssertValidation(reply, "items[0]");
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Confirm_receipt_of_zero_or_fewer_units_is_refused(int quantity)
    {
        var id = await CaseInTransit();
        var reply = await RefusedAction(id, "confirm-receipt", new { items = new[] { new { sku = "DRESS-RED-M", quantity, condition = "resaleable" } } });
        AssertValidation(reply, "items[0].quantity");
    }

    [SkippableTheory]
    [InlineData("\"broken\"")]
    [InlineData("\"2\"")]
    [InlineData("1")]
    public async Task Confirm_receipt_with_an_unknown_condition_is_refused(string condition)
    {
        var id = await CaseInTransit();
        var reply = await RefusedAction(id, "confirm-receipt",
            $$"""{"items": [{"sku": "DRESS-RED-M", "quantity": 1, "condition": {{condition}}}]}""");
        AssertValidation(reply, "items[0].condition");
    }

    [SkippableTheory]
    [InlineData("used,damaged")]
    [InlineData("resaleable, damaged")]
    public async Task Confirm_receipt_with_combined_conditions_is_refused_not_merged(string condition)
    {
        var id = await CaseInTransit();
        var reply = await RefusedAction(id, "confirm-receipt", new { items = new[] { new { sku = "DRESS-RED-M", quantity = 1, condition } } });
        AssertValidation(reply, "items[0].condition");
    }

    [SkippableFact]
    public async Task Confirm_receipt_without_a_condition_is_refused()
    {
        var id = await CaseInTransit();
        var reply = await RefusedAction(id, "confirm-receipt", new { items = new[] { new { sku = "DRESS-RED-M", quantity = 1 } } });
        AssertValidation(reply, "items[0].condition");
    }

    [SkippableFact]
    public async Task Negative_return_postage_is_refused()
    {
        var id = await CaseAwaitingShipment();
        var reply = await RefusedAction(id, "record-return-shipment",
            new { carrier = "SF", trackingNumber = "SF-NEG-1", postage = -5.00m, freightCollect = false });
        AssertValidation(reply, "postage");
    }

    [SkippableFact]
    public async Task Return_postage_with_three_decimals_is_refused()
    {
        var id = await CaseAwaitingShipment();
        var reply = await RefusedAction(id, "record-return-shipment",
            new { carrier = "SF", trackingNumber = "SF-DEC-1", postage = 5.005m, freightCollect = false });
        AssertValidation(reply, "postage");
    }

    [SkippableFact]
    public async Task Freight_collect_return_shipment_is_refused_by_policy()
    {
        var id = await CaseAwaitingShipment();
        var reply = await RefusedAction(id, "record-return-shipment",
            new { carrier = "SF", trackingNumber = "SF-FC-1", postage = 0m, freightCollect = true });
        AssertProblem(reply, HttpStatusCode.UnprocessableEntity, "freight-collect-refused");
    }

    [SkippableFact]
    public async Task Tracking_number_with_symbols_is_refused()
    {
        var id = await CaseAwaitingShipment();
        var reply = await RefusedAction(id, "record-return-shipment",
            new { carrier = "SF", trackingNumber = "SF 1; DROP", postage = 0m, freightCollect = false });
        AssertValidation(reply, "trackingNumber");
    }

    [SkippableTheory]
    [InlineData("reject")]
    [InlineData("cancel")]
    public async Task Closing_a_case_without_a_reason_is_refused(string action)
    {
        var id = await NewCase();
        var reply = await RefusedAction(id, action, new { });
        AssertValidation(reply, "reason");
    }

    [SkippableTheory]
    [InlineData("reject")]
    [InlineData("cancel")]
    public async Task Closing_a_case_with_a_blank_reason_is_refused(string action)
    {
        var id = await NewCase();
        var reply = await RefusedAction(id, action, new { reason = "  \t " });
        AssertValidation(reply, "reason");
    }

    [SkippableFact]
    public async Task Action_body_with_an_unknown_field_is_refused()
    {
        var id = await NewCase();
        var reply = await RefusedAction(id, "add-note", new { text = "买家来电", urgent = true });
        AssertValidation(reply, "urgent");
    }

    [SkippableFact]
    public async Task Action_with_malformed_json_is_refused()
    {
        var id = await NewCase();
        var reply = await RefusedAction(id, "add-note", "{\"text\": \"买家来电\"");
        AssertProblem(reply, HttpStatusCode.BadRequest, "validation-failed");
    }

    [SkippableFact]
    public async Task Action_sent_as_plain_text_is_415()
    {
        var id = await NewCase();
        var reply = await RefusedAction(id, () => Agent.Post($"cases/{id}/add-note", "{\"text\": \"x\"}", contentType: "text/plain"));
        AssertProblem(reply, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [SkippableTheory]
    [InlineData("abc")]
    [InlineData("1")]
    [InlineData("\"abc\"")]
    [InlineData("\"1")]
    [InlineData("\"99999999999\"")]
    public async Task Malformed_if_match_is_refused(string ifMatch)
    {
        var id = await NewCase();
        var reply = await RefusedAction(id, "add-note", new { text = "买家来电" }, ifMatch);
        AssertValidation(reply, "If-Match");
    }

    [SkippableFact]
    public async Task Action_on_an_unknown_case_is_404()
    {
        var reply = await Agent.Act(Guid.NewGuid(), "add-note", new { text = "买家来电" });
        AssertProblem(reply, HttpStatusCode.NotFound, "not-found");
    }

    [SkippableFact]
    public async Task Unknown_case_is_404_for_its_resource_and_timeline()
    {
        var id = Guid.NewGuid();
        AssertProblem(await Agent.Case(id), HttpStatusCode.NotFound, "not-found");
        AssertProblem(await Agent.Get($"cases/{id}/timeline"), HttpStatusCode.NotFound, "not-found");
    }

    [SkippableTheory]
    [InlineData("fly")]
    [InlineData("expire")]
    [InlineData("create")]
    [InlineData("add-evidence")]
    [InlineData("approve-all")]
    public async Task Unknown_action_is_404_problem(string action)
    {
        var id = await NewCase();
        var reply = await RefusedAction(id, action, new { });
        AssertProblem(reply, HttpStatusCode.NotFound, "not-found");
    }

    [SkippableTheory]
    [InlineData("POST", "cases/not-a-guid/approve")]
    [InlineData("POST", "cases/12345/add-note")]
    [InlineData("POST", "cases/not-a-guid/evidence")]
    [InlineData("GET", "cases/not-a-guid/timeline")]
    [InlineData("GET", "cases/not-a-guid")]
    public async Task Malformed_case_id_in_the_path_is_404(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), "/api/v1/" + path);
        if (path.EndsWith("/evidence", StringComparison.Ordinal))
            request.Content = new MultipartFormDataContent { { new ByteArrayContent(Api.Jpeg), "file", "photo.jpg" } };
        else if (method == "POST")
            request.Content = new StringContent("{\"text\": \"x\"}", Encoding.UTF8, "application/json");
        AssertProblem(await Agent.Send(request), HttpStatusCode.NotFound, "not-found");
    }

    [SkippableTheory]
    [InlineData("nonsense")]
    [InlineData("rk_00000000_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("'; DROP TABLE \"ApiKeys\"; --")]
    public async Task Request_with_an_invalid_api_key_is_401_and_changes_nothing(string key)
    {
        var id = await NewCase();
        var reply = await RefusedAction(id, () => app.WithKey(key).Act(id, "cancel", new { reason = "买家撤销" }));
        AssertProblem(reply, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [SkippableFact]
    public async Task Actor_headers_no_longer_choose_who_acts()
    {
        var id = await NewCase();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{id}/add-note")
        {
            Content = new StringContent("{\"text\":\"x\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Actor", "boss");
        request.Headers.Add("X-Actor-Role", "supervisor");
        Assert.Equal(HttpStatusCode.OK, (await Agent.Send(request)).Status);
        var entry = (await Agent.Timeline(id))[^1]!;
        Assert.NotEqual("boss", entry["actor"]!.GetValue<string>());
        Assert.Equal("agent", entry["actorRole"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Action_not_allowed_in_the_state_is_409_with_the_allowed_actions()
    {
        var id = await NewCase();
        var reply = await RefusedAction(id, "confirm-receipt", new { items = new[] { new { sku = "DRESS-RED-M", quantity = 1, condition = "resaleable" } } });
        AssertProblem(reply, HttpStatusCode.Conflict, "invalid-transition");
        var allowed = reply.Body!["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.Contains("approve", allowed);
        Assert.DoesNotContain("confirm-receipt", allowed);
    }

    [SkippableFact]
    public async Task Action_on_a_closed_case_is_409_with_no_allowed_actions()
    {
        var id = await NewCase();
        await Ok(Agent.Act(id, "cancel", new { reason = "买家撤销" }));
        var reply = await RefusedAction(id, "approve", new { });
        AssertProblem(reply, HttpStatusCode.Conflict, "invalid-transition");
        Assert.Empty(reply.Body!["allowedActions"]!.AsArray());
    }

    [SkippableFact]
    public async Task Policy_refusal_is_422_with_its_code()
    {
        var id = await NewCase(reason: "quality.defective");
        var reply = await RefusedAction(id, "approve", new { });
        AssertProblem(reply, HttpStatusCode.UnprocessableEntity, "evidence-required");
    }

    [SkippableFact]
    public async Task Refund_above_what_is_due_is_422_and_changes_nothing()
    {
        var id = await CaseAwaitingRefund();
        var reply = await RefusedAction(id, "refund", new { amount = 99_999.00m, method = "platformRefund", reference = "RF-9" });
        AssertProblem(reply, HttpStatusCode.UnprocessableEntity, "refund-exceeds-due");
    }

    // ---- GET /cases: filters -------------------------------------------------------------------

    [SkippableTheory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=abc", null)]
    [InlineData("limit=99999999999", null)]
    [InlineData("limit=1.5", null)]
    [InlineData("status=bogus", "status")]
    [InlineData("status=submitted,bogus", "status")]
    [InlineData("status=Submitted", "status")]
    [InlineData("type=bogus", "type")]
    [InlineData("type=0", "type")]
    [InlineData("cursor=garbage", "cursor")]
    [InlineData("cursor=eyJ4IjoxfQ", "cursor")]
    [InlineData("cursor=eyJiZWZvcmUiOiJ4In0", "cursor")]
    [InlineData("cursor=%25%25%25", "cursor")]
    public async Task List_with_a_bad_filter_is_refused(string query, string? field)
    {
        var reply = await Agent.Get("cases?" + query);
        if (field is null) AssertProblem(reply, HttpStatusCode.BadRequest, "validation-failed");
        else AssertValidation(reply, field);
    }

    [SkippableFact]
    public async Task List_search_longer_than_100_characters_is_refused()
    {
        AssertValidation(await Agent.Get("cases?q=" + new string('x', 101)), "q");
    }

    // ---- evidence ------------------------------------------------------------------------------

    [SkippableFact]
    public async Task Text_file_named_like_a_photo_is_415()
    {
        var id = await NewCase(reason: "quality.defective");
        var reply = await RefusedAction(id, () => Agent.UploadEvidence(id, "这不是照片"u8.ToArray(), "photo.jpg", "image/jpeg"));
        AssertProblem(reply, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [SkippableFact]
    public async Task Photo_next_to_a_text_file_is_not_kept_when_the_upload_is_refused()
    {
        var id = await NewCase(reason: "quality.defective");
        var reply = await RefusedAction(id, () =>
        {
            var form = new MultipartFormDataContent
            {
                { new ByteArrayContent(Api.Jpeg) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } }, "file", "good.jpg" },
                { new ByteArrayContent("<html></html>"u8.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } }, "file", "bad.jpg" },
            };
            return Agent.Send(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{id}/evidence") { Content = form });
        });
        AssertProblem(reply, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [SkippableFact]
    public async Task Evidence_sent_as_json_is_415()
    {
        var id = await NewCase(reason: "quality.defective");
        var reply = await RefusedAction(id, () => Agent.Post($"cases/{id}/evidence", "{\"file\": \"/9j/4AAQ\"}"));
        AssertProblem(reply, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [SkippableFact]
    public async Task Evidence_sent_as_json_is_not_told_to_send_json()
    {
        var id = await NewCase(reason: "quality.defective");
        var reply = await Agent.Post($"cases/{id}/evidence", "{\"file\": \"/9j/4AAQ\"}");
        AssertProblem(reply, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Contains("multipart/form-data", reply.Body!["detail"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Evidence_sent_as_a_url_encoded_form_is_415()
    {
        var id = await NewCase(reason: "quality.defective");
        var reply = await RefusedAction(id, () => Agent.Send(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{id}/evidence")
        {
            Content = new FormUrlEncodedContent([new("file", "photo.jpg")]),
        }));
        AssertProblem(reply, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [SkippableFact]
    public async Task Evidence_without_a_file_part_is_refused()
    {
        var id = await NewCase(reason: "quality.defective");
        var reply = await RefusedAction(id, () =>
        {
            var form = new MultipartFormDataContent
            {
                { new ByteArrayContent(Api.Jpeg) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } }, "photo", "photo.jpg" },
                { new StringContent("开线处"), "caption" },
            };
            return Agent.Send(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{id}/evidence") { Content = form });
        });
        AssertValidation(reply, "file");
    }

    [SkippableFact]
    public async Task Empty_evidence_file_is_refused()
    {
        var id = await NewCase(reason: "quality.defective");
        var reply = await RefusedAction(id, () => Agent.UploadEvidence(id, []));
        AssertValidation(reply, "file");
    }

    [SkippableFact]
    public async Task Multipart_without_a_boundary_is_refused()
    {
        var id = await NewCase(reason: "quality.defective");
        var reply = await RefusedAction(id, () => Agent.Send(Multipart(id, "multipart/form-data", "garbage"u8.ToArray())));
        AssertProblem(reply, HttpStatusCode.BadRequest, "validation-failed");
    }

    [SkippableFact]
    public async Task Truncated_multipart_body_is_refused()
    {
        var id = await NewCase(reason: "quality.defective");
        byte[] body = [.. "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"u8, .. Api.Jpeg];
        var reply = await RefusedAction(id, () => Agent.Send(Multipart(id, "multipart/form-data; boundary=XYZ", body)));
        AssertProblem(reply, HttpStatusCode.BadRequest, "validation-failed");
    }

    [SkippableFact]
    public async Task Evidence_for_an_unknown_case_is_404()
    {
        AssertProblem(await Agent.UploadEvidence(Guid.NewGuid(), Api.Jpeg), HttpStatusCode.NotFound, "not-found");
    }

    // ---- text is stored as text ----------------------------------------------------------------

    [SkippableTheory]
    [InlineData(Script)]
    [InlineData(Sql)]
    [InlineData("O'Brien \"quoted\" \\ back\\slash %_ 100%")]
    public async Task Markup_and_sql_in_a_note_are_stored_verbatim(string text)
    {
        var api = Agent;
        var id = await NewCase();
        var added = await api.Act(id, "add-note", new { text });
        Assert.True(added.Status == HttpStatusCode.OK, added.ToString());
        Assert.Equal("application/json", added.ContentType);

        var @case = await api.Case(id);
        Assert.Equal(text, @case.Body!["notes"]!.AsArray()[^1]!["text"]!.GetValue<string>());
        Assert.Equal(text, (await api.Timeline(id))[^1]!["data"]!["text"]!.GetValue<string>());

        var list = await api.Get("cases?limit=200");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Contains(list.Body!["items"]!.AsArray(), c => c!["id"]!.GetValue<string>() == id.ToString());
    }

    [SkippableTheory]
    [InlineData(Script)]
    [InlineData(Sql)]
    public async Task Markup_and_sql_in_a_description_are_stored_verbatim_and_searched_literally(string text)
    {
        var api = Agent;
        var shop = "shop-" + Guid.NewGuid().ToString("N")[..8];
        var body = Bodies.Case(reason: "nonQuality.changedMind");
        body["shop"] = shop;
        body["description"] = "买家说: " + text;
        var id = await Created(api.Create(body));

        Assert.Equal("买家说: " + text, (await api.Case(id)).Body!["description"]!.GetValue<string>());
        var found = await api.Get($"cases?shop={shop}&q={Uri.EscapeDataString(text)}");
        Assert.True(found.Status == HttpStatusCode.OK, found.ToString());
        Assert.Equal(id.ToString(), Assert.Single(found.Body!["items"]!.AsArray())!["id"]!.GetValue<string>());
    }

    [SkippableTheory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("'")]
    public async Task Wildcards_in_a_search_match_only_themselves(string q)
    {
        var api = Agent;
        var shop = "shop-" + Guid.NewGuid().ToString("N")[..8];
        var body = Bodies.Case(reason: "nonQuality.changedMind");
        body["shop"] = shop;
        body["description"] = "裙子开线";
        await Created(api.Create(body));

        var found = await api.Get($"cases?shop={shop}&q={Uri.EscapeDataString(q)}");
        Assert.True(found.Status == HttpStatusCode.OK, found.ToString());
        Assert.Empty(found.Body!["items"]!.AsArray());
    }

    [SkippableTheory]
    [InlineData(0x00)]
    [InlineData(0x07)]
    [InlineData(0x1B)]
    public async Task Control_characters_in_a_note_are_stored_verbatim_or_refused(int control)
    {
        var text = $"before {(char)control} after";
        var api = Agent;
        var id = await NewCase();
        var before = await State(api, id);
        var reply = await api.Act(id, "add-note", new { text });
        if (reply.Status == HttpStatusCode.OK)
        {
            Assert.Equal(text, (await api.Case(id)).Body!["notes"]!.AsArray()[^1]!["text"]!.GetValue<string>());
            return;
        }
        AssertProblem(reply, HttpStatusCode.BadRequest, "validation-failed");
        Assert.Equal(before, await State(api, id));
    }

    [SkippableTheory]
    [InlineData("description")]
    [InlineData("buyer.nickname")]
    [InlineData("order.orderNumber")]
    [InlineData("order.items[1].name")]
    public async Task Nul_character_in_case_text_is_stored_verbatim_or_refused(string field)
    {
        var api = Agent;
        var text = "before \u0000 after";
        var body = Bodies.Case(reason: "nonQuality.changedMind");
        var newest = await NewestCase(api);
        switch (field)
        {
            case "description": body["description"] = text; break;
            case "buyer.nickname": body["buyer"]!["nickname"] = text; break;
            case "order.orderNumber": body["order"]!["orderNumber"] = text; break;
            default: body["order"]!["items"]![1]!["name"] = text; break;
        }

        var reply = await api.Create(body);
        if (reply.Status == HttpStatusCode.Created)
        {
            Assert.Equal(text, Read((await api.Case(reply.Id)).Body!, field));
            return;
        }
        AssertValidation(reply, field);
        Assert.Equal(newest, await NewestCase(api));
    }

    private static string? Read(JsonNode @case, string field) => field switch
    {
        "description" => @case["description"]?.GetValue<string>(),
        "buyer.nickname" => @case["buyer"]?["nickname"]?.GetValue<string>(),
        "order.orderNumber" => @case["order"]?["orderNumber"]?.GetValue<string>(),
        _ => @case["order"]?["items"]?[1]?["name"]?.GetValue<string>(),
    };

    [SkippableTheory]
    [InlineData("q")]
    [InlineData("shop")]
    [InlineData("orderNumber")]
    [InlineData("assignee")]
    [InlineData("trackingNumber")]
    public async Task Nul_character_in_a_filter_finds_nothing_or_is_refused(string filter)
    {
        var reply = await Agent.Get($"cases?{filter}=a%00b");
        if (reply.Status == HttpStatusCode.OK)
            Assert.Empty(reply.Body!["items"]!.AsArray());
        else
            AssertProblem(reply, HttpStatusCode.BadRequest, "validation-failed");
    }

    // ---- the sweep: nothing a client sends is a 500 ---------------------------------------------

    public static TheoryData<string> OddRequests() => new()
    {
        "random bytes as json",
        "invalid utf-8 inside a string",
        "lone surrogate escape",
        "a bare number as the body",
        "a bare string as the body",
        "quantity 1e400",
        "unit price 1e400",
        "unit price beyond decimal",
        "refund amount 1e400",
        "deeply nested arrays",
        "deeply nested objects",
        "null for every field",
        "empty strings for every field",
        "description of 100k characters",
        "shop of 100k characters",
        "order number of 100k characters",
        "a null item",
        "a null order line",
        "a null exchange item",
        "a null received item",
        "a null scanned item",
        "year 10000",
        "date with an offset beyond the calendar",
        "link to a malformed id",
        "link to the empty id",
        "if-match beyond int",
        "cursor holding 1e400",
        "put on the case collection",
        "delete a case",
        "multipart without a boundary",
        "truncated multipart",
        "ten thousand items",
    };

    [SkippableTheory]
    [MemberData(nameof(OddRequests))]
    public async Task Odd_request_is_a_4xx_problem_never_a_500(string name)
    {
        var api = Agent;
        var id = await NewCase();
        var before = await State(api, id);
        var newest = await NewestCase(api);

        var reply = await api.Send(OddRequest(name, id));

        AssertClientError(reply);
        Assert.Equal(before, await State(api, id));
        Assert.Equal(newest, await NewestCase(api));
    }

    private static HttpRequestMessage OddRequest(string name, Guid id)
    {
        static HttpRequestMessage Json(string path, string json) =>
            new(HttpMethod.Post, "/api/v1/" + path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

        static HttpRequestMessage Bytes(string path, byte[] bytes, string contentType = "application/json") =>
            new(HttpMethod.Post, "/api/v1/" + path)
            {
                Content = new ByteArrayContent(bytes) { Headers = { ContentType = MediaTypeHeaderValue.Parse(contentType) } },
            };

        static HttpRequestMessage Create(Action<JsonObject> change, string type = "return")
        {
            var body = Bodies.Case(type: type, reason: "nonQuality.changedMind");
            change(body);
            return Json("cases", body.ToJsonString());
        }

        // A valid body with one raw JSON fragment spliced in for a placeholder value.
        static HttpRequestMessage CreateRaw(Action<JsonObject> change, string placeholder, string raw)
        {
            var body = Bodies.Case(reason: "nonQuality.changedMind");
            change(body);
            return Json("cases", body.ToJsonString().Replace($"\"{placeholder}\"", raw));
        }

        var scan = new JsonObject
        {
            ["trackingNumber"] = "SCAN" + id.ToString("N")[..8],
            ["items"] = new JsonArray { null },
            ["freightCollect"] = false,
        };

        return name switch
        {
            "random bytes as json" => Bytes("cases", RandomBytes(2048)),
            "invalid utf-8 inside a string" => Bytes("cases",
                [.. "{\"type\":\"return\",\"description\":\""u8, 0xC3, 0x28, 0xFF, 0xFE, .. "\"}"u8]),
            "lone surrogate escape" => CreateRaw(b => b["description"] = "@@", "@@", "\"\\ud800 broken\""),
            "a bare number as the body" => Json("cases", "42"),
            "a bare string as the body" => Json("cases", "\"return\""),
            "quantity 1e400" => CreateRaw(b => b["items"]![0]!["quantity"] = "@@", "@@", "1e400"),
            "unit price 1e400" => CreateRaw(b => b["order"]!["items"]![0]!["unitPrice"] = "@@", "@@", "1e400"),
            "unit price beyond decimal" => CreateRaw(b => b["order"]!["items"]![0]!["unitPrice"] = "@@", "@@", "79228162514264337593543950336"),
            "refund amount 1e400" => Json($"cases/{id}/refund", "{\"amount\": 1e400, \"method\": \"platformRefund\", \"reference\": \"X\"}"),
            "deeply nested arrays" => CreateRaw(b => b["description"] = "@@", "@@", new string('[', 5000) + new string(']', 5000)),
            "deeply nested objects" => Json("cases", string.Concat(Enumerable.Repeat("{\"order\":", 5000)) + "1" + new string('}', 5000)),
            "null for every field" => Json("cases", new JsonObject
            {
                ["type"] = null, ["shop"] = null, ["currency"] = null, ["order"] = null, ["buyer"] = null, ["reason"] = null,
                ["description"] = null, ["items"] = null, ["exchangeFor"] = null, ["priority"] = null, ["assignee"] = null,
            }.ToJsonString()),
            "empty strings for every field" => Json("cases", new JsonObject
            {
                ["type"] = "", ["shop"] = "", ["currency"] = "", ["reason"] = "", ["description"] = "", ["assignee"] = "",
                ["order"] = new JsonObject { ["orderNumber"] = "", ["paidAt"] = "", ["items"] = new JsonArray() },
                ["buyer"] = new JsonObject { ["nickname"] = "", ["phone"] = "" },
                ["items"] = new JsonArray { new JsonObject { ["sku"] = "", ["quantity"] = 1 } },
            }.ToJsonString()),
            "description of 100k characters" => Create(b => b["description"] = new string('长', 100_000)),
            "shop of 100k characters" => Create(b => b["shop"] = new string('s', 100_000)),
            "order number of 100k characters" => Create(b => b["order"]!["orderNumber"] = new string('9', 100_000)),
            "a null item" => Create(b => b["items"]!.AsArray().Add(null)),
            "a null order line" => Create(b => b["order"]!["items"]!.AsArray().Add(null)),
            "a null exchange item" => Create(b => b["exchangeFor"]!.AsArray().Add(null), type: "exchange"),
            "a null received item" => Json($"cases/{id}/confirm-receipt", "{\"items\": [null]}"),
            "a null scanned item" => Json("warehouse/receipts", scan.ToJsonString()),
            "year 10000" => Create(b => b["order"]!["paidAt"] = "10000-01-01T00:00:00Z"),
            "date with an offset beyond the calendar" => Create(b => b["order"]!["paidAt"] = "0001-01-01T00:00:00+08:00"),
            "link to a malformed id" => Json($"cases/{id}/link", "{\"caseId\": \"not-a-guid\"}"),
            "link to the empty id" => Json($"cases/{id}/link", $"{{\"caseId\": \"{Guid.Empty}\"}}"),
            "if-match beyond int" => WithIfMatch(Json($"cases/{id}/add-note", "{\"text\": \"x\"}"), "\"99999999999999999999\""),
            "cursor holding 1e400" => new HttpRequestMessage(HttpMethod.Get,
                "/api/v1/cases?cursor=" + Convert.ToBase64String("{\"before\":1e400}"u8.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_')),
            "put on the case collection" => new HttpRequestMessage(HttpMethod.Put, "/api/v1/cases")
            {
                Content = new StringContent("{}", Encoding.UTF8, "application/json"),
            },
            "delete a case" => new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/cases/{id}"),
            "multipart without a boundary" => Bytes($"cases/{id}/evidence", "garbage"u8.ToArray(), "multipart/form-data"),
            "truncated multipart" => Bytes($"cases/{id}/evidence",
                [.. "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\n"u8, .. Api.Jpeg],
                "multipart/form-data; boundary=XYZ"),
            "ten thousand items" => Create(b => b["items"] = new JsonArray(Enumerable.Range(0, 10_000)
                .Select(i => (JsonNode?)new JsonObject { ["sku"] = $"SKU-{i}", ["quantity"] = 1 }).ToArray())),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such odd request."),
        };
    }

    private static HttpRequestMessage WithIfMatch(HttpRequestMessage request, string ifMatch)
    {
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(20261120).NextBytes(bytes);
        return bytes;
    }
}

public sealed class SqliteBadInputApiTests(SqliteApp app) : BadInputApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresBadInputApiTests(PostgresApp app) : BadInputApiTests(app), IClassFixture<PostgresApp>;
