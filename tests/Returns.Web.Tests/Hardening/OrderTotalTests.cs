using System.Net;
using System.Text.Json.Nodes;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests.Hardening;

/// <summary>
/// Issue 19, item 10: over all cases of one order (same shop and order number), refunds and payouts never pass what was
/// paid for it: goods + shipping fee + the return postage the shop owes back (422 exceeds-order-total), even when two
/// refunds on two of its cases arrive at once.
/// </summary>
public abstract class OrderTotalTests(ReturnsApp app) : InputSuite(app)
{
    private Api Supervisor => App.Client("supervisor.order", "supervisor");

    /// <summary>An order of the given lines (sku, unit price; one unit each unless said), shipping fee 8.00.</summary>
    private static JsonObject Order(string number, params (string Sku, int Quantity, decimal UnitPrice)[] lines) => new()
    {
        ["orderNumber"] = number,
        ["paidAt"] = ReturnsApp.Start.AddDays(-5).ToString("O"),
        ["deliveredAt"] = ReturnsApp.Start.AddDays(-2).ToString("O"),
        ["shippingFee"] = 8.00m,
        ["items"] = new JsonArray(lines.Select(l => (JsonNode)new JsonObject
        {
            ["sku"] = l.Sku, ["name"] = l.Sku, ["quantity"] = l.Quantity, ["unitPrice"] = l.UnitPrice,
        }).ToArray()),
    };

    /// <summary>A return of <paramref name="quantity"/> × <paramref name="sku"/> received in full and waiting for its refund.</summary>
    private async Task<Guid> AwaitingRefund(JsonObject order, string sku, int quantity, string reason, decimal postage)
    {
        var body = Bodies.Case(reason: reason);
        body["order"] = order.DeepClone();
        body["items"] = new JsonArray { new JsonObject { ["sku"] = sku, ["quantity"] = quantity } };
        var id = await Created(Agent.Create(body));
        if (reason.StartsWith("quality.", StringComparison.Ordinal))
            Assert.Equal(HttpStatusCode.OK, (await Agent.UploadEvidence(id, Api.Jpeg)).Status);
        await Ok(Agent.Act(id, "approve"));
        await Ok(Agent.Act(id, "record-return-shipment",
            new { carrier = "SF", trackingNumber = "SF" + Guid.NewGuid().ToString("N")[..12], postage, freightCollect = false }));
        await Ok(Agent.Act(id, "confirm-receipt", new { items = new[] { new { sku, quantity, condition = "resaleable" } } }));
        return id;
    }

    private static object Refund(decimal amount, string reference = "RF-ORDER") => new { amount, method = "platformRefund", reference };

    [SkippableFact]
    public async Task The_issues_order_refunded_in_full_on_one_case_refuses_111_more_on_another()
    {
        // 2 × 199.00 + shipping 8.00 + the 16.00 postage the shop owes back: 422.00.
        var order = Order(Bodies.NewOrderNumber(), ("DRESS-RED-M", 2, 199.00m));
        var first = await AwaitingRefund(order, "DRESS-RED-M", 2, "quality.defective", postage: 16.00m);
        var full = await Supervisor.Act(first, "refund", Refund(422.00m));
        Assert.True(full.Status == HttpStatusCode.OK, full.ToString());

        var second = await AwaitingRefund(order, "DRESS-RED-M", 1, "nonQuality.changedMind", postage: 10.00m);

        AssertProblem(await RefusedAction(second, () => Supervisor.Act(second, "refund", Refund(111.00m))),
            HttpStatusCode.UnprocessableEntity, "exceeds-order-total");
        // Within what is due on this case, so an agent is refused by the order's total too.
        AssertProblem(await RefusedAction(second, () => Agent.Act(second, "refund", Refund(111.00m))),
            HttpStatusCode.UnprocessableEntity, "exceeds-order-total");
    }

    [SkippableFact]
    public async Task The_orders_cases_may_return_exactly_what_was_paid_and_not_a_fen_more()
    {
        var order = Order(Bodies.NewOrderNumber(), ("DRESS-RED-M", 2, 199.00m));
        var first = await AwaitingRefund(order, "DRESS-RED-M", 2, "quality.defective", postage: 16.00m);
        await Ok(Agent.Act(first, "refund", Refund(300.00m)));
        var second = await AwaitingRefund(order, "DRESS-RED-M", 1, "nonQuality.changedMind", postage: 10.00m);

        AssertProblem(await RefusedAction(second, () => Agent.Act(second, "refund", Refund(122.01m))),
            HttpStatusCode.UnprocessableEntity, "exceeds-order-total");
        var rest = await Agent.Act(second, "refund", Refund(122.00m));

        Assert.True(rest.Status == HttpStatusCode.OK, rest.ToString());
        Assert.Equal(122.00m, rest.Body!["amounts"]!["refunded"]!.GetValue<decimal>());
    }

    [SkippableFact]
    public async Task A_discount_payout_counts_toward_the_orders_total()
    {
        var order = Order(Bodies.NewOrderNumber(), ("DRESS-RED-M", 2, 199.00m));
        var first = await AwaitingRefund(order, "DRESS-RED-M", 2, "quality.defective", postage: 16.00m);
        await Ok(Supervisor.Act(first, "refund", Refund(422.00m)));
        var body = Bodies.Case(type: "discount", reason: "quality.defective");
        body["order"] = order.DeepClone();
        body["compensation"] = new JsonObject { ["amount"] = 5.00m, ["defect"] = "线头" };
        var discount = await Created(Agent.Create(body));

        AssertProblem(await RefusedAction(discount, () => Agent.Act(discount, "record-payout", new { method = "platformRefund", reference = "RF-D" })),
            HttpStatusCode.UnprocessableEntity, "exceeds-order-total");
    }

    [SkippableFact]
    public async Task Of_two_refunds_on_two_cases_of_one_order_at_once_only_one_fits_and_passes()
    {
        // Each order: a dress and a bag at 199.00, shipping 8.00, 16.00 postage back on each case: 438.00 in all.
        var orders = new List<(Guid Dress, Guid Bag)>();
        for (var i = 0; i < 3; i++)
        {
            var order = Order(Bodies.NewOrderNumber(), ("DRESS-RED-M", 1, 199.00m), ("BAG-01", 1, 199.00m));
            orders.Add((await AwaitingRefund(order, "DRESS-RED-M", 1, "quality.defective", 16.00m),
                await AwaitingRefund(order, "BAG-01", 1, "quality.defective", 16.00m)));
        }
        var supervisor = Supervisor;

        var replies = await Task.WhenAll(orders.SelectMany(o => new[] { o.Dress, o.Bag })
            .Select(id => Task.Run(() => supervisor.Act(id, "refund", Refund(400.00m)))));

        for (var i = 0; i < orders.Count; i++)
        {
            var pair = replies.Skip(2 * i).Take(2).ToList();
            var seen = string.Join("\n", pair.Select(r => r.ToString()));
            Assert.True(pair.Count(r => r.Status == HttpStatusCode.OK) == 1, seen);
            AssertProblem(pair.Single(r => r.Status != HttpStatusCode.OK), HttpStatusCode.UnprocessableEntity, "exceeds-order-total");
            var refunded = 0m;
            foreach (var id in new[] { orders[i].Dress, orders[i].Bag })
                refunded += (await Agent.Case(id)).Body!["amounts"]!["refunded"]!.GetValue<decimal>();
            Assert.Equal(400.00m, refunded);
        }
    }
}

public sealed class SqliteOrderTotalTests(SqliteApp app) : OrderTotalTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresOrderTotalTests(PostgresApp app) : OrderTotalTests(app), IClassFixture<PostgresApp>;
