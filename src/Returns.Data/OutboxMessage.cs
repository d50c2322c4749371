namespace Returns.Data;

/// <summary>
/// An event written in the same transaction as the change it reports (case actions, notifications), so a
/// crash between the change and its delivery loses nothing. The webhook dispatcher reads these.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public string Type { get; set; } = "";
    public Guid? CaseId { get; set; }
    public string Payload { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DispatchedAt { get; set; }
}
