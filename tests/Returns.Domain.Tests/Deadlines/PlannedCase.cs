using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Returns.Domain.Notifications;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Deadlines;

/// <summary>
/// A case walked step by step at the builder's clock, which the tests move forward. Each step is just the case
/// method: the case starts, meets and cancels its own clocks in the transition, under the builder's shop policy.
/// </summary>
internal sealed class PlannedCase
{
    private PlannedCase(CaseBuilder builder, Case @case)
    {
        Builder = builder;
        Case = @case;
    }

    public CaseBuilder Builder { get; }

    public Case Case { get; }

    public DateTimeOffset Now => Builder.Now;

    /// <summary>Opens the case now.</summary>
    public static PlannedCase Open(CaseBuilder builder, Actor? actor = null) => new(builder, builder.Open(actor));

    /// <summary>Walks a new case to <paramref name="status"/> with the builder (every step now).</summary>
    public static PlannedCase In(CaseBuilder builder, CaseStatus status) => new(builder, builder.In(status));

    // ---- time ----------------------------------------------------------------------------------

    public PlannedCase At(DateTimeOffset now)
    {
        Builder.Clock.SetUtcNow(now);
        return this;
    }

    public PlannedCase After(TimeSpan elapsed)
    {
        Builder.Clock.Advance(elapsed);
        return this;
    }

    // ---- steps ---------------------------------------------------------------------------------

    /// <summary>One step on the case at the current time, by <paramref name="actor"/>.</summary>
    public PlannedCase Do(Actor actor, Action<Case, ActionContext> step)
    {
        step(Case, Builder.At(actor));
        return this;
    }

    public PlannedCase Approve(Actor? actor = null) => Do(actor ?? Actors.Supervisor, (c, at) => c.Approve("Agreed.", at));

    public PlannedCase Reject(Actor? actor = null) => Do(actor ?? Actors.Supervisor, (c, at) => c.Reject(RejectionCode.Duplicate, "Duplicate of an earlier request.", at));

    public PlannedCase RequestEvidence(Actor? actor = null) =>
        Do(actor ?? Actors.Agent, (c, at) => c.RequestEvidence("Please send a photo of the problem.", at));

    /// <summary>The buyer's photo arrives and is submitted, as two steps.</summary>
    public PlannedCase SubmitEvidence(Actor? actor = null) =>
        Do(actor ?? Actors.Agent, (c, at) => c.AddEvidence(Builder.Photo(), at))
            .Do(actor ?? Actors.Agent, (c, at) => c.SubmitEvidence("Photo attached.", at));

    public PlannedCase RecordReturnShipment(Actor? actor = null) =>
        Do(actor ?? Actors.Agent, (c, at) => c.RecordReturnShipment("SF Express", "sf1234567890", CaseBuilder.ReturnPostage, false, at));

    public PlannedCase RefuseParcel() => Do(Actors.Warehouse, (c, at) => c.RefuseParcel("Arrived freight-collect.", at));

    /// <summary>
    /// Every claimed unit arrives resaleable (inspection passes), or, when it fails, one unit is not the item
    /// sold (so part of the refund is still due).
    /// </summary>
    public PlannedCase ConfirmReceipt(bool passes = true) =>
        Do(Actors.Warehouse, (c, at) => c.ConfirmReceipt(
            passes ? Builder.AllItems(ItemCondition.Resaleable) : OneWrongItem(), passes ? null : "One unit is a different product.", at));

    private IReadOnlyList<(string Sku, int Quantity, ItemCondition Condition)> OneWrongItem()
    {
        var (sku, quantity, _) = Builder.AllItems(ItemCondition.Resaleable)[0];
        return quantity > 1
            ? [(sku, quantity - 1, ItemCondition.Resaleable), (sku, 1, ItemCondition.WrongItem)]
            : [(sku, 1, ItemCondition.WrongItem)];
    }

    public PlannedCase Refund() =>
        Do(Actors.Supervisor, (c, at) => c.Refund(c.RefundDue, PayoutMethod.PlatformRefund, "TB-RF-1", at));

    public PlannedCase ShipReplacement() => Do(Actors.Warehouse, (c, at) => c.ShipReplacement("YTO", "yt9876543210", at));

    public PlannedCase ConfirmDelivery() => Do(Actors.Agent, (c, at) => c.ConfirmDelivery(at));

    public PlannedCase ConvertToRefund() => Do(Actors.Supervisor, (c, at) => c.ConvertToRefund("Size L is out of stock.", at));

    public PlannedCase Expire() => Do(Actors.System, (c, at) => c.Expire("The buyer did not act in time.", at));

    public PlannedCase PlatformRefund() => Do(Actors.System, (c, at) => c.PlatformRefund(at));

    public PlannedCase RecordPayout() =>
        Do(Actors.Supervisor, (c, at) => c.RecordPayout(PayoutMethod.AlipayTransfer, "2026110122009", null, null, at));

    public PlannedCase ContactBuyer(ContactOutcome outcome, Actor? actor = null) =>
        Do(actor ?? Actors.Agent, (c, at) => c.ContactBuyer(ContactChannel.Phone, outcome, null, at));

    public PlannedCase BuyerAgreed() => Do(Actors.Agent, (c, at) => c.BuyerAgreed("Will revise tonight.", at));

    public PlannedCase ConfirmRevised() => Do(Actors.Agent, (c, at) => c.ConfirmRevised(ReviewRating.Good, at));

    public PlannedCase PostExplanation() =>
        Do(Actors.Agent, (c, at) => c.PostExplanation("Sorry about the shrinking; a replacement is on its way.", at));

    public PlannedCase MarkMalicious() =>
        Do(Actors.Supervisor, (c, at) => c.MarkMalicious("Asks for 50.00 to remove the review.", "chat.png", at));

    public PlannedCase FileAppeal() => Do(Actors.Supervisor, (c, at) => c.FileAppeal("TM-APPEAL-0001", at));

    public PlannedCase AppealUpheld() => Do(Actors.Supervisor, (c, at) => c.AppealUpheld(at));

    public PlannedCase AppealRejected() => Do(Actors.Supervisor, (c, at) => c.AppealRejected(at));

    public PlannedCase Lock() => Do(Actors.System, (c, at) => c.Lock(at));

    public PlannedCase Cancel(Actor? actor = null) =>
        Do(actor ?? Actors.Supervisor, (c, at) => c.Cancel("The buyer withdrew the request.", at));

    public PlannedCase Assign(string assignee) => Do(Actors.Supervisor, (c, at) => c.Assign(assignee, Actors.ActiveAgent(assignee), at));

    public PlannedCase AddNote(Actor actor) => Do(actor, (c, at) => c.AddNote("Buyer called again.", at));

    // ---- the sweep -----------------------------------------------------------------------------

    /// <summary>The sweep, now, finds <paramref name="deadline"/> and the case answers it (as the system, under the builder's policy).</summary>
    public IReadOnlyList<Notification> OnClock(CaseDeadline deadline) => Case.OnClock(deadline, Builder.At(Actors.System));

    /// <summary>The sweep, now, finds the one running clock of this kind and the case answers it.</summary>
    public IReadOnlyList<Notification> OnClock(DeadlineKind kind) => OnClock(Running(kind));

    // ---- the clocks ----------------------------------------------------------------------------

    /// <summary>The one running clock of this kind (fails when there is none or more than one).</summary>
    public CaseDeadline Running(DeadlineKind kind) => Assert.Single(Case.Deadlines, d => d.Kind == kind && d.IsRunning);

    /// <summary>The one clock of this kind ever started (fails when there is none or more than one).</summary>
    public CaseDeadline Only(DeadlineKind kind) => Assert.Single(Case.Deadlines, d => d.Kind == kind);

    /// <summary>Every clock of this kind, oldest first.</summary>
    public IReadOnlyList<CaseDeadline> All(DeadlineKind kind) => Case.Deadlines.Where(d => d.Kind == kind).ToList();

    public bool Has(DeadlineKind kind) => Case.Deadlines.Any(d => d.Kind == kind);

    /// <summary>The kinds of the clocks still running, in enum order.</summary>
    public IReadOnlyList<DeadlineKind> RunningKinds => Case.Deadlines.Where(d => d.IsRunning).Select(d => d.Kind).Order().ToList();
}
