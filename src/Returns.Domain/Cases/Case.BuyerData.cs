using Returns.Domain.Privacy;

namespace Returns.Domain.Cases;

/// <summary>The buyer's contact data: revealed with a reason, removed after the retention period (docs/business-rules.md §7).</summary>
public sealed partial class Case
{
    /// <summary>When the retention job removed the buyer's phone; null while the case keeps it.</summary>
    public DateTimeOffset? BuyerDataRemovedAt { get; private set; }

    /// <summary>
    /// A person asks for the buyer's phone, saying why: the answer is the access-log entry that records it. Refused once
    /// the data was removed (422 <c>buyer-data-removed</c>).
    /// </summary>
    public ContactAccess RevealContact(Actor actor, string reason, DateTimeOffset now)
    {
        if (BuyerDataRemovedAt is { } removed)
            throw new PolicyViolationException(PolicyCodes.BuyerDataRemoved,
                $"The buyer's contact data was removed on {removed:yyyy-MM-dd} after the case had been closed for the retention period.");
        return new ContactAccess(this, actor, reason.Trim(), now);
    }

    /// <summary>
    /// Removes the buyer's phone once the case has been closed for <paramref name="retainDays"/> days, leaving the case, its
    /// amounts and its timeline; the timeline says so. False, and nothing changes, when nothing is due (idempotent).
    /// </summary>
    public bool RemoveBuyerData(int retainDays, ActionContext at)
    {
        if (!BuyerDataRetention.IsDue(this, at.Now, retainDays)) return false;
        BuyerPhone = null;
        BuyerDataRemovedAt = at.Now;
        Version++;
        UpdatedAt = at.Now;
        _newTimelineEntries.Add(new TimelineEntry(Id, Version, at.Now, at.Actor, BuyerDataRetention.Removed, Status, Status,
            Serialize(new { removed = new[] { "phone" }, retainDays })));
        return true;
    }
}
