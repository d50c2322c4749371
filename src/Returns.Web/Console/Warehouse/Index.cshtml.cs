using Mediator;
using Microsoft.AspNetCore.Mvc;
using Returns.Domain.Cases;
using Returns.Web.Features.Cases;
using Returns.Web.Features.CaseTypes.Return;
using Returns.Web.Features.Warehouse;

namespace Returns.Web.Console.Warehouse;

/// <summary>
/// 仓库收货: scan a parcel's tracking number (Find), inspect its items, then send ScanParcel.Command as
/// POST /warehouse/receipts does. A parcel matching no case is entered by hand and kept as unmatched.
/// </summary>
public sealed class IndexModel(IMediator mediator) : ConsolePage(mediator)
{
    public static readonly ItemCondition[] Conditions = Enum.GetValues<ItemCondition>();

    public sealed class Row
    {
        public string? Sku { get; set; }
        public string? Name { get; set; }
        public int? Quantity { get; set; }
        public string? Condition { get; set; } = "resaleable";
    }

    [BindProperty] public string? TrackingNumber { get; set; }
    [BindProperty] public bool FreightCollect { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public List<Row> Items { get; set; } = [];

    /// <summary>The case the tracking number found, or null; <see cref="Searched"/> tells whether a search ran.</summary>
    public CaseView? Case { get; private set; }
    public bool Searched { get; private set; }
    public ScanParcel.Receipt? Receipt { get; private set; }
    public string? ReceiptTrackingNumber { get; private set; }
    public IReadOnlyList<ParcelView> Unmatched { get; private set; } = [];

    public Task OnGetAsync() => LoadUnmatched();

    public async Task<IActionResult> OnPostFindAsync()
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(TrackingNumber))
        {
            FieldErrors["trackingNumber"] = ["Required."];
            await LoadUnmatched();
            return Page();
        }
        await Find();
        await LoadUnmatched();
        return Page();
    }

    public async Task<IActionResult> OnPostScanAsync()
    {
        ModelState.Clear();
        var items = Items.Select(i => new ReceivedItem(
            string.IsNullOrWhiteSpace(i.Sku) ? null : i.Sku.Trim(), i.Quantity,
            ConsoleEnum.TryParse<ItemCondition>(i.Condition, out var c) ? c : null)).ToList();
        var command = new ScanParcel.Command(TrackingNumber, items, FreightCollect, string.IsNullOrWhiteSpace(Note) ? null : Note.Trim());
        ScanParcel.Receipt? receipt = null;
        if (await Try(async () => receipt = await Mediator.Send(command)))
        {
            // Ready for the next parcel.
            Receipt = receipt;
            ReceiptTrackingNumber = TrackingNumber;
            TrackingNumber = null;
            FreightCollect = false;
            Note = null;
            Items = [];
        }
        else if (!string.IsNullOrWhiteSpace(TrackingNumber))
        {
            var rows = Items;
            await Find();
            Items = rows; // keep what the warehouse entered
        }
        await LoadUnmatched();
        return Page();
    }

    private async Task Find()
    {
        Searched = true;
        var page = await Mediator.Send(new ListCases.Query(null, null, null, null, null, TrackingNumber!.Trim(), null, null, 20, null));
        var summary = page.Items.OrderByDescending(c => c.Status == CaseStatus.ReturnInTransit).FirstOrDefault();
        if (summary is not null && await Try(async () => Case = await Mediator.Send(new GetCase.Query(summary.Id.ToString()))))
            Items = Case!.Items.Select(i => new Row { Sku = i.Sku, Name = i.Name, Quantity = i.Quantity }).ToList();
        else
            Items = [new Row { Quantity = 1 }];
    }

    private async Task LoadUnmatched() => Unmatched = (await Mediator.Send(new ListUnmatchedParcels.Query(false))).Items;
}
