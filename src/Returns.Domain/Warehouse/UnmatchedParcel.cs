using Returns.Domain.Cases;

namespace Returns.Domain.Warehouse;

public sealed record ParcelItem(string Sku, int Quantity, ItemCondition Condition);

/// <summary>
/// A parcel the warehouse scanned that matched no case in transit. Kept, with what was inspected,
/// until an agent matches it to a case (nothing the warehouse received is ever lost).
/// </summary>
public sealed class UnmatchedParcel
{
    public Guid Id { get; private set; }
    public string TrackingNumber { get; private set; } = "";
    public IReadOnlyList<ParcelItem> Items { get; private set; } = [];
    public string? Note { get; private set; }
    public string ReceivedBy { get; private set; } = "";
    public DateTimeOffset ReceivedAt { get; private set; }
    public Guid? MatchedCaseId { get; private set; }
    public string? MatchedBy { get; private set; }
    public DateTimeOffset? MatchedAt { get; private set; }
    public int Version { get; private set; }

    private UnmatchedParcel() { }

    public static UnmatchedParcel Receive(string trackingNumber, IReadOnlyList<ParcelItem> items, string? note, ActionContext at) => new()
    {
        Id = Guid.CreateVersion7(at.Now),
        TrackingNumber = ReturnShipment.Normalize(trackingNumber),
        Items = items.ToList(),
        Note = note,
        ReceivedBy = at.Actor.Name,
        ReceivedAt = at.Now,
        Version = 1,
    };

    public bool IsOpen => MatchedCaseId is null;

    /// <summary>An agent found the case: the parcel's inspection is applied to it as its receipt.</summary>
    public void MatchTo(Case @case, ActionContext at)
    {
        if (!IsOpen)
            throw new PolicyViolationException("parcel-already-matched", $"Parcel {TrackingNumber} was already matched to a case.");
        @case.ConfirmReceipt(Items.Select(i => (i.Sku, i.Quantity, i.Condition)).ToList(),
            string.Join(" / ", new[] { $"parcel {TrackingNumber} matched by {at.Actor.Name}", Note }.Where(s => !string.IsNullOrWhiteSpace(s))),
            at);
        MatchedCaseId = @case.Id;
        MatchedBy = at.Actor.Name;
        MatchedAt = at.Now;
        Version++;
    }
}
