using Returns.Domain.Cases;

namespace Returns.Domain.Policies;

/// <summary>Whether a request came in time, and until when it could have.</summary>
public sealed record WindowCheck(DateTimeOffset? EndsAt, bool OutsideWindow);

/// <summary>
/// After-sales windows (docs/design.md §2): quality and transit problems until transaction success (else delivery)
/// + 30 days (F0-l Q7); no-reason returns until delivery + 7 days (F0-l Q15). The end instant itself is inside.
/// An order system that sends neither delivery nor completion still sent the payment: the window then runs from
/// <c>paidAt</c>, the earliest the goods could have arrived, so an order paid years ago is outside it (issue 19).
/// </summary>
public static class ReturnWindow
{
    public static WindowCheck Check(Reason reason, OrderSnapshot order, IEnumerable<string> skus, ShopPolicy policy, DateTimeOffset now)
    {
        var noReason = reason.Responsibility == Responsibility.Buyer;
        // A shop or product line outside the 7-day programme has no no-reason window: out of policy from the start.
        if (noReason && !policy.OffersNoReasonReturn(skus))
            return new WindowCheck(order.DeliveredAt ?? order.PaidAt, true);
        var (start, days) = noReason
            ? (order.DeliveredAt ?? order.PaidAt, policy.NoReasonWindowDays)
            : (order.CompletedAt ?? order.DeliveredAt ?? order.PaidAt, policy.QualityWindowDays);

        var endsAt = start.AddDays(days);
        return new WindowCheck(endsAt, now > endsAt);
    }
}
