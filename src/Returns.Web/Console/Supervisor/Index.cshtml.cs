using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Returns.Data;
using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Returns.Web.Features.Cases;
using Returns.Web.Features.Cases.Actions;
using Returns.Web.Features.CaseTypes.Return;

namespace Returns.Web.Console.Supervisor;

/// <summary>
/// 主管: cases waiting on a supervisor (discounts above the cap, returns outside the window) with Approve /
/// Reject (Approve.Command / Reject.Command, as the API), and a dashboard drawn with Chart.js.
/// </summary>
public sealed class IndexModel(IMediator mediator, ReturnsDbContext db, ShopClock clock,
    Microsoft.Extensions.Localization.IStringLocalizer<ConsoleText> text) : ConsolePage(mediator)
{
    private const int MaxCases = 5000;

    public sealed record Series(IReadOnlyList<string> Labels, IReadOnlyList<decimal> Values);

    public sealed record Dashboard(
        Series OpenByStatus, Series OpenByType, Series ByReason, IReadOnlyList<string> Days, IReadOnlyList<int> Met, IReadOnlyList<int> Breached,
        IReadOnlyList<decimal> Refunds, IReadOnlyList<decimal> Compensations, decimal RefundTotal, decimal CompensationTotal, int CaseCount, bool Truncated);

    [BindProperty] public Guid CaseId { get; set; }
    [BindProperty] public string? RejectReason { get; set; }

    public IReadOnlyList<CaseSummary> Waiting { get; private set; } = [];
    public string? Done { get; private set; }
    public Dashboard? Charts { get; private set; }

    public Task OnGetAsync() => Load();

    public async Task<IActionResult> OnPostApproveAsync()
    {
        ModelState.Clear();
        var number = "";
        if (await Try(async () => number = (await Mediator.Send(new ActOnCase.Command(CaseId, new ApproveBody(null), null))).Number))
            Done = number;
        await Load();
        return Page();
    }

    public async Task<IActionResult> OnPostRejectAsync()
    {
        ModelState.Clear();
        var number = "";
        var reason = string.IsNullOrWhiteSpace(RejectReason) ? null : RejectReason.Trim();
        if (await Try(async () => number = (await Mediator.Send(new ActOnCase.Command(CaseId, new RejectBody(null, reason), null))).Number))
        {
            Done = number;
            RejectReason = null;
        }
        await Load();
        return Page();
    }

    private async Task Load()
    {
        var cases = new List<CaseSummary>();
        string? cursor = null;
        do
        {
            var page = await Mediator.Send(new ListCases.Query(null, null, null, null, null, null, null, null, ListCases.Query.MaxLimit, cursor));
            cases.AddRange(page.Items);
            cursor = page.NextCursor;
        } while (cursor is not null && cases.Count < MaxCases);

        Waiting = cases.Where(c => c.AwaitingSupervisor)
            .OrderBy(c => c.CreatedAt).ToList();
        Charts = await BuildDashboard(cases, cursor is not null);
    }

    private async Task<Dashboard> BuildDashboard(List<CaseSummary> cases, bool truncated)
    {
        var english = System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);
        var open = cases.Where(c => !c.Status.IsTerminal()).ToList();
        Series Count(IEnumerable<IGrouping<string, CaseSummary>> groups)
        {
            var list = groups.OrderByDescending(g => g.Count()).ToList();
            return new Series(list.Select(g => g.Key).ToList(), list.Select(g => (decimal)g.Count()).ToList());
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(clock.Zone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
        var days = Enumerable.Range(0, 30).Select(i => today.AddDays(i - 29)).ToList();
        var since = new DateTimeOffset(days[0].ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(days[0].ToDateTime(TimeOnly.MinValue))).ToUniversalTime();
        DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

        // Only the cases the caller may see (ListCases applies the shop restriction).
        var visible = cases.Select(c => c.Id).ToHashSet();
        var deadlines = (await db.Deadlines.AsNoTracking()
                .Where(d => (d.State == DeadlineState.Met || d.State == DeadlineState.Breached) && (d.ResolvedAt ?? d.DueAt) >= since)
                .Select(d => new { d.CaseId, d.State, At = d.ResolvedAt ?? d.DueAt })
                .ToListAsync())
            .Where(d => visible.Contains(d.CaseId)).ToList();
        var money = (await db.Cases.AsNoTracking().Where(c => c.UpdatedAt >= since)
                .Select(c => new { c.Id, c.Refunds, c.Payout })
                .ToListAsync())
            .Where(c => visible.Contains(c.Id)).ToList();
        var refunds = money.SelectMany(c => c.Refunds).Where(r => r.RefundedAt >= since).ToList();
        var payouts = money.Where(c => c.Payout is not null && c.Payout.PaidAt >= since).Select(c => c.Payout!).ToList();

        return new Dashboard(
            Count(open.GroupBy(c => L("Status." + ConsoleEnum.Camel(c.Status)))),
            Count(open.GroupBy(c => L("Type." + ConsoleEnum.Camel(c.Type)))),
            Count(cases.GroupBy(c => c.Reason is null ? "—" : ReasonCatalog.TryGet(c.Reason, out var r) ? (english ? r.NameEn : r.NameZh) : c.Reason)),
            days.Select(d => d.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            days.Select(d => deadlines.Count(x => x.State == DeadlineState.Met && Day(x.At) == d)).ToList(),
            days.Select(d => deadlines.Count(x => x.State == DeadlineState.Breached && Day(x.At) == d)).ToList(),
            days.Select(d => refunds.Where(r => Day(r.RefundedAt) == d).Sum(r => r.Amount)).ToList(),
            days.Select(d => payouts.Where(p => Day(p.PaidAt) == d).Sum(p => p.Amount)).ToList(),
            refunds.Sum(r => r.Amount),
            payouts.Sum(p => p.Amount),
            cases.Count,
            truncated);
    }

    private string L(string key) => text[key];
}
