using Mediator;
using Microsoft.AspNetCore.Mvc;
using Returns.Domain.Cases;
using Returns.Web.Features.Cases;
using Returns.Web.Features.Cases.Actions;
using Returns.Web.Features.Catalog;

namespace Returns.Web.Console.Cases;

/// <summary>
/// The case page: facts, amounts, clocks, evidence, notes, timeline, the workflow with the current state, and a
/// small form per allowed action — each sending the same Mediator command as its REST endpoint.
/// </summary>
public sealed class DetailsModel(IMediator mediator) : ConsolePage(mediator)
{
    public CaseView? Case { get; private set; }
    public IReadOnlyList<GetTimeline.Entry> Timeline { get; private set; } = [];
    public string Diagram { get; private set; } = "";

    [BindProperty] public int? Version { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Message { get; set; }
    [BindProperty] public string? Carrier { get; set; }
    [BindProperty] public string? TrackingNumber { get; set; }
    [BindProperty] public decimal? Postage { get; set; }
    [BindProperty] public bool FreightCollect { get; set; }
    [BindProperty] public decimal? Amount { get; set; }
    [BindProperty] public PayoutMethod? Method { get; set; }
    [BindProperty] public string? Reference { get; set; }
    [BindProperty] public ContactChannel? Channel { get; set; }
    [BindProperty] public ContactOutcome? Outcome { get; set; }
    [BindProperty] public ReviewRating? NewRating { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Evidence { get; set; }
    [BindProperty] public string? Assignee { get; set; }
    [BindProperty] public string? LinkTo { get; set; }
    [BindProperty] public List<ItemCondition> Conditions { get; set; } = [];
    [BindProperty] public List<IFormFile> Files { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        await Load(id);
        return Case is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostActAsync(Guid id, string action)
    {
        if (!CaseActions.TryParse(action, out var what)) return BadRequest();
        var ok = await Try(async () =>
        {
            var command = await Command(id, what);
            await Mediator.Send(command);
        });
        if (ok) return Redirect($"/cases/{id}");
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
            if (uploads.Count == 0) throw Infrastructure.ProblemException.Validation("file", "Choose at least one image.");
            await Mediator.Send(new UploadEvidence.Command(id, uploads, Version));
        });
        if (ok) return Redirect($"/cases/{id}");
        await Load(id);
        return Case is null ? NotFound() : Page();
    }

    private async Task<ICaseCommand> Command(Guid id, CaseAction action) => action switch
    {
        CaseAction.Approve => new Approve.Command(id, Note, Version),
        CaseAction.Reject => new Reject.Command(id, Reason, Version),
        CaseAction.RequestEvidence => new RequestEvidence.Command(id, Message, Version),
        CaseAction.SubmitEvidence => new SubmitEvidence.Command(id, Note, Version),
        CaseAction.RecordReturnShipment => new RecordReturnShipment.Command(id, Carrier, TrackingNumber, Postage ?? 0m, FreightCollect, Version),
        CaseAction.RefuseParcel => new RefuseParcel.Command(id, Reason, Version),
        CaseAction.ConfirmReceipt => await ConfirmReceiptCommand(id),
        CaseAction.Refund => new Refund.Command(id, Amount, Method, Reference, Version),
        CaseAction.ShipReplacement => new ShipReplacement.Command(id, Carrier, TrackingNumber, Version),
        CaseAction.ConfirmDelivery => new ConfirmDelivery.Command(id, Version),
        CaseAction.ConvertToRefund => new ConvertToRefund.Command(id, Reason, Version),
        CaseAction.RecordPayout => new RecordPayout.Command(id, Method, Reference, Amount, null, Version),
        CaseAction.ContactBuyer => new ContactBuyer.Command(id, Channel, Outcome, Note, Version),
        CaseAction.BuyerAgreed => new BuyerAgreed.Command(id, Note, Version),
        CaseAction.ConfirmRevised => new ConfirmRevised.Command(id, NewRating, Version),
        CaseAction.PostExplanation => new PostExplanation.Command(id, Text, Version),
        CaseAction.MarkMalicious => new MarkMalicious.Command(id, Reason, Evidence, Version),
        CaseAction.FileAppeal => new FileAppeal.Command(id, Reference, Version),
        CaseAction.AppealUpheld => new AppealUpheld.Command(id, Version),
        CaseAction.AppealRejected => new AppealRejected.Command(id, Version),
        CaseAction.Assign => new Assign.Command(id, Assignee, Version),
        CaseAction.AddNote => new AddNote.Command(id, Text, Version),
        CaseAction.Link => new Link.Command(id, await LinkedCaseId(), Version),
        CaseAction.Cancel => new Cancel.Command(id, Reason, Version),
        _ => throw Infrastructure.ProblemException.Validation("action", $"'{action.Name()}' is not done from this page."),
    };

    private async Task<ICaseCommand> ConfirmReceiptCommand(Guid id)
    {
        var current = await Mediator.Send(new GetCase.Query(id.ToString()));
        var items = current.Items.Select((item, i) => new ConfirmReceipt.ReceivedItem(item.Sku, item.Quantity,
            i < Conditions.Count ? Conditions[i] : null)).ToList();
        return new ConfirmReceipt.Command(id, items, Note, Version);
    }

    private async Task<Guid?> LinkedCaseId()
    {
        if (string.IsNullOrWhiteSpace(LinkTo)) return null;
        var other = await Mediator.Send(new GetCase.Query(LinkTo.Trim()));
        return other.Id;
    }

    private async Task Load(Guid id)
    {
        await Try(async () =>
        {
            Case = await Mediator.Send(new GetCase.Query(id.ToString()));
            Timeline = (await Mediator.Send(new GetTimeline.Query(id))).Items;
        });
        if (Case is null) return;
        var state = char.ToLowerInvariant(Case.Status.ToString()[0]) + Case.Status.ToString()[1..];
        Diagram = DescribeWorkflows.Describe(Case.Type).Mermaid.TrimEnd()
            + $"\n    classDef current fill:#3370ff,color:#fff,stroke:#1f2329,stroke-width:2px\n    class {state} current\n";
    }

    public static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
