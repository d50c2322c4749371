namespace Returns.Domain.Deadlines;

/// <summary>What the system does when a clock warns or runs out (issue 5 table, last column).</summary>
public enum DeadlineResponse
{
    /// <summary>Tell the assignee (or the supervisors when nobody is assigned).</summary>
    Remind,

    /// <summary>Tell the supervisors and note it on the timeline.</summary>
    Escalate,

    /// <summary>The marketplace approves a return or exchange the seller left undecided.</summary>
    AutoApprove,

    /// <summary>The buyer let the case lapse: close it as expired.</summary>
    Expire,

    /// <summary>The marketplace refunds the buyer itself: record its refund.</summary>
    PlatformRefund,

    /// <summary>The review can no longer be revised: lock it.</summary>
    Lock,
}

public static class DeadlineRules
{
    public static DeadlineResponse ResponseTo(DeadlineKind kind, DeadlineEvent what, int unansweredAttempts, int escalateAfter) =>
        (kind, what) switch
        {
            // Ten days without confirming receipt and the platform refunds: escalate already at the warning.
            (DeadlineKind.SellerConfirmsReceipt, DeadlineEvent.Warning) => DeadlineResponse.Escalate,
            (_, DeadlineEvent.Warning) => DeadlineResponse.Remind,
            (DeadlineKind.SellerDecision, _) => DeadlineResponse.AutoApprove,
            (DeadlineKind.EvidenceFromBuyer or DeadlineKind.BuyerShipsReturn, _) => DeadlineResponse.Expire,
            (DeadlineKind.SellerConfirmsReceipt, _) => DeadlineResponse.PlatformRefund,
            (DeadlineKind.BadReviewRevision, _) => DeadlineResponse.Lock,
            (DeadlineKind.ContactChaser, _) => unansweredAttempts >= escalateAfter ? DeadlineResponse.Escalate : DeadlineResponse.Remind,
            _ => DeadlineResponse.Escalate,
        };

    /// <summary>
    /// What the people told are told, in the console's first language and then English, with the due time in
    /// the shop's time zone (people never read UTC).
    /// </summary>
    public static string Message(DeadlineKind kind, DeadlineEvent what, DateTimeOffset dueAt, TimeZoneInfo timeZone)
    {
        var local = TimeZoneInfo.ConvertTime(dueAt, timeZone);
        return Message(kind, what, $"{local:yyyy-MM-dd HH:mm} ({timeZone.Id})");
    }

    private static string Message(DeadlineKind kind, DeadlineEvent what, string due) => (kind, what) switch
    {
        (DeadlineKind.ExchangeReship, DeadlineEvent.Due) =>
            $"换货补发已超时,可转为退款 (convert-to-refund) / Replacement not shipped in time (due {due}); consider convert-to-refund.",
        (DeadlineKind.SellerConfirmsReceipt, DeadlineEvent.Warning) =>
            $"请尽快确认收货,否则平台将自动退款 / Confirm receipt before {due} or the platform refunds the buyer.",
        (DeadlineKind.ContactChaser, _) => $"买家未接听,请再次联系 / The buyer did not answer: try again (due {due}).",
        (_, DeadlineEvent.Warning) => $"{Zh(kind)}即将到期 / {kind} due at {due}.",
        _ => $"{Zh(kind)}已超时 / {kind} was due at {due}.",
    };

    private static string Zh(DeadlineKind kind) => kind switch
    {
        DeadlineKind.FirstTouch => "首次处理",
        DeadlineKind.SellerDecision => "卖家处理售后申请",
        DeadlineKind.EvidenceFromBuyer => "买家补充凭证",
        DeadlineKind.BuyerShipsReturn => "买家退货发货",
        DeadlineKind.SellerConfirmsReceipt => "卖家确认收货",
        DeadlineKind.RefundAfterReceipt => "收货后退款",
        DeadlineKind.ExchangeReship => "换货补发",
        DeadlineKind.DiscountPayout => "折价补偿打款",
        DeadlineKind.BadReviewFirstContact => "中差评首次联系",
        DeadlineKind.BadReviewExplanation => "中差评解释",
        DeadlineKind.BadReviewRevision => "中差评修改",
        DeadlineKind.ContactChaser => "再次联系买家",
        _ => kind.ToString(),
    };
}
