using Mediator;
using Microsoft.AspNetCore.Mvc;
using Returns.Web.Features.Handover;

namespace Returns.Web.Console.Handover;

/// <summary>交接班: ShiftHandover.Query as GET /handover, printable.</summary>
public sealed class IndexModel(IMediator mediator, IConfiguration configuration) : ConsolePage(mediator)
{
    [BindProperty(SupportsGet = true)] public string? Shift { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Date { get; set; }

    public IReadOnlyList<ShiftHandover.ShiftDefinition> Shifts { get; private set; } = [];
    public ShiftHandover.Result? Result { get; private set; }

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        Shifts = ShiftHandover.Shifts(configuration);
        var shift = string.IsNullOrWhiteSpace(Shift) ? null : Shift.Trim();
        await Try(async () => Result = await Mediator.Send(new ShiftHandover.Query(shift, Date)));
    }
}
