using Returns.Domain.Policies;
using Returns.Domain.Workflows;

namespace Returns.Domain.Cases;

/// <summary>The bad-review (中差评) side of a case: reach the buyer, fix the cause, or appeal (domain-spec §3.7).</summary>
public sealed partial class Case
{
    public const int ExplanationMaxLength = 500;

    public Review? Review { get; private set; }

    /// <summary>F0-l Q11: the shop may explain a review until 15 days after it was posted.</summary>
    public DateTimeOffset? ExplanationDueAt { get; private set; }

    /// <summary>F0-l Q14: the buyer may revise until 30 days after posting; then the review is locked.</summary>
    public DateTimeOffset? RevisionDueAt { get; private set; }

    public IReadOnlyList<ContactAttempt> ContactAttempts { get; private set; } = [];
    public Explanation? Explanation { get; private set; }
    public Appeal? Appeal { get; private set; }
    public ReviewRating? RevisedRating { get; private set; }

    private CaseStatus OpenBadReview(Review? review, ShopPolicy policy)
    {
        Review = review ?? throw new PolicyViolationException("review-required", "A bad-review case needs the review: rating, content, postedAt.");
        if (review.Rating == ReviewRating.Good)
            throw new PolicyViolationException("not-a-bad-review", "Only medium and bad reviews are worked as cases.");
        ExplanationDueAt = review.PostedAt.AddDays(policy.ReviewExplanationDays);
        RevisionDueAt = review.PostedAt.AddDays(policy.ReviewRevisionDays);
        return Workflow.InitialStatus(CaseType.BadReview);
    }

    /// <summary>One attempt to reach the buyer; repeatable, every attempt kept.</summary>
    public void ContactBuyer(ContactChannel channel, ContactOutcome outcome, string? note, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.ContactBuyer, actor, now, new { channel, outcome, note },
            () => ContactAttempts = [.. ContactAttempts, new ContactAttempt(channel, outcome, note, actor.Name, now)]);

    /// <summary>Unanswered attempts since the buyer was last reached (the contact chaser counts these).</summary>
    public int UnansweredContactAttempts =>
        ContactAttempts.Reverse().TakeWhile(a => a.Outcome != ContactOutcome.Reached).Count(a => a.Outcome == ContactOutcome.NoAnswer);

    public void BuyerAgreed(string? note, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.BuyerAgreed, actor, now, new { note }, () => { });

    /// <summary>The buyer revised the review; only a better rating counts as recovered.</summary>
    public void ConfirmRevised(ReviewRating newRating, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.ConfirmRevised, actor, now, new { previous = Review?.Rating, newRating }, () =>
        {
            if (newRating >= Review!.Rating)
                throw new PolicyViolationException(PolicyCodes.RatingNotImproved,
                    $"The review is still {Review.Rating.ToString().ToLowerInvariant()}; a revision must improve the rating.");
            RevisedRating = newRating;
        });

    /// <summary>The shop's public reply (评价解释): once, at most 500 characters, within the explanation window.</summary>
    public void PostExplanation(string text, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.PostExplanation, actor, now, new { text }, () =>
        {
            if (string.IsNullOrWhiteSpace(text) || text.Length > ExplanationMaxLength)
                throw new PolicyViolationException("invalid-explanation", $"An explanation has 1 to {ExplanationMaxLength} characters.");
            if (Explanation is not null)
                throw new PolicyViolationException("already-explained", $"The review was already explained by {Explanation.By}.");
            if (now > ExplanationDueAt)
                throw new PolicyViolationException(PolicyCodes.OutsideWindow,
                    $"The explanation window closed at {ExplanationDueAt:u} (15 days after the review).");
            Explanation = new Explanation(text, actor.Name, now);
        });

    /// <summary>The review tries to extort (恶意评价): keep the evidence for the appeal (投诉翻案).</summary>
    public void MarkMalicious(string reason, string? evidence, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.MarkMalicious, actor, now, new { reason, evidence },
            () => Appeal = new Appeal(reason, evidence, actor.Name, now, null, null));

    public void FileAppeal(string reference, Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.FileAppeal, actor, now, new { reference }, () =>
        {
            if (string.IsNullOrWhiteSpace(reference))
                throw new PolicyViolationException(PolicyCodes.ReferenceRequired, "Record the platform's appeal reference.");
            Appeal = Appeal! with { Reference = reference, FiledAt = now };
        });

    public void AppealUpheld(Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.AppealUpheld, actor, now, null, () => ResolutionNote = "Appeal upheld: the platform removed the review.");

    public void AppealRejected(Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.AppealRejected, actor, now, null, () => ResolutionNote = "Appeal rejected: the review stands.");

    /// <summary>
    /// The revision window [postedAt, postedAt + 30 days) ended without a revision: the review can no longer
    /// change. Called by the deadline job when the revision clock falls due.
    /// </summary>
    public void Lock(Actor actor, DateTimeOffset now) =>
        Apply(CaseAction.Lock, actor, now, new { revisionDueAt = RevisionDueAt }, () =>
        {
            if (RevisionDueAt is null || now < RevisionDueAt)
                throw new PolicyViolationException(PolicyCodes.RevisionWindowOpen,
                    $"The buyer can still revise the review until {RevisionDueAt:u}.");
            ResolutionNote = "Revision window passed: the review is locked.";
        });
}
