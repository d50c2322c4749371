using Returns.Domain.Cases;
using Returns.Domain.Policies;

namespace Returns.Domain.Deadlines;

/// <summary>
/// Starts, meets and cancels a case's clocks from the transitions it just went through (issue 5 table).
/// Pure: it reads the new timeline entries and the case, and changes only the case's deadlines.
/// </summary>
public static class DeadlinePlanner
{
    public static void Plan(Case @case, IEnumerable<TimelineEntry> entries, ShopPolicy policy)
    {
        foreach (var entry in entries)
            Plan(@case, entry, policy);
    }

    private static void Plan(Case c, TimelineEntry entry, ShopPolicy policy)
    {
        var now = entry.At;
        var d = policy.Deadlines;
        var calendar = policy.Calendar();
        var isReturnLike = c.Type is CaseType.Return or CaseType.Exchange;

        if (entry.Action == CaseAction.Create.Name())
        {
            StartBusiness(c, DeadlineKind.FirstTouch, now, TimeSpan.FromHours(d.FirstTouchBusinessHours), calendar, 0.75);
            if (isReturnLike)
            {
                var due = Platform(now, TimeSpan.FromHours(d.SellerDecisionHours), policy);
                c.StartDeadline(DeadlineKind.SellerDecision, now, due, [due.AddHours(-24), due.AddHours(-4)]);
            }
            if (c.Type == CaseType.Discount && c.Status == CaseStatus.Approved)
                StartFraction(c, DeadlineKind.DiscountPayout, now, TimeSpan.FromHours(d.DiscountPayoutHours), 0.75);
            if (c.Type == CaseType.BadReview && c.Review is { } review)
            {
                StartFraction(c, DeadlineKind.BadReviewFirstContact, now, TimeSpan.FromHours(d.BadReviewFirstContactHours), 0.75);
                c.StartDeadline(DeadlineKind.BadReviewExplanation, review.PostedAt, c.ExplanationDueAt!.Value,
                    [review.PostedAt.AddDays(policy.ReviewExplanationDays - 3)]);
                c.StartDeadline(DeadlineKind.BadReviewRevision, review.PostedAt, c.RevisionDueAt!.Value,
                    [review.PostedAt.AddDays(policy.ReviewRevisionDays - 10), review.PostedAt.AddDays(policy.ReviewRevisionDays - 3)]);
            }
            return;
        }

        // Any person working the case is its first touch; the system's own steps are not.
        if (entry.ActorRole != Role.System)
            c.MeetDeadline(DeadlineKind.FirstTouch, now);

        if (entry.Status() is { } to && to.IsTerminal())
        {
            // Completing (or a considered rejection after receipt) meets the clocks it answers; the rest stop.
            if (to == CaseStatus.Completed || (to == CaseStatus.Rejected && entry.From == CaseStatus.InspectionFailed))
                c.MeetDeadlines(now, DeadlineKind.RefundAfterReceipt, DeadlineKind.ExchangeReship, DeadlineKind.DiscountPayout, DeadlineKind.BadReviewRevision);
            if (ActionOf(entry) is CaseAction.Reject && entry.From == CaseStatus.Submitted)
                c.MeetDeadline(DeadlineKind.SellerDecision, now);
            c.CancelRunningDeadlines(now);
            return;
        }

        switch (ActionOf(entry))
        {
            case CaseAction.Approve or CaseAction.Reject or CaseAction.RequestEvidence when isReturnLike:
                c.MeetDeadline(DeadlineKind.SellerDecision, now);
                break;
            case CaseAction.Approve when c.Type == CaseType.Discount:
                StartFraction(c, DeadlineKind.DiscountPayout, now, TimeSpan.FromHours(d.DiscountPayoutHours), 0.75);
                break;
            case CaseAction.SubmitEvidence:
                c.MeetDeadline(DeadlineKind.EvidenceFromBuyer, now);
                break;
            case CaseAction.RecordReturnShipment:
                c.MeetDeadline(DeadlineKind.BuyerShipsReturn, now);
                var receiptDue = Platform(now, TimeSpan.FromDays(d.SellerConfirmsReceiptDays), policy);
                c.StartDeadline(DeadlineKind.SellerConfirmsReceipt, now, receiptDue, [now.AddDays(d.SellerConfirmsReceiptDays - 3)]);
                break;
            case CaseAction.RefuseParcel:
                c.CancelDeadline(DeadlineKind.SellerConfirmsReceipt, now);
                break;
            case CaseAction.ConfirmReceipt:
                c.MeetDeadline(DeadlineKind.SellerConfirmsReceipt, now);
                break;
            case CaseAction.ShipReplacement or CaseAction.ConvertToRefund:
                c.MeetDeadline(DeadlineKind.ExchangeReship, now);
                break;
            case CaseAction.ContactBuyer:
                c.MeetDeadline(DeadlineKind.BadReviewFirstContact, now);
                c.MeetDeadline(DeadlineKind.ContactChaser, now);
                if (c.ContactAttempts.LastOrDefault()?.Outcome == ContactOutcome.NoAnswer)
                    c.StartDeadline(DeadlineKind.ContactChaser, now, now.AddHours(d.ContactChaserHours), []);
                break;
            case CaseAction.MarkMalicious:
                // Taken to the platform: the buyer's revision no longer decides the case.
                c.MeetDeadline(DeadlineKind.BadReviewFirstContact, now);
                c.CancelDeadline(DeadlineKind.ContactChaser, now);
                c.CancelDeadline(DeadlineKind.BadReviewRevision, now);
                break;
            case CaseAction.PostExplanation:
                c.MeetDeadline(DeadlineKind.BadReviewExplanation, now);
                break;
        }

        // Clocks that start on entering a state.
        if (entry.From != entry.To)
        {
            switch (entry.To)
            {
                case CaseStatus.AwaitingEvidence:
                    c.StartDeadline(DeadlineKind.EvidenceFromBuyer, now, Platform(now, TimeSpan.FromDays(d.EvidenceFromBuyerDays), policy),
                        [Platform(now, TimeSpan.FromDays(2), policy)]);
                    break;
                case CaseStatus.AwaitingReturnShipment:
                    c.StartDeadline(DeadlineKind.BuyerShipsReturn, now, Platform(now, TimeSpan.FromDays(d.BuyerShipsReturnDays), policy),
                        [Platform(now, TimeSpan.FromDays(3), policy), Platform(now, TimeSpan.FromDays(6), policy)]);
                    break;
                case CaseStatus.RefundPending or CaseStatus.InspectionFailed:
                    // Legal limit 7 days; the shop's own target is 48 business hours.
                    StartBusiness(c, DeadlineKind.RefundAfterReceipt, now, TimeSpan.FromHours(d.RefundAfterReceiptBusinessHours), calendar, 0.75);
                    break;
                case CaseStatus.ReplacementPending:
                    var reshipDue = now.AddHours(d.ExchangeReshipHours);
                    c.StartDeadline(DeadlineKind.ExchangeReship, now, reshipDue, [now.AddHours(48)]);
                    break;
            }
        }
    }

    /// <summary>The marketplace's own clocks: calendar time, standing still during platform freezes.</summary>
    private static DateTimeOffset Platform(DateTimeOffset now, TimeSpan duration, ShopPolicy policy) =>
        PlatformCalendar.Add(now, duration, policy.PlatformFreezes);

    private static CaseAction? ActionOf(TimelineEntry entry) => CaseActions.TryParse(entry.Action, out var action) ? action : null;

    private static CaseStatus? Status(this TimelineEntry entry) => entry.From == entry.To ? null : entry.To;

    private static void StartFraction(Case c, DeadlineKind kind, DateTimeOffset now, TimeSpan duration, double warnFraction) =>
        c.StartDeadline(kind, now, now + duration, [now + duration * warnFraction]);

    private static void StartBusiness(Case c, DeadlineKind kind, DateTimeOffset now, TimeSpan duration, BusinessCalendar calendar, double warnFraction) =>
        c.StartDeadline(kind, now, calendar.Add(now, duration), [calendar.Add(now, duration * warnFraction)]);
}
