using System.Text.Json;
using System.Text.Json.Serialization;
using Returns.Domain.Deadlines;
using Returns.Domain.Policies;
using Returns.Domain.Workflows;

namespace Returns.Domain.Cases;

public enum Priority
{
    Low,
    Normal,
    High,
    Urgent,
}

/// <summary>
/// An after-sales case (售后工单). Every change goes through the workflow, bumps <see cref="Version"/>
/// and appends one timeline entry; nothing else may change a case. The actions of each case type live
/// in the partial files beside this one.
/// </summary>
public sealed partial class Case
{
    private readonly List<TimelineEntry> _newTimelineEntries = [];

    public Guid Id { get; private set; }
    public string Number { get; private set; } = "";

    /// <summary>Monotonic creation order: the case number's digits and the list cursor.</summary>
    public long Sequence { get; private set; }
    public CaseType Type { get; private set; }
    public CaseStatus Status { get; private set; }
    public string Shop { get; private set; } = "";
    public string Currency { get; private set; } = Money.DefaultCurrency;

    /// <summary>The marketplace the request was filed on (its rules run the platform clocks).</summary>
    public Platform Platform { get; private set; }

    /// <summary>The marketplace's own reference of the request (e.g. its refund id), as the integration sent it.</summary>
    public string? PlatformRef { get; private set; }

    /// <summary>The due times the marketplace gave for its clocks; a clock that starts later still takes its time from here.</summary>
    public IReadOnlyList<PlatformDueTime> PlatformDueTimes { get; private set; } = [];

    public string OrderNumber { get; private set; } = "";
    public DateTimeOffset PaidAt { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public decimal? ShippingFee { get; private set; }
    public IReadOnlyList<OrderItem> OrderItems { get; private set; } = [];

    public string BuyerNickname { get; private set; } = "";
    public string? BuyerPhone { get; private set; }

    /// <summary>Reason catalog code; a bad review may be logged before its cause is known.</summary>
    public string? Reason { get; private set; }
    public Responsibility? Responsibility { get; private set; }
    public string? Description { get; private set; }
    public IReadOnlyList<CaseItem> Items { get; private set; } = [];
    public IReadOnlyList<ExchangeItem> ExchangeFor { get; private set; } = [];
    public string? Assignee { get; private set; }
    public Priority Priority { get; private set; }

    public bool OutsideWindow { get; private set; }
    public DateTimeOffset? WindowEndsAt { get; private set; }

    public IReadOnlyList<EvidenceItem> Evidence { get; private set; } = [];
    public IReadOnlyList<Note> Notes { get; private set; } = [];
    public IReadOnlyList<CaseLink> Links { get; private set; } = [];

    /// <summary>Why the case was rejected, cancelled, converted or expired, when it was.</summary>
    public string? ResolutionNote { get; private set; }

    public int Version { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    private Case() { }

    public OrderSnapshot Order => new(OrderNumber, PaidAt, DeliveredAt, CompletedAt, ShippingFee, OrderItems);

    public Buyer Buyer => new(BuyerNickname, BuyerPhone, BuyerDataRemovedAt);

    /// <summary>Timeline entries produced since the case was loaded; the data layer appends them.</summary>
    public IReadOnlyList<TimelineEntry> NewTimelineEntries => _newTimelineEntries;

    public void TimelineEntriesSaved() => _newTimelineEntries.Clear();

    // ---- creation ------------------------------------------------------------------------------

    /// <summary>What a new case is opened with; the type-specific parts are read by the type's workflow.</summary>
    public sealed record Opening(
        CaseType Type,
        string Shop,
        string Currency,
        OrderSnapshot Order,
        Buyer Buyer,
        string? Reason,
        string? Description,
        IReadOnlyList<CaseItem> Items,
        IReadOnlyList<ExchangeItem> ExchangeFor,
        Priority Priority,
        string? Assignee,
        (decimal Amount, string Defect)? Compensation = null,
        Review? Review = null,
        Platform? Platform = null,
        string? PlatformRef = null,
        IReadOnlyList<PlatformDueTime>? PlatformDueTimes = null);

    /// <summary>
    /// Logs a new case, its first clocks started. <paramref name="sequence"/> comes from the case number counter;
    /// <paramref name="assignee"/> is the person <see cref="Opening.Assignee"/> names, if anyone.
    /// </summary>
    public static Case Open(Opening opening, long sequence, ActionContext at, Person? assignee = null)
    {
        if (!at.Actor.Role.MayAttempt(CaseAction.Create)) throw new ActionForbiddenException(CaseAction.Create, at.Actor.Role);
        var definition = Workflow.For(opening.Type);
        // The shop's caps and the order's amounts are in its currency: a case in another would compare unlike money.
        if (!string.Equals(opening.Currency, at.Policy.Currency, StringComparison.Ordinal))
            throw new PolicyViolationException(PolicyCodes.CurrencyMismatch,
                $"Shop {opening.Shop} keeps its cases in {at.Policy.Currency}, not {opening.Currency}.");
        Reason? reason = null;
        if (opening.Reason is not null && !ReasonCatalog.TryGet(opening.Reason, out reason))
            throw new PolicyViolationException("unknown-reason", $"'{opening.Reason}' is not in the reason catalog.");
        if (reason is null && definition.NeedsReason)
            throw new PolicyViolationException("unknown-reason", "A reason from the catalog is required.");

        foreach (var item in opening.Items)
        {
            var line = opening.Order.Find(item.Sku)
                ?? throw new PolicyViolationException(PolicyCodes.ItemNotInCase, $"SKU '{item.Sku}' is not on order {opening.Order.OrderNumber}.");
            if (item.Quantity <= 0 || item.Quantity > line.Quantity)
                throw new PolicyViolationException(PolicyCodes.ItemNotInCase, $"SKU '{item.Sku}': {item.Quantity} of {line.Quantity} ordered.");
        }

        var assigneeName = opening.Assignee is null ? null : AssigneeRule.Resolve(opening.Assignee, assignee);
        var platformDueTimes = PlatformTimes(definition, [], opening.PlatformDueTimes ?? []);

        var now = at.Now;
        var window = reason is null || !definition.HasWindow
            ? new WindowCheck(null, false)
            : ReturnWindow.Check(reason, opening.Order, opening.Items.Select(i => i.Sku), at.Policy, now);
        var @case = new Case
        {
            Id = Guid.CreateVersion7(now),
            Sequence = sequence,
            Number = FormatNumber(sequence),
            Type = opening.Type,
            Shop = opening.Shop,
            Currency = opening.Currency,
            Platform = opening.Platform ?? at.Policy.DefaultPlatform,
            PlatformRef = opening.PlatformRef,
            PlatformDueTimes = platformDueTimes,
            OrderNumber = opening.Order.OrderNumber,
            PaidAt = opening.Order.PaidAt,
            DeliveredAt = opening.Order.DeliveredAt,
            CompletedAt = opening.Order.CompletedAt,
            ShippingFee = opening.Order.ShippingFee,
            OrderItems = opening.Order.Items.ToList(),
            BuyerNickname = opening.Buyer.Nickname,
            BuyerPhone = opening.Buyer.Phone,
            Reason = reason?.Code,
            Responsibility = reason?.Responsibility,
            Description = opening.Description,
            Items = opening.Items.ToList(),
            Priority = opening.Priority,
            Assignee = assigneeName,
            OutsideWindow = window.OutsideWindow,
            WindowEndsAt = window.EndsAt,
            Version = 1,
            CreatedBy = at.Actor.Name,
            CreatedAt = now,
            UpdatedAt = now,
        };

        var (status, data) = definition.Open(@case, opening, reason, at);
        @case.Status = status;
        @case._newTimelineEntries.Add(new TimelineEntry(@case.Id, 1, now, at.Actor, CaseAction.Create, null, @case.Status, Serialize(data)));
        @case.RunClocks(new Deadlines.CaseStep(@case, CaseAction.Create, null, status, at.Actor, now), at.Policy);
        return @case;
    }

    public static string FormatNumber(long sequence) => $"AS-{sequence:D6}";

    // ---- actions every open case allows ----------------------------------------------------------

    public void Cancel(string reason, ActionContext at) =>
        Apply(CaseAction.Cancel, at, new { reason }, () => ResolutionNote = reason);

    /// <summary>Gives the case to <paramref name="person"/>, the one <paramref name="assignee"/> names (null: nobody has that name).</summary>
    public void Assign(string assignee, Person? person, ActionContext at) =>
        Apply(CaseAction.Assign, at, new { assignee = person?.UserName ?? assignee, previous = Assignee },
            () => Assignee = AssigneeRule.Resolve(assignee, person));

    public void AddNote(string text, ActionContext at) =>
        Apply(CaseAction.AddNote, at, new { text }, () => Notes = [.. Notes, new Note(text, at.Actor.Name, at.Now)]);

    public void AddEvidence(EvidenceItem evidence, ActionContext at) =>
        Apply(CaseAction.AddEvidence, at, new { evidence.Id, evidence.FileName, evidence.ContentType, evidence.Size },
            () => Evidence = [.. Evidence, evidence]);

    /// <summary>
    /// Links two cases (e.g. a bad review and the return, exchange or discount that remedies it);
    /// both sides show the link.
    /// </summary>
    public void Link(Case other, ActionContext at)
    {
        Apply(CaseAction.Link, at, new { caseId = other.Id, number = other.Number }, () =>
        {
            if (other.Id == Id)
                throw new PolicyViolationException(PolicyCodes.InvalidLink, "A case cannot be linked to itself.");
            if (Links.Any(l => l.CaseId == other.Id))
                throw new PolicyViolationException(PolicyCodes.InvalidLink, $"Already linked to {other.Number}.");
            // A shop's cases are its own: a link never shows one shop another's case number.
            if (other.Shop != Shop)
                throw new PolicyViolationException(PolicyCodes.InvalidLink, "A link joins cases of the same shop.");
            if (Type == CaseType.BadReview && other.Type == CaseType.BadReview)
                throw new PolicyViolationException(PolicyCodes.InvalidLink, "A bad review's remedy is a return, exchange or discount case.");
            Links = [.. Links, new CaseLink(other.Id, other.Number, other.Type, at.Now)];
        });
        // The other side records the link without a state change, whatever its state; a person linking it works it too.
        other.Links = [.. other.Links, new CaseLink(Id, Number, Type, at.Now)];
        other.Touch(CaseAction.Link, at, other.Status, new { caseId = Id, number = Number });
    }

    // ---- workflow plumbing ---------------------------------------------------------------------

    /// <summary>This case's workflow: states, transitions, roles, clocks.</summary>
    public WorkflowDefinition Definition => Workflow.For(Type);

    /// <summary>
    /// What <paramref name="actor"/> may do now: permitted by the state and by their role, less what a supervisor
    /// must decide for this case (docs/design.md §2: the supervisor gate).
    /// </summary>
    public IReadOnlyList<string> AllowedActions(Actor actor)
    {
        var permitted = Definition.PermittedIn(Status);
        return AllActions
            .Where(action => permitted.Contains(action) && actor.Role.MayAttempt(Type, action) && SupervisorGate(action, actor) is null
                && Applies(action))
            .Select(action => action.Name())
            .ToList();
    }

    private static readonly CaseAction[] AllActions = Enum.GetValues<CaseAction>();

    /// <summary>Whether an action the state permits has something to act on (listed in allowedActions only then).</summary>
    private bool Applies(CaseAction action) => action switch
    {
        CaseAction.RefundPostage => PostageOwed > 0m,
        _ => true,
    };

    /// <summary>The warehouse confirmed the returned parcel (its inspection is recorded).</summary>
    public bool GoodsReceived => Inspection is not null;

    /// <summary>docs/design.md §2: the case waits for a supervisor's decision (see <see cref="CaseRules.AwaitsSupervisor"/>).</summary>
    public bool AwaitingSupervisor => CaseRules.IsAwaitingSupervisor(this);

    /// <summary>Why a supervisor must decide, as a contract code: <c>compensation-above-cap</c> or <c>outside-window</c>.</summary>
    public string? SupervisorReason => !AwaitingSupervisor ? null
        : Type == CaseType.Discount && Compensation is { } c && c.Amount > c.Cap ? SupervisorReasons.CompensationAboveCap
        : SupervisorReasons.OutsideWindow;

    /// <summary>The refusal an agent gets for an action only a supervisor may take on this case now; null when none.</summary>
    private PolicyViolationException? SupervisorGate(CaseAction action, Actor actor)
    {
        // The marketplace's own outcomes (the system acting on a clock) are not ours to refuse.
        if (actor.IsSupervisor || actor.Role == Role.System) return null;
        // Cancelling once the goods are back would leave the shop holding them and the buyer unpaid: a supervisor decides.
        if (action == CaseAction.Cancel && GoodsReceived)
            return new PolicyViolationException(PolicyCodes.SupervisorRequired,
                "The returned goods have been received; only a supervisor may cancel the case now, with a reason.");
        if (!AwaitingSupervisor || !Definition.SupervisorDecides.Contains(action))
            return null;
        return new PolicyViolationException(PolicyCodes.SupervisorRequired, SupervisorReason == SupervisorReasons.CompensationAboveCap
            ? $"Compensation {Compensation!.Amount:0.00} is above the {Compensation.Cap:0.00} cap; a supervisor must decide."
            : $"The case is outside its after-sales window (ended {WindowEndsAt:u}); a supervisor must approve it.");
    }

    private Stateless.StateMachine<CaseStatus, CaseAction> Machine() =>
        Definition.Machine(() => Status, s => Status = s, new CaseFacts(() => InspectionPassed, () => PostageOwed == 0m));

    /// <summary>
    /// The whole change of one action: role, state, supervisor gate, the action's own rules, the new state, version,
    /// timeline entry and clocks, together. Nothing is left for saving to decide.
    /// </summary>
    private void Apply(CaseAction action, ActionContext at, object? data, Action changes)
    {
        // 403 for a role that may never take the action here; an action of another type's workflow is a 409 below.
        if (!Definition.MayAttempt(action, at.Actor.Role))
            throw new ActionForbiddenException(action, at.Actor.Role);
        if (!Definition.PermittedIn(Status).Contains(action))
            throw new InvalidTransitionException(action, Status, AllowedActions(at.Actor));
        if (SupervisorGate(action, at.Actor) is { } refusal) throw refusal;
        var from = Status;
        changes();
        Machine().Fire(action);
        Touch(action, at, from, data);
    }

    private void Touch(CaseAction action, ActionContext at, CaseStatus from, object? data)
    {
        // A closed case gives its parcel's number back: the next parcel with that number may be another case's.
        if (!Status.IsOpen()) ClaimedReturnTrackingNumber = null;
        Version++;
        UpdatedAt = at.Now;
        _newTimelineEntries.Add(new TimelineEntry(Id, Version, at.Now, at.Actor, action, from, Status, data is null ? null : Serialize(data)));
        RunClocks(new Deadlines.CaseStep(this, action, from, Status, at.Actor, at.Now), at.Policy);
    }

    private static readonly JsonSerializerOptions TimelineJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static string Serialize(object data) => JsonSerializer.Serialize(data, TimelineJson);
}

/// <summary>Why a case awaits a supervisor (the case resource's <c>supervisorReason</c>).</summary>
public static class SupervisorReasons
{
    public const string CompensationAboveCap = "compensation-above-cap";
    public const string OutsideWindow = "outside-window";
}
