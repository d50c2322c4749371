using Returns.Domain.Policies;

namespace Returns.Domain.Cases;

/// <summary>The bad-review (中差评) side of a case: reach the buyer, fix the cause, or appeal (docs/business-rules.md §3.7).</summary>
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

    internal void OpenBadReview(Review? review, ShopPolicy policy)
    {
        if (review is null)
            throw new PolicyViolationException("review-required", "A bad-review case needs the review: rating, content, postedAt.");
        if (review.Rating == ReviewRating.Good)
            throw new PolicyViolationException("not-a-bad-review", "Only medium and bad reviews are worked as cases.");
        // To the microsecond, like the review's clocks that count from it: each window ends exactly when its clock is due.
        Review = review with { PostedAt = Instants.Stored(review.PostedAt) };
        ExplanationDueAt = Review.PostedAt.AddDays(policy.ReviewExplanationDays);
        RevisionDueAt = Review.PostedAt.AddDays(policy.ReviewRevisionDays);
    }

    /// <summary>One attempt to reach the buyer; repeatable, every attempt kept.</summary>
    public void ContactBuyer(ContactChannel channel, ContactOutcome outcome, string? note, ActionContext at) =>
        Apply(CaseAction.ContactBuyer, at, new { channel, outcome, note },
            () => ContactAttempts = [.. ContactAttempts, new ContactAttempt(channel, outcome, note, at.Actor.Name, at.Now)]);

    /// <summary>Unanswered attempts since the buyer was last reached (the contact chaser counts these).</summary>
    public int UnansweredContactAttempts =>
        ContactAttempts.Reverse().TakeWhile(a => a.Outcome != ContactOutcome.Reached).Count(a => a.Outcome == ContactOutcome.NoAnswer);

    public void BuyerAgreed(string? note, ActionContext at) =>
        Apply(CaseAction.BuyerAgreed, at, new { note }, () => { });

    /// <summary>The buyer revised the review; only a better rating counts as recovered.</summary>
    public void ConfirmRevised(ReviewRating newRating, ActionContext at) =>
        Apply(CaseAction.ConfirmRevised, at, new { previous = Review?.Rating, newRating }, () =>
        {
            if (newRating >= Review!.Rating)
                throw new PolicyViolationException(PolicyCodes.RatingNotImproved,
                    $"The review is still {Review.Rating.ToString().ToLowerInvariant()}; a revision must improve the rating.");
            RevisedRating = newRating;
        });

    /// <summary>The shop's public reply (评价解释): once, at most 500 characters, within the explanation window.</summary>
    public void PostExplanation(string text, ActionContext at) =>
        Apply(CaseAction.PostExplanation, at, new { text }, () =>
        {
            if (string.IsNullOrWhiteSpace(text) || !Text.FitsIn(text, ExplanationMaxLength))
                throw new PolicyViolationException("invalid-explanation", $"An explanation has 1 to {ExplanationMaxLength} characters.");
            if (Explanation is not null)
                throw new PolicyViolationException("already-explained", $"The review was already explained by {Explanation.By}.");
            if (at.Now > ExplanationDueAt)
                throw new PolicyViolationException(PolicyCodes.OutsideWindow,
                    $"The explanation window closed at {ExplanationDueAt:u} ({at.Policy.ReviewExplanationDays} days after the review).");
            Explanation = new Explanation(text, at.Actor.Name, at.Now);
        });

    /// <summary>The review tries to extort (恶意评价): keep the evidence for the appeal (投诉翻案).</summary>
    public void MarkMalicious(string reason, string? evidence, ActionContext at) =>
        Apply(CaseAction.MarkMalicious, at, new { reason, evidence },
            () => Appeal = new Appeal(reason, evidence, at.Actor.Name, at.Now, null, null));

    public void FileAppeal(string reference, ActionContext at) =>
        Apply(CaseAction.FileAppeal, at, new { reference }, () =>
        {
            if (string.IsNullOrWhiteSpace(reference))
                throw new PolicyViolationException(PolicyCodes.ReferenceRequired, "Record the platform's appeal reference.");
            Appeal = Appeal! with { Reference = reference, FiledAt = at.Now };
        });

    public void AppealUpheld(ActionContext at) =>
        Apply(CaseAction.AppealUpheld, at, null, () => ResolutionNote = "Appeal upheld: the platform removed the review.");

    public void AppealRejected(ActionContext at) =>
        Apply(CaseAction.AppealRejected, at, null, () => ResolutionNote = "Appeal rejected: the review stands.");

    /// <summary>
    /// The revision window [postedAt, postedAt + 30 days) ended without a revision: the review can no longer
    /// change. Called by the deadline job when the revision clock falls due.
    /// </summary>
    public void Lock(ActionContext at) =>
        Apply(CaseAction.Lock, at, new { revisionDueAt = RevisionDueAt }, () =>
        {
            if (RevisionDueAt is null || at.Now < RevisionDueAt)
                throw new PolicyViolationException(PolicyCodes.RevisionWindowOpen,
                    $"The buyer can still revise the review until {RevisionDueAt:u}.");
            ResolutionNote = "Revision window passed: the review is locked.";
        });
}
