using FluentValidation;
using Returns.Domain.Cases;
using Returns.Domain.Deadlines;

namespace Returns.Web.Features.Cases;

/// <summary>The marketplace's due times as a case's create body carries them (<c>platformDeadlines</c>).</summary>
/// <param name="SellerDecision">When the marketplace approves the request itself if the seller has not decided.</param>
/// <param name="EvidenceFromBuyer">When the request lapses if the buyer sends no evidence.</param>
/// <param name="BuyerShipsReturn">When the request lapses if the buyer has not shipped the return.</param>
/// <param name="SellerConfirmsReceipt">When the marketplace refunds the buyer itself if the seller has not confirmed receipt.</param>
public sealed record PlatformDeadlinesBody(
    DateTimeOffset? SellerDecision, DateTimeOffset? EvidenceFromBuyer, DateTimeOffset? BuyerShipsReturn, DateTimeOffset? SellerConfirmsReceipt)
{
    public IReadOnlyList<PlatformDueTime> DueTimes() =>
        PlatformDeadlines.DueTimes(SellerDecision, EvidenceFromBuyer, BuyerShipsReturn, SellerConfirmsReceipt);
}

public static class PlatformDeadlines
{
    /// <summary>A platform due time further ahead than this is a typing error (no marketplace clock runs a year).</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(366);

    public static IReadOnlyList<PlatformDueTime> DueTimes(
        DateTimeOffset? sellerDecision, DateTimeOffset? evidenceFromBuyer, DateTimeOffset? buyerShipsReturn, DateTimeOffset? sellerConfirmsReceipt) =>
        new (DeadlineKind Kind, DateTimeOffset? At)[]
        {
            (DeadlineKind.SellerDecision, sellerDecision),
            (DeadlineKind.EvidenceFromBuyer, evidenceFromBuyer),
            (DeadlineKind.BuyerShipsReturn, buyerShipsReturn),
            (DeadlineKind.SellerConfirmsReceipt, sellerConfirmsReceipt),
        }.Where(t => t.At is not null).Select(t => new PlatformDueTime(t.Kind, t.At!.Value)).ToList();

    /// <summary>A due time the marketplace gave: after 2000-01-01 and within a year from now.</summary>
    public static IRuleBuilderOptions<T, DateTimeOffset?> PlatformDueTime<T>(this IRuleBuilder<T, DateTimeOffset?> rule, TimeProvider clock) =>
        rule.Must(t => t is null || (t >= CreateCase.EarliestDate && t <= clock.GetUtcNow() + Horizon))
            .WithMessage("Between 2000-01-01 and a year from now.");
}
