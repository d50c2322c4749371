namespace Returns.Domain.Cases;

/// <summary>Actions on a case. The contract name is kebab-case: the URL segment and the allowedActions entry.</summary>
public enum CaseAction
{
    Create,
    Approve,
    Reject,
    RequestEvidence,
    SubmitEvidence,
    RecordReturnShipment,
    RefuseParcel,
    ConfirmReceipt,
    Refund,
    ShipReplacement,
    ConfirmDelivery,
    ConvertToRefund,

    /// <summary>An exchange pays back the return postage the buyer advanced (the goods are replaced, not refunded).</summary>
    RefundPostage,
    RecordPayout,
    ContactBuyer,
    BuyerAgreed,
    ConfirmRevised,
    PostExplanation,
    MarkMalicious,
    FileAppeal,
    AppealUpheld,
    AppealRejected,
    Expire,
    Lock,

    /// <summary>The marketplace refunded the buyer itself because the seller did not confirm receipt in time.</summary>
    PlatformRefund,

    /// <summary>The marketplace's own due times for its clocks on this case arrive (its seller backend or an integration).</summary>
    SyncPlatformDeadlines,
    Assign,
    AddNote,
    AddEvidence,
    Link,
    Cancel,
}

public static class CaseActions
{
    private static readonly Dictionary<CaseAction, string> Names =
        Enum.GetValues<CaseAction>().ToDictionary(a => a, ToKebab);

    private static readonly Dictionary<string, CaseAction> ByName =
        Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>The public name, e.g. <c>record-return-shipment</c>.</summary>
    public static string Name(this CaseAction action) => Names[action];

    public static bool TryParse(string name, out CaseAction action) => ByName.TryGetValue(name, out action);

    private static string ToKebab(CaseAction action)
    {
        var text = action.ToString();
        var chars = new List<char>(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsUpper(text[i]) && i > 0) chars.Add('-');
            chars.Add(char.ToLowerInvariant(text[i]));
        }
        return new string(chars.ToArray());
    }
}
