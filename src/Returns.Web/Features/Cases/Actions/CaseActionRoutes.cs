using Mediator;
using Returns.Domain.Cases;
using Returns.Web.Features.CaseTypes.BadReview;
using Returns.Web.Features.CaseTypes.Discount;
using Returns.Web.Features.CaseTypes.Exchange;
using Returns.Web.Features.CaseTypes.Return;
using Returns.Web.Infrastructure.Security;

namespace Returns.Web.Features.Cases.Actions;

/// <summary>One case action people and integrations take: its body, the permission it needs, what it does.</summary>
public sealed record CaseActionRoute(CaseAction Action, Type Body, string Permission, string Summary, Func<RouteGroupBuilder, RouteHandlerBuilder> Map)
{
    public string Name => Action.Name();
}

/// <summary>
/// Every case action, in one table: it maps the <c>POST /cases/{id}/{action}</c> routes (one OpenAPI operation each),
/// names the permission each needs (<see cref="CaseActionAccess"/> reads it, with the role per case type), and gives the
/// console its forms.
/// A new action is one row here and one body record beside its workflow.
/// </summary>
public static class CaseActionRoutes
{
    public static readonly IReadOnlyList<CaseActionRoute> All =
    [
        Route<ApproveBody>(CaseAction.Approve, Permissions.CasesWrite,
            "Approve the case (quality reasons need evidence; outside the window, or a discount above the cap, a supervisor must approve)."),
        Route<RejectBody>(CaseAction.Reject, Permissions.CasesWrite, "Reject the case, with the reason the buyer will be told."),
        Route<RequestEvidenceBody>(CaseAction.RequestEvidence, Permissions.CasesWrite, "Ask the buyer for evidence (photos); the case waits for it."),
        Route<SubmitEvidenceBody>(CaseAction.SubmitEvidence, Permissions.CasesWrite,
            "Mark the requested evidence as received (upload it first with POST /cases/{id}/evidence)."),
        Route<RecordReturnShipmentBody>(CaseAction.RecordReturnShipment, Permissions.CasesWrite,
            "Record the buyer's return parcel; freight-collect (到付) parcels are refused."),
        Route<RefuseParcelBody>(CaseAction.RefuseParcel, Permissions.Warehouse,
            "Refuse the return parcel at the warehouse; the case waits for a new shipment."),
        Route<ConfirmReceiptBody>(CaseAction.ConfirmReceipt, Permissions.Warehouse, "Confirm the return parcel arrived, with each item's condition."),
        Route<RefundBody>(CaseAction.Refund, Permissions.CasesWrite, "Record the refund (platform refund or Alipay transfer) and complete the case."),
        Route<ShipReplacementBody>(CaseAction.ShipReplacement, Permissions.Warehouse, "Record the replacement shipment of an exchange."),
        Route<ConfirmDeliveryBody>(CaseAction.ConfirmDelivery, Permissions.CasesWrite, "Confirm the buyer received the replacement; completes the exchange."),
        Route<ConvertToRefundBody>(CaseAction.ConvertToRefund, Permissions.CasesWrite, "Turn an exchange into a refund (e.g. the replacement is out of stock)."),
        Route<RefundPostageBody>(CaseAction.RefundPostage, Permissions.CasesWrite,
            "Pay back the return postage an exchange owes the buyer (never more than owed); a delivered exchange completes once it is paid."),
        Route<SyncPlatformDeadlinesBody>(CaseAction.SyncPlatformDeadlines, Permissions.CasesWrite,
            "Take the marketplace's own due times for this case's clocks (seller decision, evidence, return shipment, receipt): each wins over the shop's configured length, and a running clock is planned again with its warnings."),
        Route<AssignBody>(CaseAction.Assign, Permissions.CasesWrite, "Assign the case to an active agent or supervisor (user name); anyone else is 422 unknown-assignee."),
        Route<AddNoteBody>(CaseAction.AddNote, Permissions.Evidence, "Add a note to the case."),
        Route<LinkBody>(CaseAction.Link, Permissions.CasesWrite, "Link another case to this one."),
        Route<CancelBody>(CaseAction.Cancel, Permissions.CasesWrite, "Cancel the case."),
        Route<RecordPayoutBody>(CaseAction.RecordPayout, Permissions.CasesWrite,
            "Record the discount's payout (never more than approved; amount defaults to the approved compensation)."),
        Route<ContactBuyerBody>(CaseAction.ContactBuyer, Permissions.Reviews, "Log an attempt to contact the buyer about the review."),
        Route<BuyerAgreedBody>(CaseAction.BuyerAgreed, Permissions.Reviews, "The buyer agreed to revise the review."),
        Route<ConfirmRevisedBody>(CaseAction.ConfirmRevised, Permissions.Reviews, "Confirm the buyer revised the review, with the new rating."),
        Route<PostExplanationBody>(CaseAction.PostExplanation, Permissions.Reviews,
            "Post the shop's explanation of the review (refused after the explanation window with outside-window)."),
        Route<MarkMaliciousBody>(CaseAction.MarkMalicious, Permissions.Reviews,
            "Mark the review as malicious, with the reason and evidence (chat logs, photos: upload them as evidence too)."),
        Route<FileAppealBody>(CaseAction.FileAppeal, Permissions.Reviews, "Record the platform appeal's reference."),
        Route<AppealUpheldBody>(CaseAction.AppealUpheld, Permissions.Reviews, "The platform upheld the appeal."),
        Route<AppealRejectedBody>(CaseAction.AppealRejected, Permissions.Reviews, "The platform rejected the appeal."),
    ];

    private static readonly Dictionary<CaseAction, CaseActionRoute> ByAction = All.ToDictionary(r => r.Action);

    private static readonly Dictionary<Type, CaseAction> ByBody = All.ToDictionary(r => r.Body, r => r.Action);

    public static bool TryGet(CaseAction action, out CaseActionRoute route) => ByAction.TryGetValue(action, out route!);

    public static Type BodyOf(CaseAction action) => ByAction[action].Body;

    public static CaseAction ActionOf(CaseActionBody body) => ByBody[body.GetType()];

    public static void MapCaseActions(this RouteGroupBuilder cases)
    {
        foreach (var route in All) route.Map(cases);
    }

    private static CaseActionRoute Route<TBody>(CaseAction action, string permission, string summary) where TBody : CaseActionBody =>
        new(action, typeof(TBody), permission, summary, cases =>
            cases.MapPost($"{{id:guid}}/{action.Name()}",
                    async (Guid id, TBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                        CaseEndpoints.Ok(http, await mediator.Send(new ActOnCase.Command(id, body, CaseEndpoints.IfMatch(http)), ct)))
                .WithName(string.Concat(action.Name().Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..])))
                .WithSummary(summary)
                .RequireAuthorization(CaseActionAccess.PolicyFor(action))
                .Produces<CaseView>()
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity));
}
