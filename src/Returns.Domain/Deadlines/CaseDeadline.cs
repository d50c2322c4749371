using Returns.Domain.Cases;

namespace Returns.Domain.Deadlines;

/// <summary>The clocks a case runs against (issue 5 table; docs/design.md §4).</summary>
public enum DeadlineKind
{
    /// <summary>Someone works the case within 2 business hours of its creation.</summary>
    FirstTouch,

    /// <summary>The marketplace auto-approves a return or exchange the seller leaves undecided for 48 h.</summary>
    SellerDecision,
    EvidenceFromBuyer,
    BuyerShipsReturn,

    /// <summary>The marketplace auto-refunds a return the seller does not confirm within 10 days of shipment.</summary>
    SellerConfirmsReceipt,
    RefundAfterReceipt,
    ExchangeReship,
    DiscountPayout,
    BadReviewFirstContact,
    BadReviewExplanation,
    BadReviewRevision,

    /// <summary>A buyer who did not answer is tried again the next day.</summary>
    ContactChaser,
}

/// <summary>Where a clock's due time comes from: the marketplace's own time for this case, or the shop's policy.</summary>
public enum DeadlineSource
{
    Policy,
    Platform,
}

public enum DeadlineState
{
    Pending,
    Warned,
    Met,
    Breached,
    Cancelled,
}

/// <summary>
/// One clock of a case. The sweep finds it by <see cref="NextCheckAt"/> (the next warning, else the due time)
/// and claims it before acting, so every warning and every due effect happens exactly once.
/// </summary>
public sealed class CaseDeadline
{
    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public DeadlineKind Kind { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public IReadOnlyList<DateTimeOffset> WarnAt { get; private set; } = [];
    public int WarningsSent { get; private set; }
    public DeadlineState State { get; private set; }

    /// <summary>Whether <see cref="DueAt"/> is the marketplace's own time or planned from the shop's policy.</summary>
    public DeadlineSource Source { get; private set; }

    /// <summary>When the sweep must look at it next; null once it is over.</summary>
    public DateTimeOffset? NextCheckAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }

    /// <summary>Which sweep holds it, until when: a crashed node's claim simply runs out.</summary>
    public string? ClaimedBy { get; private set; }
    public DateTimeOffset? ClaimedUntil { get; private set; }
    public int Version { get; private set; }

    private CaseDeadline() { }

    public CaseDeadline(Guid caseId, DeadlineKind kind, DateTimeOffset startedAt, DateTimeOffset dueAt, IEnumerable<DateTimeOffset> warnAt,
        DeadlineSource source = DeadlineSource.Policy)
    {
        Source = source;
        Id = Guid.CreateVersion7(startedAt);
        CaseId = caseId;
        Kind = kind;
        StartedAt = Cases.Instants.Stored(startedAt);
        DueAt = Cases.Instants.Stored(dueAt);
        // Warnings are fractions of the clock, so they fall inside it; one that does not would fire at once or never.
        WarnAt = warnAt.Select(Cases.Instants.Stored).Where(w => w > StartedAt && w < DueAt).Distinct().Order().ToList();
        State = DeadlineState.Pending;
        NextCheckAt = WarnAt.Count > 0 ? WarnAt[0] : DueAt;
        Version = 1;
    }

    /// <summary>
    /// The marketplace gave this running clock a new due time: its warnings are planned again inside it, those whose time
    /// has already passed count as sent (nobody wants a burst of stale reminders), and the sweep looks at it anew.
    /// </summary>
    public void Replan(DateTimeOffset dueAt, IEnumerable<DateTimeOffset> warnAt, DeadlineSource source, DateTimeOffset now)
    {
        if (!IsRunning) return;
        DueAt = Cases.Instants.Stored(dueAt);
        WarnAt = warnAt.Select(Cases.Instants.Stored).Where(w => w > StartedAt && w < DueAt).Distinct().Order().ToList();
        Source = source;
        WarningsSent = WarnAt.Count(w => w <= now);
        NextCheckAt = WarningsSent < WarnAt.Count ? WarnAt[WarningsSent] : DueAt;
        Release();
    }

    public bool IsRunning => State is DeadlineState.Pending or DeadlineState.Warned;

    /// <summary>What is due at <paramref name="now"/>: the due time wins over any warning not yet sent.</summary>
    public DeadlineEvent? EventAt(DateTimeOffset now) =>
        !IsRunning || NextCheckAt is null || now < NextCheckAt ? null
        : now >= DueAt ? DeadlineEvent.Due
        : DeadlineEvent.Warning;

    public void Warned(DateTimeOffset now)
    {
        // Warnings whose time has all passed collapse into one: nobody wants three reminders at once.
        while (WarningsSent < WarnAt.Count && WarnAt[WarningsSent] <= now) WarningsSent++;
        State = DeadlineState.Warned;
        NextCheckAt = WarningsSent < WarnAt.Count ? WarnAt[WarningsSent] : DueAt;
        Release();
    }

    public void Breached(DateTimeOffset now) => Close(DeadlineState.Breached, now);

    public void Met(DateTimeOffset now) => Close(DeadlineState.Met, now);

    public void Cancel(DateTimeOffset now) => Close(DeadlineState.Cancelled, now);

    private void Close(DeadlineState state, DateTimeOffset now)
    {
        if (!IsRunning) return;
        State = state;
        ResolvedAt = now;
        NextCheckAt = null;
        Release();
    }

    private void Release()
    {
        ClaimedBy = null;
        ClaimedUntil = null;
        Version++;
    }
}

public enum DeadlineEvent
{
    Warning,
    Due,
}
