using Returns.Domain.Cases;

namespace Returns.Domain.Privacy;

/// <summary>
/// One disclosure of a buyer's contact data: who, when, which case and why (docs/business-rules.md §7, the access log
/// supervisors read). Appended, never changed.
/// </summary>
public sealed class ContactAccess
{
    /// <summary>Assigned by the database in insertion order: the log's order and its paging cursor.</summary>
    public long Id { get; private set; }
    public Guid CaseId { get; private set; }
    public string CaseNumber { get; private set; } = "";
    public string Shop { get; private set; } = "";
    public string Actor { get; private set; } = "";
    public Role ActorRole { get; private set; }
    public string Reason { get; private set; } = "";
    public DateTimeOffset At { get; private set; }

    private ContactAccess() { }

    internal ContactAccess(Case @case, Actor actor, string reason, DateTimeOffset at)
    {
        CaseId = @case.Id;
        CaseNumber = @case.Number;
        Shop = @case.Shop;
        Actor = actor.Name;
        ActorRole = actor.Role;
        Reason = reason;
        At = at;
    }
}
