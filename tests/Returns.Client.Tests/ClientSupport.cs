using System.Reflection;
using System.Runtime.Serialization;
using Returns.Client;
using Returns.Web.Tests.Support;

namespace Returns.Client.Tests;

/// <summary>
/// How an integrator holds the generated client: one <see cref="Client"/> over an HttpClient that carries the
/// caller's credentials. Nothing here changes how the client serializes, sends or reads.
/// </summary>
public static class Clients
{
    /// <summary>An integration (the shop's ERP): the bootstrap key, which has every scope.</summary>
    public static Client Integration(ReturnsApp app)
    {
        var http = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ReturnsApp.BootstrapKey);
        return new Client(app.Address.ToString(), http);
    }

    /// <summary>A person signed in with a session cookie (warehouse scans, supervisor approvals, their notifications).</summary>
    public static Client Person(ReturnsApp app, string userName, string role) =>
        new(app.Address.ToString(), app.Client(userName, role).Http);
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

/// <summary>
/// What a refusal looks like through the generated client: an <c>ApiException&lt;TProblem&gt;</c> whose problem has
/// a typed <c>Code</c>.
/// <para>
/// Reflection, on purpose and only here: the document is being fixed (the problem schema gains <c>code</c>), so the
/// generated problem type changes shape. Reading <c>Result.Code</c> by name lets these tests compile against the
/// document as it is and as it will be, and fail with the reason while <c>code</c> is missing. It never falls back
/// to <c>AdditionalProperties["code"]</c>: an integrator should not have to dig there. When the document declares
/// <c>code</c>, this becomes <c>e.Result.Code</c>.
/// </para>
/// </summary>
public static class Problems
{
    public static async Task<ApiException> Refused(int status, string code, Func<Task> call)
    {
        var e = await Assert.ThrowsAnyAsync<ApiException>(call);
        Assert.True(e.StatusCode == status, $"expected {status} {code}, got {e.StatusCode}: {e.Message}");
        Assert.Equal(code, CodeOf(e));
        return e;
    }

    public static string? CodeOf(ApiException e)
    {
        var type = e.GetType();
        Assert.True(type.IsGenericType,
            $"the client threw an untyped ApiException for {e.StatusCode}: the document declares no problem schema for that status. {e.Message}");
        var problem = type.GetProperty("Result")!.GetValue(e);
        Assert.NotNull(problem);
        var code = problem.GetType().GetProperty("Code");
        Assert.True(code is not null,
            $"{problem.GetType().Name} has no Code property: the document's problem schema does not declare `code` " +
            $"(the client only has it in AdditionalProperties, untyped). Response: {e.Response}");
        return code.GetValue(problem) switch
        {
            null => null,
            Enum value => value.GetType().GetField(value.ToString())!.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? value.ToString(),
            var value => value.ToString(),
        };
    }
}

/// <summary>
/// The If-Match header of an action, as the generated method's own argument.
/// <para>
/// Reflection, on purpose and only here: the document does not declare If-Match on the actions yet, so the generated
/// <c>ApproveAsync</c> has no such argument and a direct call would not compile. This finds the argument by name and
/// fails with the reason while it is missing; once the document declares the header, this becomes
/// <c>client.ApproveAsync(id, ifMatch, null, body)</c>.
/// </para>
/// </summary>
public static class Preconditions
{
    /// <summary>The generated approve call with its If-Match argument; fails at once, with the reason, while it has none.</summary>
    public static Func<Guid, string, ApproveBody, Task<CaseView>> ApproveWithIfMatch(Client client)
    {
        var method = typeof(Client).GetMethods()
            .Single(m => m.Name == nameof(Client.ApproveAsync) && m.GetParameters().Any(p => p.ParameterType == typeof(CancellationToken)));
        var parameters = method.GetParameters();
        Assert.True(parameters.Any(IsIfMatch),
            $"the generated {method.Name}({string.Join(", ", parameters.Select(p => p.Name))}) takes no If-Match: " +
            "POST /api/v1/cases/{id}/approve declares no If-Match header parameter, so the client cannot send one.");
        // The generated method is async: whatever it throws (ApiException) comes out of the task, not out of Invoke.
        return (id, ifMatch, body) => (Task<CaseView>)method.Invoke(client, parameters.Select(p => p switch
        {
            _ when p.Name == "id" => id,
            _ when IsIfMatch(p) => ifMatch,
            _ when p.Name == "body" => body,
            _ when p.ParameterType == typeof(CancellationToken) => CancellationToken.None,
            _ => (object?)null,
        }).ToArray())!;
    }

    private static bool IsIfMatch(ParameterInfo p) =>
        string.Equals(p.Name?.Replace("_", ""), "ifMatch", StringComparison.OrdinalIgnoreCase);
}
