using Returns.Domain.Cases;

namespace Returns.Domain.Policies;

/// <summary>Whether a request came in time, and until when it could have.</summary>
public sealed record WindowCheck(DateTimeOffset? EndsAt, bool OutsideWindow);

/// <summary>
/// After-sales windows (docs/design.md §2): quality and transit problems until transaction success (else delivery)
/// + 30 days (F0-l Q7); no-reason returns until delivery + 7 days (F0-l Q15). The end instant itself is inside.
/// A window that has not started (goods not delivered) cannot have passed.
/// </summary>
public static class ReturnWindow
{
    public static WindowCheck Check(Reason reason, OrderSnapshot order, ShopPolicy policy, DateTimeOffset now)
    {
        var (start, days) = reason.Responsibility == Responsibility.Buyer
            ? (order.DeliveredAt, policy.NoReasonWindowDays)
            : (order.CompletedAt ?? order.DeliveredAt, policy.QualityWindowDays);

        if (start is null) return new WindowCheck(null, false);
        var endsAt = start.Value.AddDays(days);
        return new WindowCheck(endsAt, now > endsAt);
    }
}
