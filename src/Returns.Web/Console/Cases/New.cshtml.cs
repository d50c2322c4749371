using Mediator;
using Microsoft.AspNetCore.Mvc;
using Returns.Domain.Cases;
using Returns.Web.Features.Cases;
using Returns.Web.Features.Catalog;
using Returns.Web.Infrastructure.Security;

namespace Returns.Web.Console.Cases;

/// <summary>新建工单: one form for the four case types; sends the same CreateCase.Command as POST /cases.</summary>
public sealed class NewModel(IMediator mediator, ShopClock clock) : ConsolePage(mediator)
{
    public static readonly string[] Types = ["return", "exchange", "discount", "badReview"];

    [BindProperty] public string Type { get; set; } = "return";
    [BindProperty] public string? Shop { get; set; }
    [BindProperty] public string? Platform { get; set; }
    [BindProperty] public string? PlatformRef { get; set; }
    [BindProperty] public string? OrderNumber { get; set; }
    [BindProperty] public string? PaidAt { get; set; }
    [BindProperty] public string? DeliveredAt { get; set; }
    [BindProperty] public decimal? ShippingFee { get; set; }
    [BindProperty] public string? Sku { get; set; }
    [BindProperty] public string? ItemName { get; set; }
    [BindProperty] public int? Quantity { get; set; } = 1;
    [BindProperty] public decimal? UnitPrice { get; set; }
    [BindProperty] public int? ClaimedQuantity { get; set; } = 1;
    [BindProperty] public string? Nickname { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? ExchangeSku { get; set; }
    [BindProperty] public int? ExchangeQuantity { get; set; } = 1;
    [BindProperty] public string? ExchangeName { get; set; }
    [BindProperty] public decimal? Amount { get; set; }
    [BindProperty] public string? Defect { get; set; }
    [BindProperty] public string? Rating { get; set; } = "bad";
    [BindProperty(Name = "Content")] public string? ReviewContent { get; set; }
    [BindProperty] public string? PostedAt { get; set; }

    public IReadOnlyList<ListReasons.ReasonView> Reasons => ListReasons.Get(Shop, HttpContext.RequestServices.GetRequiredService<Infrastructure.ShopPolicies>()).Items;

    /// <summary>The errors of any of the API field paths, joined.</summary>
    public string? Errors(params string[] fields)
    {
        var messages = fields.Select(FieldError).Where(m => m is not null).Distinct().ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    public void OnGet() => Shop ??= User.RestrictedShop();

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear(); // the API validates; unreadable numbers arrive as null and are refused there
        var type = ConsoleEnum.TryParse<CaseType>(Type, out var t) ? t : (CaseType?)null;
        var zone = clock.Zone;
        var command = new CreateCase.Command(
            type,
            Blank(Shop),
            null,
            new CreateCase.OrderBody(Blank(OrderNumber), ConsoleEnum.FromLocal(PaidAt, zone), ConsoleEnum.FromLocal(DeliveredAt, zone), null,
                ShippingFee, [new CreateCase.OrderItemBody(Blank(Sku), Blank(ItemName), Quantity, UnitPrice)]),
            new CreateCase.BuyerBody(Blank(Nickname), Blank(Phone)),
            type == CaseType.BadReview ? null : Blank(Reason),
            Blank(Description),
            type == CaseType.BadReview && ClaimedQuantity is null ? null : [new CreateCase.ItemBody(Blank(Sku), ClaimedQuantity)],
            type == CaseType.Exchange ? [new CreateCase.ExchangeItemBody(Blank(ExchangeSku), ExchangeQuantity, Blank(ExchangeName))] : null,
            null,
            null,
            type == CaseType.Discount ? new CreateCase.CompensationBody(Amount, Blank(Defect)) : null,
            type == CaseType.BadReview
                ? new CreateCase.ReviewBody(ConsoleEnum.TryParse<ReviewRating>(Rating, out var r) ? r : null, Blank(ReviewContent), ConsoleEnum.FromLocal(PostedAt, zone))
                : null,
            ConsoleEnum.TryParse<Returns.Domain.Cases.Platform>(Platform, out var platform) ? platform : null,
            Blank(PlatformRef));
        CaseView? created = null;
        if (await Try(async () => created = await Mediator.Send(command)))
            return Redirect($"/cases/{created!.Id}");
        return Page();
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
