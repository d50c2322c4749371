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
    private readonly List<CaseDeadline> _deadlines = [];

    public Guid Id { get; private set; }
    public string Number { get; private set; } = "";

    /// <summary>Monotonic creation order: the case number's digits and the list cursor.</summary>
    public long Sequence { get; private set; }
    public CaseType Type { get; private set; }
    public CaseStatus Status { get; private set; }
    public string Shop { get; private set; } = "";
    public string Currency { get; private set; } = Money.DefaultCurrency;

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

    public Buyer Buyer => new(BuyerNickname, BuyerPhone);

    /// <summary>Timeline entries produced since the case was loaded; the data layer appends them.</summary>
    public IReadOnlyList<TimelineEntry> NewTimelineEntries => _newTimelineEntries;

    public void TimelineEntriesSaved() => _newTimelineEntries.Clear();

    /// <summary>The case's clocks (issue 5): started, met and cancelled by its own transitions.</summary>
    public IReadOnlyList<CaseDeadline> Deadlines => _deadlines;

    internal void StartDeadline(DeadlineKind kind, DateTimeOffset now, DateTimeOffset dueAt, IEnumerable<DateTimeOffset> warnAt)
    {
        // A clock restarts (e.g. the buyer must ship again after a refused parcel): the old one stops.
        CancelDeadline(kind, now);
        _deadlines.Add(new CaseDeadline(Id, kind, now, dueAt, warnAt));
    }

    internal void MeetDeadline(DeadlineKind kind, DateTimeOffset now)
    {
        foreach (var deadline in _deadlines.Where(x => x.Kind == kind && x.IsRunning)) deadline.Met(now);
    }

    internal void MeetDeadlines(DateTimeOffset now, params DeadlineKind[] kinds)
    {
        foreach (var kind in kinds) MeetDeadline(kind, now);
    }

    internal void CancelDeadline(DeadlineKind kind, DateTimeOffset now)
    {
        foreach (var deadline in _deadlines.Where(x => x.Kind == kind && x.IsRunning)) deadline.Cancel(now);
    }

    internal void CancelRunningDeadlines(DateTimeOffset now)
    {
        foreach (var deadline in _deadlines.Where(x => x.IsRunning)) deadline.Cancel(now);
    }

    /// <summary>
    /// Records on the timeline what the system did about a clock (escalation, reminder) without a state change,
    /// so the timeline explains every automatic step.
    /// </summary>
    public void RecordSystemEvent(string action, object data, DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now;
        _newTimelineEntries.Add(new TimelineEntry(Id, Version, now, Actor.System, action, Status, Status, Serialize(data)));
    }

    // ---- creation ------------------------------------------------------------------------------

    public sealed record Details(
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
        Review? Review = null);

    /// <summary>Logs a new case. <paramref name="sequence"/> comes from the case number counter.</summary>
    public static Case Open(Details details, long sequence, ShopPolicy policy, Actor actor, DateTimeOffset now)
    {
        EnsureMayAttempt(CaseAction.Create, actor);
        Reason? reason = null;
        if (details.Reason is not null && !ReasonCatalog.TryGet(details.Reason, out reason))
            throw new PolicyViolationException("unknown-reason", $"'{details.Reason}' is not in the reason catalog.");
        if (reason is null && details.Type != CaseType.BadReview)
            throw new PolicyViolationException("unknown-reason", "A reason from the catalog is required.");

        foreach (var item in details.Items)
        {
            var line = details.Order.Find(item.Sku)
                ?? throw new PolicyViolationException(PolicyCodes.ItemNotInCase, $"SKU '{item.Sku}' is not on order {details.Order.OrderNumber}.");
            if (item.Quantity <= 0 || item.Quantity > line.Quantity)
                throw new PolicyViolationException(PolicyCodes.ItemNotInCase, $"SKU '{item.Sku}': {item.Quantity} of {line.Quantity} ordered.");
        }

        var window = reason is null || details.Type == CaseType.BadReview
            ? new WindowCheck(null, false)
            : ReturnWindow.Check(reason, details.Order, policy, now);
        var @case = new Case
        {
            Id = Guid.CreateVersion7(now),
            Sequence = sequence,
            Number = FormatNumber(sequence),
            Type = details.Type,
            Shop = details.Shop,
            Currency = details.Currency,
            OrderNumber = details.Order.OrderNumber,
            PaidAt = details.Order.PaidAt,
            DeliveredAt = details.Order.DeliveredAt,
            CompletedAt = details.Order.CompletedAt,
            ShippingFee = details.Order.ShippingFee,
            OrderItems = details.Order.Items.ToList(),
            BuyerNickname = details.Buyer.Nickname,
            BuyerPhone = details.Buyer.Phone,
            Reason = reason?.Code,
            Responsibility = reason?.Responsibility,
            Description = details.Description,
            Items = details.Items.ToList(),
            ExchangeFor = details.Type == CaseType.Exchange ? details.ExchangeFor.ToList() : [],
            Priority = details.Priority,
            Assignee = details.Assignee,
            OutsideWindow = window.OutsideWindow,
            WindowEndsAt = window.EndsAt,
            Version = 1,
            CreatedBy = actor.Name,
            CreatedAt = now,
            UpdatedAt = now,
        };

        object data = new { reason = reason?.Code, outsideWindow = window.OutsideWindow, windowEndsAt = window.EndsAt };
        switch (details.Type)
        {
            case CaseType.Discount:
                @case.Status = @case.OpenDiscount(details.Compensation, reason, policy, actor, now);
                data = new { reason = reason?.Code, @case.Compensation, outsideWindow = window.OutsideWindow };
                break;
            case CaseType.BadReview:
                @case.Status = @case.OpenBadReview(details.Review, policy);
                data = new { @case.Review, @case.ExplanationDueAt, @case.RevisionDueAt };
                break;
            default:
                @case.Status = Workflow.InitialStatus(details.Type);
                break;
        }
        @case._newTimelineEntries.Add(new TimelineEntry(@case.Id, 1, now, actor, CaseAction.Create, null, @case.Status, Serialize(data)));
        return @case;
    }

    public static string FormatNumber(long sequence) => $"AS-{sequence:D6}";

    // ---- actions every open case allows ----------------------------------------------------------

    public void Cancel(string reason, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.Cancel, actor, now, new { reason }, () => ResolutionNote = reason);

    public void Assign(string assignee, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.Assign, actor, now, new { assignee, previous = Assignee }, () => Assignee = assignee);

    public void AddNote(string text, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.AddNote, actor, now, new { text }, () => Notes = [.. Notes, new Note(text, actor.Name, now)]);

    public void AddEvidence(EvidenceItem evidence, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.AddEvidence, actor, now, new { evidence.Id, evidence.FileName, evidence.ContentType, evidence.Size },
            () => Evidence = [.. Evidence, evidence]);

    /// <summary>
    /// Links two cases (e.g. a bad review and the return, exchange or discount that remedies it);
    /// both sides show the link.
    /// </summary>
    public void Link(Case other, Actor actor, DateTimeOffset now)
    {
        Apply(CaseAction.Link, actor, now, new { caseId = other.Id, number = other.Number }, () =>
        {
            if (other.Id == Id)
                throw new PolicyViolationException(PolicyCodes.InvalidLink, "A case cannot be linked to itself.");
            if (Links.Any(l => l.CaseId == other.Id))
                throw new PolicyViolationException(PolicyCodes.InvalidLink, $"Already linked to {other.Number}.");
            if (Type == CaseType.BadReview && other.Type == CaseType.BadReview)
                throw new PolicyViolationException(PolicyCodes.InvalidLink, "A bad review's remedy is a return, exchange or discount case.");
            Links = [.. Links, new CaseLink(other.Id, other.Number, other.Type, now)];
        });
        // The other side records the link without a state change, whatever its state.
        other.Links = [.. other.Links, new CaseLink(Id, Number, Type, now)];
        other.Touch(CaseAction.Link, actor, now, other.Status, new { caseId = Id, number = Number });
    }

    // ---- workflow plumbing ---------------------------------------------------------------------

    /// <summary>What <paramref name="actor"/> may do now: permitted by the state and by their role.</summary>
    public IReadOnlyList<string> AllowedActions(Actor actor)
    {
        var machine = Machine();
        return Enum.GetValues<CaseAction>()
            .Where(action => actor.Role.MayAttempt(Type, action) && machine.CanFire(action))
            .Select(action => action.Name())
            .ToList();
    }

    private Stateless.StateMachine<CaseStatus, CaseAction> Machine() =>
        Workflow.For(Type, () => Status, s => Status = s, () => InspectionPassed);

    private void Apply(CaseAction action, Actor actor, DateTimeOffset now, object? data, Action changes)
    {
        if (!actor.Role.MayAttempt(Type, action)) throw new ActionForbiddenException(action, actor.Role);
        var machine = Machine();
        if (!machine.CanFire(action))
            throw new InvalidTransitionException(action, Status, AllowedActions(actor));
        var from = Status;
        changes();
        machine.Fire(action);
        Touch(action, actor, now, from, data);
    }

    private void Touch(CaseAction action, Actor actor, DateTimeOffset now, CaseStatus from, object? data)
    {
        Version++;
        UpdatedAt = now;
        _newTimelineEntries.Add(new TimelineEntry(Id, Version, now, actor, action, from, Status, data is null ? null : Serialize(data)));
    }

    private static void EnsureMayAttempt(CaseAction action, Actor actor)
    {
        if (!actor.Role.MayAttempt(action)) throw new ActionForbiddenException(action, actor.Role);
    }

    private static void RequireSupervisor(Actor actor, string why)
    {
        if (!actor.IsSupervisor) throw new PolicyViolationException(PolicyCodes.SupervisorRequired, why);
    }

    private static readonly JsonSerializerOptions TimelineJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static string Serialize(object data) => JsonSerializer.Serialize(data, TimelineJson);
}
