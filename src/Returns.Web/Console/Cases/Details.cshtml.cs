using Mediator;
using Microsoft.AspNetCore.Mvc;
using Returns.Domain.Cases;
using Returns.Web.Features.Cases;
using Returns.Web.Features.Cases.Actions;
using Returns.Web.Features.Privacy;
using Returns.Web.Infrastructure.Security;

namespace Returns.Web.Console.Cases;

/// <summary>
/// The case page: facts, amounts, clocks, evidence, notes, timeline, the workflow with the current state, and a
/// small form per allowed action — each sending the same Mediator command as its REST endpoint.
/// </summary>
public sealed class DetailsModel(
    IMediator mediator, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ShopClock clock) : ConsolePage(mediator)
{
    /// <summary>The shop's time zone: the one people type dates and times in.</summary>
    public string Zone => clock.Zone;

    public CaseView? Case { get; private set; }
    public IReadOnlyList<GetTimeline.Entry> Timeline { get; private set; } = [];
    public string Diagram { get; private set; } = "";

    [BindProperty] public int? Version { get; set; }

    /// <summary>The buyer's phone a person revealed just now, with a reason (logged); never kept past this answer.</summary>
    public RevealContact.Disclosure? Revealed { get; private set; }

    [BindProperty] public string? RevealReason { get; set; }

    /// <summary>Agents and supervisors may reveal the phone (docs/business-rules.md §7); everyone else sees it masked.</summary>
    public bool MayRevealContact => User.Has(Permissions.RevealContact);

    /// <summary>The action whose form was sent and refused: it stays open with its errors.</summary>
    public string? PostedAction { get; private set; }
    [BindProperty] public List<IFormFile> Files { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        await Load(id);
        return Case is null ? NotFound() : Page();
    }

    /// <summary>
    /// One action's form: its fields carry the body's JSON names, so it is read into the same body record and sent as
    /// the same command as <c>POST /api/v1/cases/{id}/{action}</c>.
    /// </summary>
    public async Task<IActionResult> OnPostActAsync(Guid id, string action)
    {
        if (!CaseActions.TryParse(action, out var what) || !CaseActionRoutes.TryGet(what, out var route)) return BadRequest();
        PostedAction = action;
        var ok = await Try(async () =>
        {
            var form = Request.Form;
            // People type the other case's number (AS-000123); the API takes its id.
            var linked = what == CaseAction.Link && form["caseId"].ToString() is { Length: > 0 } other && !Guid.TryParse(other, out _)
                ? (await Mediator.Send(new GetCase.Query(other.Trim()))).Id.ToString()
                : null;
            var body = (CaseActionBody)ConsoleForms.Read(name => name == "caseId" && linked is not null ? linked : form[name].ToString(), route.Body, json.Value.SerializerOptions, clock.Zone);
            await Mediator.Send(new ActOnCase.Command(id, body, Version));
        });
        if (ok) return Redirect($"/cases/{id}");
        await Load(id);
        return Case is null ? NotFound() : Page();
    }

    /// <summary>查看完整号码: the same command as <c>POST /api/v1/cases/{id}/reveal-contact</c>; the page shows the number once.</summary>
    public async Task<IActionResult> OnPostRevealAsync(Guid id)
    {
        await Try(async () => Revealed = await Mediator.Send(new RevealContact.Command(id, RevealReason)));
        Response.Headers.CacheControl = "no-store";
        await Load(id);
        return Case is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostEvidenceAsync(Guid id)
    {
        var ok = await Try(async () =>
        {
            var uploads = new List<UploadEvidence.Upload>();
            foreach (var file in Files)
            {
                if (file.Length > UploadEvidence.MaxFileBytes)
                    throw new Infrastructure.ProblemException(413, "payload-too-large", "Payload too large", $"'{file.FileName}' is larger than 10 MB.");
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer);
                uploads.Add(new UploadEvidence.Upload(file.FileName, buffer.ToArray()));
            }
            await Mediator.Send(new UploadEvidence.Command(id, uploads, Version));
        });
        if (ok) return Redirect($"/cases/{id}");
        await Load(id);
        return Case is null ? NotFound() : Page();
    }

    private async Task Load(Guid id)
    {
        await Try(async () =>
        {
            Case = await Mediator.Send(new GetCase.Query(id.ToString()));
            Timeline = (await Mediator.Send(new GetTimeline.Query(id))).Items;
        });
        if (Case is null) return;
        var state = Case.Status.Name();
        Diagram = Readable(Returns.Domain.Workflows.Workflow.Mermaid(Case.Type).TrimEnd())
            + $"\n    classDef current fill:#3370ff,color:#fff,stroke:#1f2329,stroke-width:2px\n    class {state} current\n";
    }

    /// <summary>The diagram in the reader's words: states and actions labelled from the console's texts, ids unchanged.</summary>
    private string Readable(string diagram)
    {
        var lines = diagram.Split('\n').ToList();
        var at = lines.FindIndex(l => l.TrimStart().StartsWith("stateDiagram", StringComparison.Ordinal)) + 1;
        var labels = Returns.Domain.Workflows.Workflow.States(Case!.Type)
            .Select(s => $"    state \"{L["Status." + s.Name()]}\" as {s.Name()}");
        lines.InsertRange(at, labels);
        // Transition labels are the actions' contract names (": approve", ": confirm-receipt [all items pass]").
        var text = System.Text.RegularExpressions.Regex.Replace(string.Join('\n', lines), @" : ([a-z-]+)",
            m => CaseActions.TryParse(m.Groups[1].Value, out _) ? " : " + L["Action." + m.Groups[1].Value] : m.Value);
        // A dynamic transition's condition ("[all items pass]") in the reader's words too.
        return System.Text.RegularExpressions.Regex.Replace(text, @"\[([a-z ]+)\]",
            m => L["Guard." + m.Groups[1].Value] is { ResourceNotFound: false } words ? $"[{words}]" : m.Value);
    }

    private Microsoft.Extensions.Localization.IStringLocalizer<ConsoleText> L =>
        HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<ConsoleText>>();

    public static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
