namespace Returns.Domain.Cases;

public sealed record EvidenceItem(Guid Id, string FileName, string ContentType, long Size, string UploadedBy, DateTimeOffset UploadedAt);

public sealed record Note(string Text, string Author, DateTimeOffset At);

public sealed record CaseLink(Guid CaseId, string Number, CaseType Type, DateTimeOffset LinkedAt);

/// <summary>One line of the append-only timeline: who did what, when, and the state it moved.</summary>
public sealed class TimelineEntry
{
    public Guid Id { get; private init; }
    public Guid CaseId { get; private init; }

    /// <summary>The case version this entry produced: unique per case, so two writers can never both append.</summary>
    public int Version { get; private init; }
    public DateTimeOffset At { get; private init; }
    public string Actor { get; private init; } = "";
    public Role ActorRole { get; private init; }
    public string Action { get; private init; } = "";
    public CaseStatus? From { get; private init; }
    public CaseStatus To { get; private init; }

    /// <summary>The action's facts as JSON (amounts, reasons, items).</summary>
    public string? Data { get; private init; }

    private TimelineEntry() { }

    public TimelineEntry(Guid caseId, int version, DateTimeOffset at, Actor actor, CaseAction action, CaseStatus? from, CaseStatus to, string? data)
        : this(caseId, version, at, actor, action.Name(), from, to, data)
    {
    }

    /// <summary>An entry for something that is not a workflow action, e.g. the system's escalation.</summary>
    public TimelineEntry(Guid caseId, int version, DateTimeOffset at, Actor actor, string action, CaseStatus? from, CaseStatus to, string? data)
    {
        Id = Guid.CreateVersion7(at);
        CaseId = caseId;
        Version = version;
        At = at;
        Actor = actor.Name;
        ActorRole = actor.Role;
        Action = action;
        From = from;
        To = to;
        Data = data;
    }
}
