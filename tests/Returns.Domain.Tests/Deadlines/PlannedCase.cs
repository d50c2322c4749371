using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Deadlines;

/// <summary>
/// A case whose clocks are planned after every step, as the app does before saving: the case method runs,
/// <see cref="DeadlinePlanner.Plan"/> reads the new timeline entries, then the data layer marks them saved so
/// that no entry is planned twice. Steps happen at the builder's clock, which the tests move forward.
/// </summary>
internal sealed class PlannedCase
{
    private PlannedCase(CaseBuilder builder, Case @case)
    {
        Builder = builder;
        Case = @case;
        Plan();
    }

    public CaseBuilder Builder { get; }

    public Case Case { get; }

    public DateTimeOffset Now => Builder.Now;

    /// <summary>Opens the case now and plans its creation.</summary>
    public static PlannedCase Open(CaseBuilder builder, Actor? actor = null) => new(builder, builder.Open(actor));

    /// <summary>Walks a new case to <paramref name="status"/> with the builder (every step now) and plans the walk.</summary>
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

    /// <summary>One step on the case at the current time, then the planner, then "saved".</summary>
    public PlannedCase Do(Action<Case, DateTimeOffset> step)
    {
        step(Case, Now);
        Plan();
        return this;
    }

    public PlannedCase Approve(Actor? actor = null) =>
        Do((c, now) => c.Approve("Agreed.", Builder.Policy, actor ?? Actors.Supervisor, now));

    public PlannedCase Reject(Actor? actor = null) => Do((c, now) => c.Reject("Not our product.", actor ?? Actors.Supervisor, now));

    public PlannedCase RequestEvidence(Actor? actor = null) =>
        Do((c, now) => c.RequestEvidence("Please send a photo of the problem.", actor ?? Actors.Agent, now));

    /// <summary>The buyer's photo arrives and is submitted, as two steps.</summary>
    public PlannedCase SubmitEvidence(Actor? actor = null) =>
        Do((c, now) => c.AddEvidence(Builder.Photo(), actor ?? Actors.Agent, now))
            .Do((c, now) => c.SubmitEvidence("Photo attached.", actor ?? Actors.Agent, now));

    public PlannedCase RecordReturnShipment(Actor? actor = null) =>
        Do((c, now) => c.RecordReturnShipment("SF Express", "sf1234567890", CaseBuilder.ReturnPostage, false, Builder.Policy, actor ?? Actors.Agent, now));

    public PlannedCase RefuseParcel() => Do((c, now) => c.RefuseParcel("Arrived freight-collect.", Actors.Warehouse, now));

    /// <summary>
    /// Every claimed unit arrives resaleable (inspection passes), or, when it fails, one unit is not the item
    /// sold (so part of the refund is still due).
    /// </summary>
    public PlannedCase ConfirmReceipt(bool passes = true) =>
        Do((c, now) => c.ConfirmReceipt(passes ? Builder.AllItems(ItemCondition.Resaleable) : OneWrongItem(), passes ? null : "One unit is a different product.", Actors.Warehouse, now));

    private IReadOnlyList<(string Sku, int Quantity, ItemCondition Condition)> OneWrongItem()
    {
        var (sku, quantity, _) = Builder.AllItems(ItemCondition.Resaleable)[0];
        return quantity > 1
            ? [(sku, quantity - 1, ItemCondition.Resaleable), (sku, 1, ItemCondition.WrongItem)]
            : [(sku, 1, ItemCondition.WrongItem)];
    }

    public PlannedCase Refund() =>
        Do((c, now) => c.Refund(c.RefundDue, PayoutMethod.PlatformRefund, "TB-RF-1", Actors.Supervisor, now));

    public PlannedCase ShipReplacement() => Do((c, now) => c.ShipReplacement("YTO", "yt9876543210", Actors.Warehouse, now));

    public PlannedCase ConfirmDelivery() => Do((c, now) => c.ConfirmDelivery(Actors.Agent, now));

    public PlannedCase ConvertToRefund() => Do((c, now) => c.ConvertToRefund("Size L is out of stock.", Actors.Supervisor, now));

    public PlannedCase Expire() => Do((c, now) => c.Expire("The buyer did not act in time.", Actors.System, now));

    public PlannedCase PlatformRefund() => Do((c, now) => c.PlatformRefund(Actors.System, now));

    public PlannedCase RecordPayout() =>
        Do((c, now) => c.RecordPayout(PayoutMethod.AlipayTransfer, "2026110122009", null, null, Actors.Supervisor, now));

    public PlannedCase ContactBuyer(ContactOutcome outcome, Actor? actor = null) =>
        Do((c, now) => c.ContactBuyer(ContactChannel.Phone, outcome, null, actor ?? Actors.Agent, now));

    public PlannedCase BuyerAgreed() => Do((c, now) => c.BuyerAgreed("Will revise tonight.", Actors.Agent, now));

    public PlannedCase ConfirmRevised() => Do((c, now) => c.ConfirmRevised(ReviewRating.Good, Actors.Agent, now));

    public PlannedCase PostExplanation() =>
        Do((c, now) => c.PostExplanation("Sorry about the shrinking; a replacement is on its way.", Actors.Agent, now));

    public PlannedCase MarkMalicious() =>
        Do((c, now) => c.MarkMalicious("Asks for 50.00 to remove the review.", "chat.png", Actors.Supervisor, now));

    public PlannedCase FileAppeal() => Do((c, now) => c.FileAppeal("TM-APPEAL-0001", Actors.Supervisor, now));

    public PlannedCase AppealUpheld() => Do((c, now) => c.AppealUpheld(Actors.Supervisor, now));

    public PlannedCase AppealRejected() => Do((c, now) => c.AppealRejected(Actors.Supervisor, now));

    public PlannedCase Lock() => Do((c, now) => c.Lock(Actors.System, now));

    public PlannedCase Cancel(Actor? actor = null) => Do((c, now) => c.Cancel("The buyer withdrew the request.", actor ?? Actors.Supervisor, now));

    public PlannedCase AddNote(Actor actor) => Do((c, now) => c.AddNote("Buyer called again.", actor, now));

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

    private void Plan()
    {
        DeadlinePlanner.Plan(Case, Case.NewTimelineEntries, Builder.Policy);
        Case.TimelineEntriesSaved();
    }
}
