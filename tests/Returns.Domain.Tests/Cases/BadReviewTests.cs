using Returns.Domain.Cases;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Cases;

/// <summary>
/// docs/business-rules.md §3.7 (F2-范文七): reach the buyer quickly, fix the cause, and most buyers revise the review;
/// a malicious review is appealed (投诉翻案) with the evidence collected.
/// </summary>
public sealed class BadReviewTests
{
    [Fact]
    public void Good_review_is_not_worked_as_a_case()
    {
        var builder = new CaseBuilder().BadReview().WithReview(ReviewRating.Good, CaseBuilder.ReviewPostedAt);

        var error = Assert.Throws<PolicyViolationException>(() => builder.Open());

        Assert.Equal("not-a-bad-review", error.Code);
    }

    [Theory]
    [InlineData(ReviewRating.Medium)]
    [InlineData(ReviewRating.Bad)]
    public void Medium_or_bad_review_opens_a_case(ReviewRating rating)
    {
        var review = new Review(rating, "Colour faded.", CaseBuilder.ReviewPostedAt);

        var @case = new CaseBuilder().BadReview().WithReview(review).Open();

        Assert.Equal(CaseStatus.Open, @case.Status);
        Assert.Equal(review, @case.Review);
        var entry = Assert.Single(@case.NewTimelineEntries);
        Assert.Null(entry.From);
        Assert.Equal(CaseStatus.Open, entry.To);
    }

    [Fact]
    public void Bad_review_case_needs_the_review()
    {
        var builder = new CaseBuilder().BadReview().WithReview(null);

        Assert.Throws<PolicyViolationException>(() => builder.Open());
    }

    [Fact]
    public void Bad_review_may_be_logged_before_its_cause_is_known()
    {
        var @case = new CaseBuilder().BadReview().WithReason(null).Open();

        Assert.Null(@case.Reason);
        Assert.Null(@case.Responsibility);
        Assert.False(@case.OutsideWindow);
    }

    [Fact]
    public void Bad_review_owes_the_buyer_no_money()
    {
        var @case = new CaseBuilder().BadReview().Open();

        Assert.Equal(0m, @case.RefundDue);
        Assert.Equal(0m, @case.Refunded);
    }

    [Fact]
    public void Confirm_receipt_on_a_bad_review_is_an_invalid_transition()
    {
        // A bad review logged without a reason has no responsibility; the state must refuse first (409, not 500).
        var builder = new CaseBuilder().BadReview().WithReason(null);
        var @case = builder.Open();

        var error = Assert.Throws<InvalidTransitionException>(() =>
            @case.ConfirmReceipt(builder.AllItems(ItemCondition.Resaleable), null, builder.At(Actors.Supervisor)));

        Assert.Equal(CaseStatus.Open, error.Status);
        Assert.Equal(1, @case.Version);
    }

    [Fact]
    public void Every_contact_attempt_is_kept_with_channel_outcome_and_note()
    {
        var builder = new CaseBuilder().BadReview();
        var @case = builder.Open();
        var first = builder.Now;

        @case.ContactBuyer(ContactChannel.Wangwang, ContactOutcome.NoAnswer, "Left a message.", builder.At(Actors.Agent));
        builder.Clock.Advance(TimeSpan.FromHours(3));
        @case.ContactBuyer(ContactChannel.Phone, ContactOutcome.Refused, null, builder.At(Actors.Supervisor));
        builder.Clock.Advance(TimeSpan.FromHours(3));
        @case.ContactBuyer(ContactChannel.Sms, ContactOutcome.Reached, "Buyer replied by SMS.", builder.At(Actors.Agent));

        Assert.Equal(CaseStatus.Contacting, @case.Status);
        Assert.Equal(
            [
                new ContactAttempt(ContactChannel.Wangwang, ContactOutcome.NoAnswer, "Left a message.", Actors.Agent.Name, first),
                new ContactAttempt(ContactChannel.Phone, ContactOutcome.Refused, null, Actors.Supervisor.Name, first.AddHours(3)),
                new ContactAttempt(ContactChannel.Sms, ContactOutcome.Reached, "Buyer replied by SMS.", Actors.Agent.Name, first.AddHours(6)),
            ],
            @case.ContactAttempts);
        Assert.Equal(
            [(CaseStatus?)CaseStatus.Open, CaseStatus.Contacting, CaseStatus.Contacting],
            @case.NewTimelineEntries.Skip(1).Select(e => e.From));
        Assert.All(@case.NewTimelineEntries.Skip(1), e => Assert.Equal("contact-buyer", e.Action));
    }

    [Fact]
    public void Buyer_can_be_contacted_again_while_the_revision_is_awaited()
    {
        var builder = new CaseBuilder().BadReview();
        var @case = builder.In(CaseStatus.AwaitingRevision);

        @case.ContactBuyer(ContactChannel.Wangwang, ContactOutcome.NoAnswer, "Reminder to revise.", builder.At(Actors.Agent));

        Assert.Equal(CaseStatus.AwaitingRevision, @case.Status);
        Assert.Equal(2, @case.ContactAttempts.Count);
    }

    [Theory]
    [InlineData(new ContactOutcome[0], 0)]
    [InlineData(new[] { ContactOutcome.NoAnswer }, 1)]
    [InlineData(new[] { ContactOutcome.NoAnswer, ContactOutcome.NoAnswer, ContactOutcome.NoAnswer }, 3)]
    [InlineData(new[] { ContactOutcome.NoAnswer, ContactOutcome.Reached }, 0)]
    [InlineData(new[] { ContactOutcome.NoAnswer, ContactOutcome.Reached, ContactOutcome.NoAnswer, ContactOutcome.NoAnswer }, 2)]
    [InlineData(new[] { ContactOutcome.Reached, ContactOutcome.Refused, ContactOutcome.NoAnswer }, 1)]
    public void Unanswered_attempts_count_the_no_answers_since_the_buyer_was_last_reached(ContactOutcome[] outcomes, int expected)
    {
        var builder = new CaseBuilder().BadReview();
        var @case = builder.Open();

        foreach (var outcome in outcomes)
            @case.ContactBuyer(ContactChannel.Phone, outcome, null, builder.At(Actors.Agent));

        Assert.Equal(expected, @case.UnansweredContactAttempts);
    }

    [Fact]
    public void Buyer_agreement_waits_for_the_revision()
    {
        var builder = new CaseBuilder().BadReview();
        var @case = builder.In(CaseStatus.Contacting);

        @case.BuyerAgreed("Will change it to good after the refund.", builder.At(Actors.Agent));

        Assert.Equal(CaseStatus.AwaitingRevision, @case.Status);
    }

    [Theory]
    [InlineData(ReviewRating.Bad, ReviewRating.Medium)]
    [InlineData(ReviewRating.Bad, ReviewRating.Good)]
    [InlineData(ReviewRating.Medium, ReviewRating.Good)]
    public void Revision_to_a_better_rating_completes_the_case(ReviewRating original, ReviewRating revised)
    {
        var builder = new CaseBuilder().BadReview().WithReview(original, CaseBuilder.ReviewPostedAt);
        var @case = builder.In(CaseStatus.AwaitingRevision);

        @case.ConfirmRevised(revised, builder.At(Actors.Agent));

        Assert.Equal(CaseStatus.Completed, @case.Status);
        Assert.Equal(revised, @case.RevisedRating);
    }

    [Theory]
    [InlineData(ReviewRating.Bad, ReviewRating.Bad)]
    [InlineData(ReviewRating.Medium, ReviewRating.Medium)]
    [InlineData(ReviewRating.Medium, ReviewRating.Bad)]
    public void Revision_that_does_not_improve_the_rating_is_refused(ReviewRating original, ReviewRating revised)
    {
        var builder = new CaseBuilder().BadReview().WithReview(original, CaseBuilder.ReviewPostedAt);
        var @case = builder.In(CaseStatus.AwaitingRevision);
        var version = @case.Version;

        var error = Assert.Throws<PolicyViolationException>(() => @case.ConfirmRevised(revised, builder.At(Actors.Agent)));

        Assert.Equal(PolicyCodes.RatingNotImproved, error.Code);
        Assert.Equal(CaseStatus.AwaitingRevision, @case.Status);
        Assert.Null(@case.RevisedRating);
        Assert.Equal(version, @case.Version);
    }

    [Fact]
    public void Review_is_explained_only_once()
    {
        var builder = new CaseBuilder().BadReview();
        var @case = builder.Open();
        @case.PostExplanation("First reply.", builder.At(Actors.Agent));
        var version = @case.Version;

        var error = Assert.Throws<PolicyViolationException>(() =>
            @case.PostExplanation("Second reply.", builder.At(Actors.Supervisor)));

        Assert.Equal("already-explained", error.Code);
        Assert.Equal("First reply.", @case.Explanation!.Text);
        Assert.Equal(Actors.Agent.Name, @case.Explanation.By);
        Assert.Equal(version, @case.Version);
    }

    [Fact]
    public void Explanation_of_500_characters_is_accepted()
    {
        var builder = new CaseBuilder().BadReview();
        var @case = builder.Open();

        @case.PostExplanation(new string('解', 500), builder.At(Actors.Agent));

        Assert.Equal(500, @case.Explanation!.Text.Length);
    }

    [Theory]
    [InlineData(501)]
    [InlineData(0)]
    public void Explanation_outside_1_to_500_characters_is_refused(int length)
    {
        var builder = new CaseBuilder().BadReview();
        var @case = builder.Open();

        Assert.Throws<PolicyViolationException>(() => @case.PostExplanation(new string('解', length), builder.At(Actors.Agent)));

        Assert.Null(@case.Explanation);
        Assert.Equal(1, @case.Version);
    }

    [Theory]
    [InlineData(CaseStatus.Open)]
    [InlineData(CaseStatus.Contacting)]
    public void Malicious_review_goes_to_appeal_with_its_reason_and_evidence(CaseStatus state)
    {
        var builder = new CaseBuilder().BadReview();
        var @case = builder.In(state);

        @case.MarkMalicious("Asks for 50.00 to remove the review.", "chat-2026-11-01.png", builder.At(Actors.Agent));

        Assert.Equal(CaseStatus.Appealing, @case.Status);
        Assert.Equal(
            new Appeal("Asks for 50.00 to remove the review.", "chat-2026-11-01.png", Actors.Agent.Name, builder.Now, null, null),
            @case.Appeal);
    }

    [Fact]
    public void Filed_appeal_keeps_the_platforms_reference()
    {
        var builder = new CaseBuilder().BadReview();
        var @case = builder.In(CaseStatus.Appealing);
        builder.Clock.Advance(TimeSpan.FromDays(1));

        @case.FileAppeal("TM-APPEAL-7788", builder.At(Actors.Agent));

        Assert.Equal(CaseStatus.AppealFiled, @case.Status);
        Assert.Equal("TM-APPEAL-7788", @case.Appeal!.Reference);
        Assert.Equal(CaseBuilder.Start.AddDays(1), @case.Appeal.FiledAt);
        Assert.Equal(CaseBuilder.Start, @case.Appeal.MarkedAt);
    }

    [Fact]
    public void Upheld_appeal_completes_the_case()
    {
        var builder = new CaseBuilder().BadReview();
        var @case = builder.In(CaseStatus.AppealFiled);

        @case.AppealUpheld(builder.At(Actors.Agent));

        Assert.Equal(CaseStatus.Completed, @case.Status);
    }

    [Fact]
    public void Rejected_appeal_locks_the_review()
    {
        var builder = new CaseBuilder().BadReview();
        var @case = builder.In(CaseStatus.AppealFiled);

        @case.AppealRejected(builder.At(Actors.Agent));

        Assert.Equal(CaseStatus.Locked, @case.Status);
        Assert.True(@case.Status.IsTerminal());
    }

    [Theory]
    [InlineData(Role.Agent)]
    [InlineData(Role.Supervisor)]
    [InlineData(Role.Admin)]
    [InlineData(Role.Warehouse)]
    public void Only_the_system_may_lock_a_review(Role role)
    {
        var builder = new CaseBuilder().BadReview();
        var @case = builder.Open();
        builder.Clock.SetUtcNow(@case.RevisionDueAt!.Value.AddDays(1));

        var error = Assert.Throws<ActionForbiddenException>(() => @case.Lock(builder.At(new Actor("someone", role))));

        Assert.Equal(CaseAction.Lock, error.Action);
        Assert.Equal(CaseStatus.Open, @case.Status);
        Assert.Equal(1, @case.Version);
    }

    [Fact]
    public void Allowed_actions_offer_lock_to_the_system_only()
    {
        var @case = new CaseBuilder().BadReview().Open();

        Assert.Contains("lock", @case.AllowedActions(Actors.System));
        Assert.DoesNotContain("lock", @case.AllowedActions(Actors.Supervisor));
        Assert.DoesNotContain("lock", @case.AllowedActions(Actors.Agent));
    }

    [Fact]
    public void Agent_is_offered_the_outreach_actions_of_an_open_review()
    {
        var @case = new CaseBuilder().BadReview().Open();

        Assert.Equal(
            ["add-evidence", "add-note", "assign", "cancel", "contact-buyer", "link", "mark-malicious", "post-explanation"],
            @case.AllowedActions(Actors.Agent).Order(StringComparer.Ordinal));
    }

    public static TheoryData<CaseStatus, Role> ClosedStatesAndRoles()
    {
        var data = new TheoryData<CaseStatus, Role>();
        foreach (var status in new[] { CaseStatus.Completed, CaseStatus.Cancelled, CaseStatus.Locked })
        foreach (var role in Enum.GetValues<Role>())
            data.Add(status, role);
        return data;
    }

    [Theory]
    [MemberData(nameof(ClosedStatesAndRoles))]
    public void A_closed_review_allows_nobody_anything_but_explaining_a_locked_one(CaseStatus status, Role role)
    {
        var @case = new CaseBuilder().BadReview().In(status);

        // Exam Q16: a locked review can still be explained (within its 15 days) by the desk.
        string[] expected = status == CaseStatus.Locked && role != Role.Warehouse ? ["post-explanation"] : [];
        Assert.Equal(expected, @case.AllowedActions(new Actor("someone", role)));
    }
}
