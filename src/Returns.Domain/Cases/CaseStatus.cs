namespace Returns.Domain.Cases;

/// <summary>States of the case workflows (DESIGN §2). Serialized camelCase.</summary>
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
    Completed,
    Rejected,
    Cancelled,
    Expired,
}

public static class CaseStatuses
{
    public static readonly IReadOnlySet<CaseStatus> Terminal = new HashSet<CaseStatus>
    {
        CaseStatus.Completed, CaseStatus.Rejected, CaseStatus.Cancelled, CaseStatus.Expired,
    };

    public static bool IsTerminal(this CaseStatus status) => Terminal.Contains(status);

    public static bool IsOpen(this CaseStatus status) => !Terminal.Contains(status);
}
