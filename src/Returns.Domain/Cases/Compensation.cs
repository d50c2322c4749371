namespace Returns.Domain.Cases;

/// <summary>
/// 折价补偿 as the manuals demand it be recorded (F0-r): what the defect is, how much, who handled it, when.
/// </summary>
public sealed record Compensation(
    decimal Amount,
    string Defect,
    decimal Cap,
    string Handler,
    DateTimeOffset At,
    string? ApprovedBy,
    DateTimeOffset? ApprovedAt);

/// <summary>How the compensation reached the buyer: their refund request, or an Alipay transfer with its record.</summary>
public sealed record Payout(decimal Amount, PayoutMethod Method, string Reference, Guid? ProofEvidenceId, string PaidBy, DateTimeOffset PaidAt);
