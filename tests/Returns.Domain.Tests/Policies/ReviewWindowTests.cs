using Microsoft.Extensions.Time.Testing;
using Returns.Domain.Cases;
using Returns.Domain.Policies;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Policies;

/// <summary>
/// docs/business-rules.md §3.7 (F0-l Q11, Q14): the shop may explain a review until postedAt + 15 days; the buyer may
/// revise it until postedAt + 30 days, after which the review is locked.
/// </summary>
public sealed class ReviewWindowTests
{
    private static readonly DateTimeOffset Posted = new(2026, 11, 1, 14, 30, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Posted.AddHours(1));

    [Fact]
    public void Review_deadlines_are_15_and_30_days_after_posting()
    {
        var @case = Builder().Open();

        Assert.Equal(Posted.AddDays(15), @case.ExplanationDueAt);
        Assert.Equal(Posted.AddDays(30), @case.RevisionDueAt);
    }

    [Fact]
    public void Explanation_at_exactly_15_days_is_accepted()
    {
        var builder = Builder();
        var @case = builder.Open();
        _clock.SetUtcNow(Posted.AddDays(15));

        @case.PostExplanation("We are sorry; a replacement is on its way.", builder.At(Actors.Agent));

        Assert.Equal(new Explanation("We are sorry; a replacement is on its way.", Actors.Agent.Name, Posted.AddDays(15)), @case.Explanation);
    }

    [Fact]
    public void Explanation_one_microsecond_after_15_days_is_refused()
    {
        var builder = Builder();
        var @case = builder.Open();
        _clock.SetUtcNow(Posted.AddDays(15).AddMicroseconds(1));

        var error = Assert.Throws<PolicyViolationException>(() =>
            @case.PostExplanation("Too late?", builder.At(Actors.Agent)));

        Assert.Equal(PolicyCodes.OutsideWindow, error.Code);
        Assert.Null(@case.Explanation);
        Assert.Equal(1, @case.Version);
        Assert.Equal(CaseStatus.Open, @case.Status);
    }

    [Fact]
    public void Lock_one_microsecond_before_30_days_is_refused_while_the_buyer_can_still_revise()
    {
        var builder = Builder();
        var @case = builder.Open();
        _clock.SetUtcNow(Posted.AddDays(30).AddMicroseconds(-1));

        var error = Assert.Throws<PolicyViolationException>(() => @case.Lock(builder.At(Actors.System)));

        Assert.Equal(PolicyCodes.RevisionWindowOpen, error.Code);
        Assert.Equal(CaseStatus.Open, @case.Status);
        Assert.Equal(1, @case.Version);
    }

    [Theory]
    [InlineData(CaseStatus.Open)]
    [InlineData(CaseStatus.Contacting)]
    [InlineData(CaseStatus.AwaitingRevision)]
    public void Lock_at_30_days_locks_the_unrevised_review(CaseStatus state)
    {
        var builder = Builder();
        var @case = builder.In(state);
        var version = @case.Version;
        _clock.SetUtcNow(Posted.AddDays(30));

        @case.Lock(builder.At(Actors.System));

        Assert.Equal(CaseStatus.Locked, @case.Status);
        Assert.Equal(version + 1, @case.Version);
        var entry = @case.NewTimelineEntries[^1];
        Assert.Equal("lock", entry.Action);
        Assert.Equal(state, entry.From);
        Assert.Equal(CaseStatus.Locked, entry.To);
        Assert.Equal(Posted.AddDays(30), entry.At);
    }

    [Fact]
    public void Shop_configures_the_review_deadlines()
    {
        var @case = Builder(CustomDays()).Open();

        Assert.Equal(Posted.AddDays(3), @case.ExplanationDueAt);
        Assert.Equal(Posted.AddDays(10), @case.RevisionDueAt);
    }

    [Fact]
    public void Explanation_window_follows_the_shops_days()
    {
        var builder = Builder(CustomDays());
        var onTime = builder.Open();
        var late = builder.Open();

        _clock.SetUtcNow(Posted.AddDays(3));
        onTime.PostExplanation("On time.", builder.At(Actors.Agent));
        _clock.Advance(TimeSpan.FromMicroseconds(1));
        var error = Assert.Throws<PolicyViolationException>(() => late.PostExplanation("Late.", builder.At(Actors.Agent)));

        Assert.NotNull(onTime.Explanation);
        Assert.Equal(PolicyCodes.OutsideWindow, error.Code);
    }

    [Fact]
    public void Revision_window_follows_the_shops_days()
    {
        var builder = Builder(CustomDays());
        var @case = builder.Open();

        _clock.SetUtcNow(Posted.AddDays(10).AddMicroseconds(-1));
        var error = Assert.Throws<PolicyViolationException>(() => @case.Lock(builder.At(Actors.System)));
        _clock.Advance(TimeSpan.FromMicroseconds(1));
        @case.Lock(builder.At(Actors.System));

        Assert.Equal(PolicyCodes.RevisionWindowOpen, error.Code);
        Assert.Equal(CaseStatus.Locked, @case.Status);
    }

    [Fact]
    public void Deadlines_count_from_posting_not_from_logging_the_case()
    {
        _clock.Advance(TimeSpan.FromDays(6));

        var @case = Builder().Open();

        Assert.Equal(Posted.AddDays(15), @case.ExplanationDueAt);
        Assert.Equal(Posted.AddDays(30), @case.RevisionDueAt);
    }

    [Theory]
    [InlineData(CaseStatus.Open)]
    [InlineData(CaseStatus.Contacting)]
    [InlineData(CaseStatus.AwaitingRevision)]
    [InlineData(CaseStatus.Appealing)]
    [InlineData(CaseStatus.AppealFiled)]
    public void Explanation_is_a_flag_that_leaves_the_state_alone(CaseStatus state)
    {
        var builder = Builder();
        var @case = builder.In(state);

        @case.PostExplanation("Explained.", builder.At(Actors.Agent));

        Assert.Equal(state, @case.Status);
        Assert.NotNull(@case.Explanation);
        var entry = @case.NewTimelineEntries[^1];
        Assert.Equal("post-explanation", entry.Action);
        Assert.Equal(state, entry.From);
        Assert.Equal(state, entry.To);
    }

    // Issue 13 item 4 (exam Q16): the platform kept the review, so later buyers should read the shop's side of it.
    [Fact]
    public void Explanation_after_a_rejected_appeal_is_accepted_within_15_days()
    {
        var builder = Builder();
        var @case = builder.In(CaseStatus.AppealFiled);
        @case.AppealRejected(builder.At(Actors.Agent));
        Assert.Equal(CaseStatus.Locked, @case.Status);
        _clock.SetUtcNow(Posted.AddDays(3));

        @case.PostExplanation("亲,我们已为您补发配件,给您带来不便深感抱歉。", builder.At(Actors.Agent));

        Assert.Equal(CaseStatus.Locked, @case.Status);
        Assert.Equal(new Explanation("亲,我们已为您补发配件,给您带来不便深感抱歉。", Actors.Agent.Name, Posted.AddDays(3)), @case.Explanation);
        Assert.Contains("post-explanation", @case.AllowedActions(Actors.Agent));
    }

    [Fact]
    public void Explanation_after_a_rejected_appeal_is_refused_after_15_days()
    {
        var builder = Builder();
        var @case = builder.In(CaseStatus.AppealFiled);
        @case.AppealRejected(builder.At(Actors.Agent));
        _clock.SetUtcNow(Posted.AddDays(15).AddMicroseconds(1));

        var error = Assert.Throws<PolicyViolationException>(() => @case.PostExplanation("Too late.", builder.At(Actors.Agent)));

        Assert.Equal(PolicyCodes.OutsideWindow, error.Code);
        Assert.Null(@case.Explanation);
    }

    private static ShopPolicy CustomDays() => ShopPolicy.Default with { ReviewExplanationDays = 3, ReviewRevisionDays = 10 };

    private CaseBuilder Builder(ShopPolicy? policy = null) =>
        new CaseBuilder(_clock).BadReview().WithReview(ReviewRating.Bad, Posted).WithPolicy(policy ?? ShopPolicy.Default);
}
