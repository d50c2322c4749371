using Returns.Client;
using Returns.Web.Tests.Support;

namespace Returns.Client.Tests;

/// <summary>
/// Issue 18: a client generated from the committed openapi/returns.v1.json with NSwag's defaults works as generated.
/// Each test walks the real service over HTTP with that client only, as an integrator would write it: no raw
/// requests, no serializer settings, no patches. A failure here is a fault of the document (or of the service
/// against its document): the generated code is the document's promise, read literally.
/// </summary>
public abstract class GeneratedClientWalkTests(ReturnsApp app)
{
    private const string Photo = "photo.jpg";

    /// <summary>The shop's ERP, with an API key.</summary>
    private Client Erp
    {
        get
        {
            Skip.If(app.Unavailable is not null, app.Unavailable);
            return Clients.Integration(app);
        }
    }

    private Client Warehouse => Clients.Person(app, "warehouse.li", "warehouse");

    private Client Supervisor => Clients.Person(app, "supervisor.wang", "supervisor");

    /// <summary>
    /// Attaches a photo as the document describes it: a multipart body with parts named 'file', on add-evidence (the
    /// document marks the older POST /cases/{id}/evidence deprecated, and the generated method [Obsolete]).
    /// </summary>
    private static Task<CaseView> UploadPhoto(Client client, Guid id) =>
        client.AddEvidenceAsync(id, null, null, [new FileParameter(new MemoryStream(Api.Jpeg), Photo, "image/jpeg")]);

    [SkippableFact]
    public async Task Quality_return_with_a_photo_goes_from_creation_to_refund()
    {
        var erp = Erp;
        var created = await erp.CreateCaseAsync(Orders.Case(CaseType.Return, "quality.defective"), null);
        Assert.Equal(CaseStatus.Submitted, created.Status);
        Assert.Equal(Responsibility.Seller, created.Responsibility);
        Assert.Matches("^AS-[0-9]{6,}$", created.Number);
        Assert.Equal(1, created.Version);
        // Nobody set a priority: the service's default is normal.
        Assert.Equal(Priority.Normal, created.Priority);
        var id = created.Id;

        // Quality reasons need evidence first: a typed 422.
        await Problems.Refused(422, ProblemCode.EvidenceRequired, () => erp.ApproveAsync(id, null, null, new ApproveBody()));

        var withPhoto = await UploadPhoto(erp, id);
        var evidence = Assert.Single(withPhoto.Evidence);
        Assert.Equal("image/jpeg", evidence.ContentType);
        Assert.Equal(Api.Jpeg.Length, evidence.Size);

        Assert.Equal(CaseStatus.AwaitingReturnShipment, (await erp.ApproveAsync(id, null, null, new ApproveBody { Note = "照片确认开线" })).Status);
        var tracking = "SF1001" + id.ToString("N")[^6..].ToUpperInvariant();
        var inTransit = await erp.RecordReturnShipmentAsync(id, null, null, Orders.Shipment(tracking, postage: 12.00m));
        Assert.Equal(CaseStatus.ReturnInTransit, inTransit.Status);
        Assert.Equal(tracking, inTransit.ReturnShipment.TrackingNumber);

        // The warehouse scans the parcel; the service finds the case by its tracking number.
        var scan = await Warehouse.ScanParcelAsync(new ScanParcelCommand
        {
            TrackingNumber = " " + tracking.ToLowerInvariant() + " ",
            Items = Orders.One(ItemCondition.Damaged),
            FreightCollect = false,
        }, null);
        Assert.Equal(ScanParcelOutcome.Confirmed, scan.Outcome);
        Assert.Equal(id, scan.Case.Id);
        Assert.Equal(CaseStatus.RefundPending, scan.Case.Status);
        Assert.Equal(199.00m, scan.Case.Amounts.ItemsTotal);
        Assert.Equal(12.00m, scan.Case.Amounts.PostageReimbursement);
        Assert.Equal(211.00m, scan.Case.Amounts.RefundDue);

        await Problems.Refused(422, ProblemCode.RefundExceedsDue,
            () => erp.RefundAsync(id, null, null, new RefundBody { Amount = 211.01m, Method = PayoutMethod.PlatformRefund, Reference = "RF-1" }));
        var refunded = await erp.RefundAsync(id, null, null, new RefundBody { Amount = 211.00m, Method = PayoutMethod.AlipayTransfer, Reference = "ALIPAY-20261120-1" });
        Assert.Equal(CaseStatus.Completed, refunded.Status);
        Assert.Equal(211.00m, refunded.Amounts.Refunded);
        Assert.Empty(refunded.AllowedActions);

        var timeline = (await erp.GetTimelineAsync(id)).Items.ToList();
        Assert.Equal(
            ["create", "add-evidence", "approve", "record-return-shipment", "confirm-receipt", "refund"],
            timeline.Select(e => e.Action).ToArray());
        Assert.Equal("key:bootstrap", timeline[0].Actor);
        Assert.Equal("warehouse.li", timeline[4].Actor);
        Assert.Equal(Role.Warehouse, timeline[4].ActorRole);
        Assert.Equal(CaseStatus.ReturnInTransit, timeline[4].From);
        Assert.Equal(CaseStatus.RefundPending, timeline[4].To);
        Assert.Equal(6, timeline[5].Version);
    }

    [SkippableFact]
    public async Task Exchange_ships_a_replacement_and_completes_on_delivery()
    {
        var erp = Erp;
        var id = (await erp.CreateCaseAsync(Orders.Case(CaseType.Exchange, "nonQuality.wrongSize"), null)).Id;
        Assert.Equal(CaseStatus.AwaitingReturnShipment, (await erp.ApproveAsync(id, null, null, new ApproveBody())).Status);
        Assert.Equal(CaseStatus.ReturnInTransit,
            (await erp.RecordReturnShipmentAsync(id, null, null, Orders.Shipment("ZT3003" + id.ToString("N")[^6..], postage: 10.00m))).Status);

        // This time the receipt is confirmed on the case itself rather than by a scan.
        var received = await erp.ConfirmReceiptAsync(id, null, null, new ConfirmReceiptBody { Items = Orders.One(ItemCondition.Resaleable) });
        Assert.Equal(CaseStatus.ReplacementPending, received.Status);
        Assert.True(Assert.Single(received.Inspection.Items).Passed);

        var shipped = await erp.ShipReplacementAsync(id, null, null, new ShipReplacementBody { Carrier = "ZTO", TrackingNumber = "ZTO-778899" + id.ToString("N")[..4] });
        Assert.Equal(CaseStatus.ReplacementShipped, shipped.Status);
        Assert.Equal("ZTO-778899" + id.ToString("N")[..4], shipped.Replacement.TrackingNumber);

        var done = await erp.ConfirmDeliveryAsync(id, null, null, new ConfirmDeliveryBody());
        Assert.Equal(CaseStatus.Completed, done.Status);
        Assert.Equal("DRESS-RED-L", Assert.Single(done.ExchangeFor).Sku);
    }

    [SkippableFact]
    public async Task Discount_above_the_cap_is_approved_by_a_supervisor_and_paid_out()
    {
        var erp = Erp;
        var body = Orders.Case(CaseType.Discount, "quality.defective");
        body.Compensation = new CreateCaseCompensationBody { Amount = 8.01m, Defect = "袖口线头" };
        var created = await erp.CreateCaseAsync(body, null);
        // The cap is the shipping fee (8.00): 8.01 waits for a supervisor.
        Assert.Equal(CaseStatus.AwaitingApproval, created.Status);
        Assert.True(created.AwaitingSupervisor);
        Assert.Equal(SupervisorReason.CompensationAboveCap, created.SupervisorReason);
        Assert.Equal(8.00m, created.Compensation.Cap);

        var approved = await Supervisor.ApproveAsync(created.Id, null, null, new ApproveBody { Note = "老客户" });
        Assert.Equal(CaseStatus.Approved, approved.Status);
        Assert.Equal("supervisor.wang", approved.Compensation.ApprovedBy);

        await Problems.Refused(422, ProblemCode.PayoutExceedsApproved, () => erp.RecordPayoutAsync(created.Id, null, null,
            new RecordPayoutBody { Method = PayoutMethod.AlipayTransfer, Reference = "2026112022001", Amount = 8.02m }));
        var paid = await erp.RecordPayoutAsync(created.Id, null, null, new RecordPayoutBody { Method = PayoutMethod.AlipayTransfer, Reference = "2026112022001" });
        Assert.Equal(CaseStatus.Completed, paid.Status);
        Assert.Equal(8.01m, paid.Payout.Amount);
        Assert.Equal(8.01m, paid.Amounts.Refunded);
        Assert.Equal(8.01m, paid.Amounts.Compensation);
    }

    [SkippableFact]
    public async Task Bad_review_is_recovered_after_contacting_the_buyer()
    {
        var erp = Erp;
        var body = Orders.Case(CaseType.BadReview, reason: null);
        var postedAt = app.Clock.GetUtcNow().AddDays(-1);
        body.Review = new CreateCaseReviewBody { Rating = ReviewRating.Bad, Content = "质量太差,穿一次就开线", PostedAt = postedAt };
        var created = await erp.CreateCaseAsync(body, null);
        Assert.Equal(CaseStatus.Open, created.Status);
        Assert.Equal(postedAt.AddDays(15), created.ExplanationDueAt);
        Assert.Equal(postedAt.AddDays(30), created.RevisionDueAt);
        var id = created.Id;

        var contacted = await erp.ContactBuyerAsync(id, null, null, new ContactBuyerBody { Channel = ContactChannel.Wangwang, Outcome = ContactOutcome.Reached, Note = "答应换货后改评" });
        Assert.Equal(CaseStatus.Contacting, contacted.Status);
        Assert.Equal(ContactOutcome.Reached, Assert.Single(contacted.ContactAttempts).Outcome);
        var explained = await erp.PostExplanationAsync(id, null, null, new PostExplanationBody { Text = "亲,已为您安排换货,给您带来不便深表歉意。" });
        Assert.Equal(CaseStatus.Contacting, explained.Status);
        Assert.Equal("key:bootstrap", explained.Explanation.By);
        Assert.Equal(CaseStatus.AwaitingRevision, (await erp.BuyerAgreedAsync(id, null, null, new BuyerAgreedBody { Note = "换货后修改" })).Status);

        await Problems.Refused(422, ProblemCode.RatingNotImproved, () => erp.ConfirmRevisedAsync(id, null, null, new ConfirmRevisedBody { NewRating = ReviewRating.Bad }));
        var done = await erp.ConfirmRevisedAsync(id, null, null, new ConfirmRevisedBody { NewRating = ReviewRating.Good });
        Assert.Equal(CaseStatus.Completed, done.Status);
        Assert.Equal(ReviewRating.Good, done.RevisedRating);
    }

    [SkippableFact]
    public async Task Stale_If_Match_is_a_typed_412_and_changes_nothing()
    {
        var erp = Erp;
        var created = await erp.CreateCaseAsync(Orders.Case(CaseType.Return, "nonQuality.changedMind"), null);
        var noted = await erp.AddNoteAsync(created.Id, null, null, new AddNoteBody { Text = "买家说周末寄回" });
        Assert.Equal(2, noted.Version);

        // The integrator still holds version 1 (the ETag is the quoted version).
        var stale = await Problems.Refused(412, ProblemCode.PreconditionFailed,
            () => erp.ApproveAsync(created.Id, null, $"\"{created.Version}\"", new ApproveBody()));
        Assert.Equal(2, stale.CurrentVersion);
        Assert.Equal(CaseStatus.Submitted, (await erp.GetCaseAsync(created.Id.ToString())).Status);

        // The problem says which version to send.
        var approved = await erp.ApproveAsync(created.Id, null, $"\"{stale.CurrentVersion}\"", new ApproveBody());
        Assert.Equal(CaseStatus.AwaitingReturnShipment, approved.Status);
    }

    [SkippableFact]
    public async Task Idempotency_key_sent_twice_creates_one_case()
    {
        var erp = Erp;
        var order = Bodies.NewOrderNumber();
        var key = "erp-" + Guid.NewGuid().ToString("N");
        var first = await erp.CreateCaseAsync(Orders.Case(CaseType.Return, "nonQuality.changedMind", orderNumber: order), key);
        // The ERP timed out and sends the very same request again.
        var replay = await erp.CreateCaseAsync(Orders.Case(CaseType.Return, "nonQuality.changedMind", orderNumber: order), key);
        Assert.Equal(first.Id, replay.Id);
        Assert.Equal(first.Number, replay.Number);

        var cases = await erp.ListCasesAsync(null, null, null, null, order, null, null, null, null, null, null);
        Assert.Equal(first.Id, Assert.Single(cases.Items).Id);
        Assert.Single((await erp.GetTimelineAsync(first.Id)).Items);
    }

    [SkippableFact]
    public async Task Action_not_allowed_in_the_state_is_a_typed_409_and_changes_nothing()
    {
        var erp = Erp;
        var created = await erp.CreateCaseAsync(Orders.Case(CaseType.Return, "nonQuality.changedMind"), null);
        var refused = await Problems.Refused(409, ProblemCode.InvalidTransition,
            () => erp.RefundAsync(created.Id, null, null, new RefundBody { Amount = 10.00m, Method = PayoutMethod.PlatformRefund, Reference = "X" }));
        Assert.Equal(CaseStatus.Submitted, refused.CaseStatus);
        Assert.Contains(CaseActionName.Approve, refused.AllowedActions);
        Assert.DoesNotContain(CaseActionName.Refund, refused.AllowedActions);
        var after = await erp.GetCaseAsync(created.Id.ToString());
        Assert.Equal(1, after.Version);
        Assert.Equal(refused.AllowedActions.OrderBy(a => a), after.AllowedActions.OrderBy(a => a));
    }

    [SkippableFact]
    public async Task Same_idempotency_key_with_another_body_is_a_typed_409()
    {
        var erp = Erp;
        var key = "erp-" + Guid.NewGuid().ToString("N");
        await erp.CreateCaseAsync(Orders.Case(CaseType.Return, "nonQuality.changedMind"), key);
        await Problems.Refused(409, ProblemCode.IdempotencyKeyReused,
            () => erp.CreateCaseAsync(Orders.Case(CaseType.Return, "nonQuality.changedMind"), key));
    }

    [SkippableFact]
    public async Task Policy_refusal_on_create_is_a_typed_422_and_creates_nothing()
    {
        var erp = Erp;
        var order = Bodies.NewOrderNumber();
        var body = Orders.Case(CaseType.Discount, "quality.defective", orderNumber: order);
        body.Compensation = new CreateCaseCompensationBody { Amount = 424.50m, Defect = "袖口线头" };
        await Problems.Refused(422, ProblemCode.CompensationExceedsGoods, () => erp.CreateCaseAsync(body, null));
        Assert.Empty((await erp.ListCasesAsync(null, null, null, null, order, null, null, null, null, null, null)).Items);
    }

    [SkippableFact]
    public async Task A_signed_in_person_reads_their_notifications_and_the_shift_handover()
    {
        Skip.If(app.Unavailable is not null, app.Unavailable);
        var agent = Clients.Person(app, "agent.zhang", "agent");
        var created = await agent.CreateCaseAsync(Orders.Case(CaseType.Return, "nonQuality.changedMind"), null);
        Assert.Equal("agent.zhang", created.CreatedBy);

        var notifications = await agent.ListNotificationsAsync(null, null);
        Assert.Equal(notifications.Items.Count(n => n.ReadAt is null), notifications.Unread);

        var handover = await agent.ShiftHandoverAsync(null, null);
        Assert.False(string.IsNullOrEmpty(handover.Shift.Name));
        Assert.True(handover.Shift.EndsAt > handover.Shift.StartsAt);
        Assert.Contains(handover.Items, i => i.Case.Id == created.Id);
    }
}

public sealed class SqliteGeneratedClientWalkTests(SqliteApp app) : GeneratedClientWalkTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresGeneratedClientWalkTests(PostgresApp app) : GeneratedClientWalkTests(app), IClassFixture<PostgresApp>;
