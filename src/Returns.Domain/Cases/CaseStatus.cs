namespace Returns.Domain.Cases;

/// <summary>States of the case workflows (docs/design.md §2). Serialized camelCase.</summary>
public enum CaseStatus
{
    Submitted,
    AwaitingEvidence,
    AwaitingReturnShipment,
    ReturnInTransit,
    InspectionFailed,
    RefundPending,
    ReplacementPending,
    ReplacementShipped,

    /// <summary>Discount above the agent's cap (or outside the window): a supervisor decides.</summary>
    AwaitingApproval,

    /// <summary>Discount agreed: waiting for the payout.</summary>
    Approved,

    /// <summary>Bad review logged, nobody has reached the buyer yet.</summary>
    Open,
    Contacting,
    AwaitingRevision,
    Appealing,
    AppealFiled,

    Completed,
    Rejected,
    Cancelled,
    Expired,

    /// <summary>The review can no longer change (revision window over, or appeal rejected).</summary>
    Locked,
}

public static class CaseStatuses
{
    public static readonly IReadOnlySet<CaseStatus> Terminal = new HashSet<CaseStatus>
    {
        CaseStatus.Completed, CaseStatus.Rejected, CaseStatus.Cancelled, CaseStatus.Expired, CaseStatus.Locked,
    };

    public static bool IsTerminal(this CaseStatus status) => Terminal.Contains(status);

    public static bool IsOpen(this CaseStatus status) => !Terminal.Contains(status);

    private static readonly Dictionary<CaseStatus, string> Names =
        Enum.GetValues<CaseStatus>().ToDictionary(s => s, s => char.ToLowerInvariant(s.ToString()[0]) + s.ToString()[1..]);

    /// <summary>The public name, e.g. <c>awaitingReturnShipment</c>.</summary>
    public static string Name(this CaseStatus status) => Names[status];
}
