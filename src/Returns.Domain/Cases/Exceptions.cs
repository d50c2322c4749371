namespace Returns.Domain.Cases;

/// <summary>The action is not possible in the case's current state (409 invalid-transition).</summary>
public sealed class InvalidTransitionException(CaseAction action, CaseStatus status, IReadOnlyList<string> allowedActions)
    : Exception($"'{action.Name()}' is not allowed while the case is {char.ToLowerInvariant(status.ToString()[0])}{status.ToString()[1..]}.")
{
    public CaseAction Action { get; } = action;
    public CaseStatus Status { get; } = status;
    public IReadOnlyList<string> AllowedActions { get; } = allowedActions;
}

/// <summary>A business rule refuses the request (422 with the rule's code).</summary>
public sealed class PolicyViolationException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>Something another case holds refuses the request (409 with the rule's code), e.g. a claimed tracking number.</summary>
public sealed class ClaimConflictException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The actor's role may not perform this action at all (403).</summary>
public sealed class ActionForbiddenException(CaseAction action, Role role)
    : Exception($"The {role.ToString().ToLowerInvariant()} role may not '{action.Name()}'.")
{
    public CaseAction Action { get; } = action;
    public Role Role { get; } = role;
}

public static class PolicyCodes
{
    public const string EvidenceRequired = "evidence-required";
    public const string NotAPlatformClock = "not-a-platform-clock";
    public const string FreightCollectRefused = "freight-collect-refused";
    public const string OutsideWindow = "outside-window";
    public const string SupervisorRequired = "supervisor-required";
    public const string RefundExceedsDue = "refund-exceeds-due";
    public const string ItemNotInCase = "item-not-in-case";
    public const string ItemsUnderOpenCase = "items-under-open-case";
    public const string InvalidLink = "invalid-link";
    public const string ReferenceRequired = "reference-required";
    public const string CompensationExceedsGoods = "compensation-exceeds-goods";
    public const string PayoutExceedsApproved = "payout-exceeds-approved";
    public const string OpenDiscountExists = "open-discount-exists";
    public const string ReasonNotEligible = "reason-not-eligible";
    public const string RevisionWindowOpen = "revision-window-open";
    public const string RatingNotImproved = "rating-not-improved";
    public const string CurrencyMismatch = "currency-mismatch";
    public const string NoPostageOwed = "no-postage-owed";
    public const string NoReasonReturnNotRefusable = "no-reason-return-not-refusable";
    public const string BuyerDataRemoved = "buyer-data-removed";
    public const string UnknownAssignee = "unknown-assignee";
    public const string TrackingNumberInUse = "tracking-number-in-use";
    public const string ExceedsOrderTotal = "exceeds-order-total";
}
