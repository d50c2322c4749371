namespace Returns.Domain.Cases;

public enum ReviewRating
{
    Good,
    Medium,
    Bad,
}

/// <summary>The buyer's review as posted on the marketplace.</summary>
public sealed record Review(ReviewRating Rating, string Content, DateTimeOffset PostedAt);

public enum ContactChannel
{
    /// <summary>AliWangwang (旺旺), the marketplace's messenger.</summary>
    Wangwang,
    Phone,
    Sms,
}

public enum ContactOutcome
{
    Reached,
    NoAnswer,
    Refused,
}

/// <summary>One attempt to reach the buyer about their review; every attempt is kept.</summary>
public sealed record ContactAttempt(ContactChannel Channel, ContactOutcome Outcome, string? Note, string By, DateTimeOffset At);

/// <summary>The shop's public reply to the review (评价解释).</summary>
public sealed record Explanation(string Text, string By, DateTimeOffset At);

/// <summary>A malicious review taken to the platform (投诉翻案): why, what proves it, and the platform's reference.</summary>
public sealed record Appeal(string Reason, string? Evidence, string MarkedBy, DateTimeOffset MarkedAt, string? Reference, DateTimeOffset? FiledAt);
