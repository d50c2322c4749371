using Mediator;
using Microsoft.AspNetCore.Mvc;
using Returns.Domain.Cases;
using Returns.Web.Features.Cases;

namespace Returns.Web.Console;

/// <summary>工作台: open cases, soonest deadline first, with an SLA badge per row.</summary>
public sealed class QueueModel(IMediator mediator, TimeProvider clock) : ConsolePage(mediator)
{
    [BindProperty(SupportsGet = true)] public string? View { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Shop { get; set; }
    [BindProperty(SupportsGet = true)] public string? Assignee { get; set; }

    public IReadOnlyList<string> OpenStatuses { get; } =
        Enum.GetValues<CaseStatus>().Where(s => s.IsOpen()).Select(s => Camel(s.ToString())).ToList();

    public List<CaseSummary> Rows { get; private set; } = [];

    private DateTimeOffset _now;

    public async Task OnGetAsync()
    {
        _now = clock.GetUtcNow();
        var assignee = View == "mine" ? User.Identity?.Name : Assignee;
        var status = Status is { Length: > 0 } ? Status : string.Join(',', OpenStatuses);
        var rows = new List<CaseSummary>();
        string? cursor = null;
        // The queue shows up to 1,000 open cases; filters narrow it.
        for (var page = 0; page < 5; page++)
        {
            ListCases.Page? result = null;
            if (!await Try(async () => result = await Mediator.Send(new ListCases.Query(
                    NullIfEmpty(Type), status, NullIfEmpty(Shop), NullIfEmpty(assignee), null, null, null,
                    View == "overdue" ? true : null, ListCases.Query.MaxLimit, cursor))))
                break;
            rows.AddRange(result!.Items);
            cursor = result.NextCursor;
            if (cursor is null) break;
        }
        if (View == "unassigned") rows = rows.Where(r => r.Assignee is null).ToList();
        Rows = rows.OrderByDescending(r => r.Overdue).ThenBy(r => r.NextDueAt ?? DateTimeOffset.MaxValue).ThenBy(r => r.Number, StringComparer.Ordinal).ToList();
    }

    public (string Css, string Text) Sla(CaseSummary c)
    {
        if (c.Overdue) return ("breached", L("Breached"));
        if (c.NextDueAt is not { } due) return ("", "—");
        var left = due - _now;
        var text = left.TotalHours >= 24 ? $"{(int)left.TotalDays}d {left.Hours}h" : $"{(int)left.TotalHours}h {left.Minutes}m";
        return (c.Warned ? "warned" : "ok", text);
    }

    private string L(string key) => HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<ConsoleText>>()[key];

    public static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
