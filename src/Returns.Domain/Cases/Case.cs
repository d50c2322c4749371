using System.Text.Json;
using System.Text.Json.Serialization;
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
/// and appends one timeline entry; nothing else may change a case.
/// </summary>
public sealed class Case
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

    public string OrderNumber { get; private set; } = "";
    public DateTimeOffset PaidAt { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public decimal? ShippingFee { get; private set; }
    public IReadOnlyList<OrderItem> OrderItems { get; private set; } = [];

    public string BuyerNickname { get; private set; } = "";
    public string? BuyerPhone { get; private set; }

    public string Reason { get; private set; } = "";
    public Responsibility Responsibility { get; private set; }
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

    public ReturnShipment? ReturnShipment { get; private set; }

    /// <summary>Normalized return tracking number: what the warehouse scan matches on.</summary>
    public string? ReturnTrackingNumber { get; private set; }
    public decimal PostageReimbursement { get; private set; }
    public Inspection? Inspection { get; private set; }
    public ReplacementShipment? Replacement { get; private set; }
    public string? ReplacementTrackingNumber { get; private set; }
    public IReadOnlyList<RefundRecord> Refunds { get; private set; } = [];

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

    // ---- amounts -------------------------------------------------------------------------------

    public decimal ItemsTotal => RefundRule.ItemsTotal(Order, Items, Inspection);

    public decimal RefundDue => Money.Round(ItemsTotal + PostageReimbursement);

    public decimal Refunded => Money.Round(Refunds.Sum(r => r.Amount));

    // ---- creation ------------------------------------------------------------------------------

    public sealed record Details(
        CaseType Type,
        string Shop,
        string Currency,
        OrderSnapshot Order,
        Buyer Buyer,
        string Reason,
        string? Description,
        IReadOnlyList<CaseItem> Items,
        IReadOnlyList<ExchangeItem> ExchangeFor,
        Priority Priority,
        string? Assignee);

    /// <summary>Logs a new case. <paramref name="sequence"/> comes from the case number counter.</summary>
    public static Case Open(Details details, long sequence, ShopPolicy policy, Actor actor, DateTimeOffset now)
    {
        EnsureMayAttempt(CaseAction.Create, actor);
        var reason = ReasonCatalog.TryGet(details.Reason, out var r)
            ? r
            : throw new PolicyViolationException("unknown-reason", $"'{details.Reason}' is not in the reason catalog.");

        foreach (var item in details.Items)
        {
            var line = details.Order.Find(item.Sku)
                ?? throw new PolicyViolationException(PolicyCodes.ItemNotInCase, $"SKU '{item.Sku}' is not on order {details.Order.OrderNumber}.");
            if (item.Quantity <= 0 || item.Quantity > line.Quantity)
                throw new PolicyViolationException(PolicyCodes.ItemNotInCase, $"SKU '{item.Sku}': {item.Quantity} of {line.Quantity} ordered.");
        }

        var window = ReturnWindow.Check(reason, details.Order, policy, now);
        var @case = new Case
        {
            Id = Guid.CreateVersion7(now),
            Sequence = sequence,
            Number = FormatNumber(sequence),
            Type = details.Type,
            Status = Workflow.InitialStatus(details.Type),
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
            Reason = reason.Code,
            Responsibility = reason.Responsibility,
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
        @case._newTimelineEntries.Add(new TimelineEntry(@case.Id, 1, now, actor, CaseAction.Create, null, @case.Status,
            Serialize(new { reason = reason.Code, outsideWindow = window.OutsideWindow, windowEndsAt = window.EndsAt })));
        return @case;
    }

    public static string FormatNumber(long sequence) => $"AS-{sequence:D6}";

    // ---- workflow actions ----------------------------------------------------------------------

    public void Approve(string? note, ShopPolicy policy, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.Approve, actor, now, new { note }, () =>
        {
            if (ReasonCatalog.Get(Reason).IsQuality && policy.EvidenceRequiredForQuality && Evidence.Count == 0)
                throw new PolicyViolationException(PolicyCodes.EvidenceRequired,
                    "A quality case needs at least one photo of the problem before it can be approved.");
            // DESIGN §2: a case outside its window is accepted but its approval needs a supervisor.
            if (OutsideWindow && !actor.IsSupervisor)
                throw new PolicyViolationException(PolicyCodes.SupervisorRequired,
                    $"The case is outside its after-sales window (ended {WindowEndsAt:u}); a supervisor must approve it.");
        });

    public void Reject(string reason, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.Reject, actor, now, new { reason }, () => ResolutionNote = reason);

    public void RequestEvidence(string message, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.RequestEvidence, actor, now, new { message }, () => { });

    public void SubmitEvidence(string? note, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.SubmitEvidence, actor, now, new { note, evidence = Evidence.Count }, () =>
        {
            if (Evidence.Count == 0)
                throw new PolicyViolationException(PolicyCodes.EvidenceRequired, "Upload at least one photo before submitting the evidence.");
        });

    public void RecordReturnShipment(string carrier, string trackingNumber, decimal postage, bool freightCollect, ShopPolicy policy, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.RecordReturnShipment, actor, now, new { carrier, trackingNumber, postage, freightCollect }, () =>
        {
            // F0-r: 我们不接收到付件 — a freight-collect parcel would be refused at the warehouse.
            if (freightCollect)
                throw new PolicyViolationException(PolicyCodes.FreightCollectRefused,
                    "Freight-collect (到付) return parcels are not accepted; the buyer must prepay the postage.");
            if (postage < 0m)
                throw new PolicyViolationException("invalid-amount", "Postage cannot be negative.");
            ReturnShipment = new ReturnShipment(carrier.Trim(), trackingNumber.Trim(), postage, now);
            ReturnTrackingNumber = Cases.ReturnShipment.Normalize(trackingNumber);
            PostageReimbursement = RefundRule.PostageReimbursement(Responsibility, postage, policy);
        });

    public void RefuseParcel(string reason, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.RefuseParcel, actor, now, new { reason, trackingNumber = ReturnShipment?.TrackingNumber }, () =>
        {
            // The buyer must send the goods again, with a new waybill.
            ReturnShipment = null;
            ReturnTrackingNumber = null;
            PostageReimbursement = 0m;
        });

    public void ConfirmReceipt(IReadOnlyList<(string Sku, int Quantity, ItemCondition Condition)> items, string? note, Actor actor, DateTimeOffset now)
    {
        var inspected = items.Select(i => new InspectedItem(i.Sku, i.Quantity, i.Condition, InspectionRule.Passes(i.Condition, Responsibility))).ToList();
        Apply(CaseAction.ConfirmReceipt, actor, now, new { items = inspected, note }, () =>
        {
            if (inspected.Any(i => i.Quantity <= 0))
                throw new PolicyViolationException("invalid-quantity", "Inspected quantities must be positive.");
            foreach (var group in inspected.GroupBy(i => i.Sku))
            {
                var claimed = Items.FirstOrDefault(i => i.Sku == group.Key)
                    ?? throw new PolicyViolationException(PolicyCodes.ItemNotInCase, $"SKU '{group.Key}' is not part of this case.");
                if (group.Sum(i => i.Quantity) > claimed.Quantity)
                    throw new PolicyViolationException(PolicyCodes.ItemNotInCase,
                        $"SKU '{group.Key}': {group.Sum(i => i.Quantity)} inspected but only {claimed.Quantity} claimed.");
            }
            Inspection = new Inspection(inspected, note, actor.Name, now);
        });
    }

    /// <summary>True when every claimed unit arrived and passed inspection.</summary>
    public bool InspectionPassed =>
        Inspection is not null && Items.All(item => Inspection.AcceptedQuantity(item.Sku) >= item.Quantity);

    public void Refund(decimal amount, PayoutMethod method, string? reference, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.Refund, actor, now, new { amount, method, reference, due = RefundDue }, () =>
        {
            if (amount <= 0m)
                throw new PolicyViolationException("invalid-amount", "A refund must be positive.");
            if (method == PayoutMethod.AlipayTransfer && string.IsNullOrWhiteSpace(reference))
                throw new PolicyViolationException(PolicyCodes.ReferenceRequired, "An Alipay transfer needs its payment record (打款记录) reference.");
            var total = Refunded + amount;
            if (total > RefundDue && !actor.IsSupervisor)
                throw new PolicyViolationException(PolicyCodes.RefundExceedsDue,
                    $"Refund {total:0.00} exceeds the {RefundDue:0.00} due; a supervisor must approve a larger refund.");
            var ceiling = Money.Round(Order.GoodsTotal + (ShippingFee ?? 0m) + PostageReimbursement);
            if (total > ceiling)
                throw new PolicyViolationException(PolicyCodes.RefundExceedsDue,
                    $"Refund {total:0.00} exceeds what the buyer paid ({ceiling:0.00}).");
            Refunds = [.. Refunds, new RefundRecord(amount, method, reference, actor.Name, now)];
        });

    public void ShipReplacement(string carrier, string trackingNumber, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.ShipReplacement, actor, now, new { carrier, trackingNumber }, () =>
        {
            Replacement = new ReplacementShipment(carrier.Trim(), trackingNumber.Trim(), now);
            ReplacementTrackingNumber = Cases.ReturnShipment.Normalize(trackingNumber);
        });

    public void ConfirmDelivery(Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.ConfirmDelivery, actor, now, null, () => { });

    /// <summary>Out of stock: the exchange becomes a refund of what was returned.</summary>
    public void ConvertToRefund(string reason, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.ConvertToRefund, actor, now, new { reason }, () => ResolutionNote = reason);

    public void Expire(string reason, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.Expire, actor, now, new { reason }, () => ResolutionNote = reason);

    public void Cancel(string reason, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.Cancel, actor, now, new { reason }, () => ResolutionNote = reason);

    public void Assign(string assignee, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.Assign, actor, now, new { assignee, previous = Assignee }, () => Assignee = assignee);

    public void AddNote(string text, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.AddNote, actor, now, new { text }, () => Notes = [.. Notes, new Note(text, actor.Name, now)]);

    public void AddEvidence(EvidenceItem evidence, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.AddEvidence, actor, now, new { evidence.Id, evidence.FileName, evidence.ContentType, evidence.Size },
            () => Evidence = [.. Evidence, evidence]);

    /// <summary>Links two cases (e.g. a return and its replacement); both sides show the link.</summary>
    public void Link(Case other, Actor actor, DateTimeOffset now)
    {
        Apply(CaseAction.Link, actor, now, new { caseId = other.Id, number = other.Number }, () =>
        {
            if (other.Id == Id)
                throw new PolicyViolationException(PolicyCodes.InvalidLink, "A case cannot be linked to itself.");
            if (Links.Any(l => l.CaseId == other.Id))
                throw new PolicyViolationException(PolicyCodes.InvalidLink, $"Already linked to {other.Number}.");
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
            .Where(action => actor.Role.MayAttempt(action) && machine.CanFire(action))
            .Select(action => action.Name())
            .ToList();
    }

    private Stateless.StateMachine<CaseStatus, CaseAction> Machine() =>
        Workflow.For(Type, () => Status, s => Status = s, () => InspectionPassed);

    private void Apply(CaseAction action, Actor actor, DateTimeOffset now, object? data, Action changes)
    {
        EnsureMayAttempt(action, actor);
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

    private static readonly JsonSerializerOptions TimelineJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static string Serialize(object data) => JsonSerializer.Serialize(data, TimelineJson);
}
