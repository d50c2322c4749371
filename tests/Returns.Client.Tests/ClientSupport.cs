using Returns.Client;
using Returns.Web.Tests.Support;

namespace Returns.Client.Tests;

/// <summary>
/// How an integrator holds the generated client: one <see cref="Client"/> over an HttpClient that carries the
/// caller's credentials, and its BaseUrl set to where the service runs (the document's server is the address the README's
/// first command starts it on, which a real installation replaces). Nothing here changes how the client serializes, sends or reads.
/// </summary>
public static class Clients
{
    /// <summary>An integration (the shop's ERP): the bootstrap key, which has every scope.</summary>
    public static Client Integration(ReturnsApp app)
    {
        // Checked: every answer is also held against the document by the test host, besides the client's own reading.
        var http = app.Checked(new HttpClientHandler());
        http.DefaultRequestHeaders.Add("X-Api-Key", ReturnsApp.BootstrapKey);
        return new Client(http) { BaseUrl = app.Address.ToString() };
    }

    /// <summary>A person signed in with a session cookie (warehouse scans, supervisor approvals, their notifications).</summary>
    public static Client Person(ReturnsApp app, string userName, string role) =>
        new(app.Client(userName, role).Http) { BaseUrl = app.Address.ToString() };
}

/// <summary>Typed request bodies, the same facts as <see cref="Bodies"/> in Returns.Web.Tests.</summary>
public static class Orders
{
    public static CreateCaseCommand Case(CaseType type, string? reason, string? orderNumber = null, int quantity = 1)
    {
        var delivered = ReturnsApp.Start.AddDays(-2);
        return new CreateCaseCommand
        {
            Type = type,
            Shop = "demo-shop",
            Order = new CreateCaseOrderBody
            {
                OrderNumber = orderNumber ?? Bodies.NewOrderNumber(),
                PaidAt = delivered.AddDays(-3),
                DeliveredAt = delivered,
                ShippingFee = 8.00m,
                Items =
                [
                    new CreateCaseOrderItemBody { Sku = "DRESS-RED-M", Name = "红色连衣裙 M", Quantity = 2, UnitPrice = 199.00m },
                    new CreateCaseOrderItemBody { Sku = "BELT-01", Name = "腰带", Quantity = 1, UnitPrice = 25.50m },
                ],
            },
            Buyer = new CreateCaseBuyerBody { Nickname = "小王", Phone = "13800000000" },
            Reason = reason,
            Description = "裙子开线",
            Items = type == CaseType.BadReview ? null : [new CreateCaseItemBody { Sku = "DRESS-RED-M", Quantity = quantity }],
            ExchangeFor = type == CaseType.Exchange ? [new CreateCaseExchangeItemBody { Sku = "DRESS-RED-L", Quantity = quantity, Name = "红色连衣裙 L" }] : null,
        };
    }

    public static RecordReturnShipmentBody Shipment(string trackingNumber, decimal postage) =>
        new() { Carrier = "SF", TrackingNumber = trackingNumber, Postage = postage, FreightCollect = false };

    public static ICollection<ConfirmReceiptReceivedItem> One(ItemCondition condition) =>
        [new ConfirmReceiptReceivedItem { Sku = "DRESS-RED-M", Quantity = 1, Condition = condition }];
}

/// <summary>What a refusal looks like through the generated client: an <c>ApiException&lt;Problem&gt;</c> with its typed code.</summary>
public static class Problems
{
    public static async Task<Problem> Refused(int status, ProblemCode code, Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<ApiException<Problem>>(call);
        Assert.True(e.StatusCode == status, $"expected {status} {code}, got {e.StatusCode} {e.Result.Code}: {e.Result.Detail}");
        Assert.Equal(code, e.Result.Code);
        Assert.Equal(status, e.Result.Status);
        return e.Result;
    }
}
