using Mapster;
using Returns.Domain.Cases;
using Returns.Domain.Deadlines;

namespace Returns.Web.Features.Cases;

/// <summary>A case as the API shows it (docs/design.md §3).</summary>
public sealed record CaseView
{
    public Guid Id { get; init; }
    public string Number { get; init; } = "";
    public CaseType Type { get; init; }
    public CaseStatus Status { get; init; }
    public string Shop { get; init; } = "";

    /// <summary>The marketplace the request was filed on: taobao, tmall, jd, pdd, douyin or other.</summary>
    public Platform Platform { get; init; }

    /// <summary>The marketplace's own reference of the request (e.g. its refund id), when sent.</summary>
    public string? PlatformRef { get; init; }

    /// <summary>The due times the marketplace gave for its clocks (create or sync-platform-deadlines); null when none.</summary>
    public PlatformDeadlinesBody? PlatformDeadlines { get; init; }
    public OrderSnapshot Order { get; init; } = null!;
    public Buyer Buyer { get; init; } = null!;
    public string? Reason { get; init; }
    public Responsibility? Responsibility { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<CaseItemView> Items { get; init; } = [];
    public IReadOnlyList<ExchangeItem> ExchangeFor { get; init; } = [];
    public string? Assignee { get; init; }
    public Priority Priority { get; init; }
    public bool OutsideWindow { get; init; }
    public DateTimeOffset? WindowEndsAt { get; init; }

    /// <summary>A supervisor must decide (docs/design.md §2); an agent's allowedActions leave that decision out.</summary>
    public bool AwaitingSupervisor { get; init; }

    /// <summary>Why: <c>compensation-above-cap</c> or <c>outside-window</c>; null when no supervisor is awaited.</summary>
    public string? SupervisorReason { get; init; }
    public IReadOnlyList<EvidenceItem> Evidence { get; init; } = [];
    public IReadOnlyList<Note> Notes { get; init; } = [];
    public IReadOnlyList<CaseLink> Links { get; init; } = [];
    public ReturnShipment? ReturnShipment { get; init; }
    public Inspection? Inspection { get; init; }
    public ReplacementShipment? Replacement { get; init; }
    public IReadOnlyList<RefundRecord> Refunds { get; init; } = [];
    public Compensation? Compensation { get; init; }
    public Payout? Payout { get; init; }
    public Review? Review { get; init; }
    public DateTimeOffset? ExplanationDueAt { get; init; }
    public DateTimeOffset? RevisionDueAt { get; init; }
    public IReadOnlyList<ContactAttempt> ContactAttempts { get; init; } = [];
    public Explanation? Explanation { get; init; }
    public Appeal? Appeal { get; init; }
    public ReviewRating? RevisedRating { get; init; }
    public string? ResolutionNote { get; init; }
    public AmountsView Amounts { get; init; } = null!;

    /// <summary>The case's clocks, soonest first; met, breached and cancelled ones stay for the record.</summary>
    public IReadOnlyList<DeadlineView> Deadlines { get; init; } = [];

    /// <summary>What the caller may do now (kebab-case action names).</summary>
    public IReadOnlyList<string> AllowedActions { get; init; } = [];

    /// <summary>The codes a reject may use now (GET /rejection-reasons); a 7-day no-reason return inside its window has fewer. Empty for discounts and reviews.</summary>
    public IReadOnlyList<RejectionCode> RejectionCodes { get; init; } = [];
    public int Version { get; init; }
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <param name="Kind">Which clock.</param>
/// <param name="State">pending, warned, met, breached or cancelled.</param>
/// <param name="StartedAt">When it started counting.</param>
/// <param name="DueAt">When it runs out.</param>
/// <param name="WarnAt">When it warns before that.</param>
/// <param name="ResolvedAt">When it was met, breached or cancelled.</param>
/// <param name="Source">platform: the due time is the marketplace's own; policy: planned from the shop's configured length.</param>
public sealed record DeadlineView(
    DeadlineKind Kind, DeadlineState State, DateTimeOffset StartedAt, DateTimeOffset DueAt, IReadOnlyList<DateTimeOffset> WarnAt, DateTimeOffset? ResolvedAt,
    DeadlineSource Source)
{
    public static DeadlineView Of(CaseDeadline d) => new(d.Kind, d.State, d.StartedAt, d.DueAt, d.WarnAt, d.ResolvedAt, d.Source);
}

/// <summary>An item of the case with its order line's name and price.</summary>
public sealed record CaseItemView(string Sku, string Name, int Quantity, decimal UnitPrice);

/// <summary>
/// Refund due = items (accepted ones once inspected) + postage reimbursement; compensation is a discount's
/// agreed amount; refunded is what reached the buyer.
/// </summary>
public sealed record AmountsView(string Currency, decimal ItemsTotal, decimal PostageReimbursement, decimal RefundDue, decimal Refunded, decimal? Compensation);

/// <summary>One row of a case list.</summary>
public sealed record CaseSummary(
    Guid Id, string Number, CaseType Type, CaseStatus Status, string Shop, string OrderNumber, string BuyerNickname,
    string? Reason, string? Assignee, Priority Priority, bool OutsideWindow, string? ReturnTrackingNumber,
    int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? NextDueAt = null, bool Warned = false, bool Breached = false, bool Overdue = false, bool AwaitingSupervisor = false);

public static class CaseViews
{
    /// <summary>Mapster configuration for the case projections; computed members are mapped explicitly.</summary>
    public static TypeAdapterConfig Configure(TypeAdapterConfig config)
    {
        config.NewConfig<Case, CaseView>()
            .Map(v => v.Items, c => c.Items.Select(i => new CaseItemView(
                i.Sku, c.Order.Find(i.Sku)!.Name, i.Quantity, c.Order.Find(i.Sku)!.UnitPrice)).ToList())
            .Map(v => v.Amounts, c => new AmountsView(c.Currency, c.ItemsTotal, c.PostageReimbursement, c.RefundDue, c.Refunded, c.Compensation == null ? null : c.Compensation.Amount))
            .Map(v => v.Deadlines, c => c.Deadlines.OrderBy(d => d.DueAt).ThenBy(d => d.Kind).ThenBy(d => d.StartedAt).ThenBy(d => d.Id)
                .Select(DeadlineView.Of).ToList())
            .Map(v => v.PlatformDeadlines, c => PlatformDeadlinesOf(c))
            .Ignore(v => v.AllowedActions);
        // The queue's SLA badge: the soonest running clock, and whether one warned or ran out.
        config.NewConfig<Case, CaseSummary>()
            .Map(s => s.NextDueAt, c => c.Deadlines.Where(d => d.IsRunning).Select(d => (DateTimeOffset?)d.DueAt).Min())
            .Map(s => s.Warned, c => c.Deadlines.Any(d => d.State == DeadlineState.Warned))
            .Map(s => s.Breached, c => c.Status.IsOpen() && c.Deadlines.Any(d => d.State == DeadlineState.Breached));
        return config;
    }

    /// <summary>One row of a case list, with the shared rules answered for <paramref name="now"/>.</summary>
    public static CaseSummary ToSummary(this Case @case, DateTimeOffset now, TypeAdapterConfig config) =>
        @case.Adapt<CaseSummary>(config) with { Overdue = CaseRules.IsOverdue(@case, now), AwaitingSupervisor = @case.AwaitingSupervisor };

    private static PlatformDeadlinesBody? PlatformDeadlinesOf(Case @case)
    {
        if (@case.PlatformDueTimes.Count == 0) return null;
        DateTimeOffset? At(DeadlineKind kind) => @case.PlatformDueTimes.FirstOrDefault(t => t.Kind == kind)?.DueAt;
        return new(At(DeadlineKind.SellerDecision), At(DeadlineKind.EvidenceFromBuyer), At(DeadlineKind.BuyerShipsReturn), At(DeadlineKind.SellerConfirmsReceipt));
    }

    public static CaseView ToView(this Case @case, Actor actor, TypeAdapterConfig config) =>
        @case.Adapt<CaseView>(config) with { AllowedActions = @case.AllowedActions(actor) };
}
