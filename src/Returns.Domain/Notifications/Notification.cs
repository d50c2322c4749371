using Returns.Domain.Deadlines;

namespace Returns.Domain.Notifications;

public enum NotificationKind
{
    /// <summary>A clock is about to run out.</summary>
    Reminder,

    /// <summary>A clock ran out (or a platform clock is close): supervisors must step in.</summary>
    Escalation,

    /// <summary>The system applied the marketplace's automatic outcome.</summary>
    AutomaticOutcome,
}

/// <summary>
/// A message for one recipient: a person (their name) or a role's queue (<c>role:supervisor</c>).
/// Stored, readable and markable read; also an outbox event for webhooks.
/// </summary>
public sealed class Notification
{
    public const string Supervisors = "role:supervisor";

    public Guid Id { get; private set; }
    public string Recipient { get; private set; } = "";
    public NotificationKind Kind { get; private set; }
    public Guid CaseId { get; private set; }
    public string CaseNumber { get; private set; } = "";
    public DeadlineKind Deadline { get; private set; }
    public string Message { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }

    private Notification() { }

    public Notification(string recipient, NotificationKind kind, Guid caseId, string caseNumber, DeadlineKind deadline, string message, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        Recipient = recipient;
        Kind = kind;
        CaseId = caseId;
        CaseNumber = caseNumber;
        Deadline = deadline;
        Message = message;
        CreatedAt = now;
    }

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;
}
