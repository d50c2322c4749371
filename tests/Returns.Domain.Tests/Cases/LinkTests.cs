using Returns.Domain.Cases;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Cases;

public sealed class LinkTests
{
    [Fact]
    public void Linked_cases_both_show_the_link()
    {
        var builder = new CaseBuilder();
        var @return = builder.Open();
        var exchange = builder.Exchange().Open();

        @return.Link(exchange, builder.At(Actors.Agent));

        var forward = Assert.Single(@return.Links);
        Assert.Equal(exchange.Id, forward.CaseId);
        Assert.Equal(exchange.Number, forward.Number);
        Assert.Equal(CaseType.Exchange, forward.Type);
        var back = Assert.Single(exchange.Links);
        Assert.Equal(@return.Id, back.CaseId);
        Assert.Equal(@return.Number, back.Number);
        Assert.Equal(CaseType.Return, back.Type);
    }

    [Fact]
    public void A_case_of_another_shop_cannot_be_linked_and_neither_changes()
    {
        // Issue 19: a link showed shop A's key the case number of shop B's case.
        var builder = new CaseBuilder();
        var ours = builder.Open();
        var theirs = Case.Open(builder.Opening() with { Shop = "other-shop" }, 99, builder.At(Actors.Agent));

        var error = Assert.Throws<PolicyViolationException>(() => ours.Link(theirs, builder.At(Actors.Agent)));

        Assert.Equal(PolicyCodes.InvalidLink, error.Code);
        Assert.Empty(ours.Links);
        Assert.Empty(theirs.Links);
        Assert.Equal(1, ours.Version);
        Assert.Equal(1, theirs.Version);
    }

    [Fact]
    public void Linked_cases_both_get_a_timeline_entry_without_changing_state()
    {
        var builder = new CaseBuilder();
        var first = builder.Open();
        var second = builder.In(CaseStatus.AwaitingReturnShipment);
        var secondVersion = second.Version;

        first.Link(second, builder.At(Actors.Agent));

        Assert.Equal(2, first.Version);
        var firstEntry = first.NewTimelineEntries[^1];
        Assert.Equal("link", firstEntry.Action);
        Assert.Equal(CaseStatus.Submitted, firstEntry.From);
        Assert.Equal(CaseStatus.Submitted, firstEntry.To);
        Assert.Equal(first.Version, firstEntry.Version);

        Assert.Equal(secondVersion + 1, second.Version);
        var secondEntry = second.NewTimelineEntries[^1];
        Assert.Equal("link", secondEntry.Action);
        Assert.Equal(CaseStatus.AwaitingReturnShipment, secondEntry.From);
        Assert.Equal(CaseStatus.AwaitingReturnShipment, secondEntry.To);
        Assert.Equal(second.Version, secondEntry.Version);
    }

    [Fact]
    public void Closed_case_still_records_a_link_from_an_open_case()
    {
        var builder = new CaseBuilder();
        var open = builder.Open();
        var closed = builder.In(CaseStatus.Completed);

        open.Link(closed, builder.At(Actors.Agent));

        Assert.Equal(CaseStatus.Completed, closed.Status);
        Assert.Equal(open.Id, Assert.Single(closed.Links).CaseId);
    }

    [Fact]
    public void Case_cannot_be_linked_to_itself()
    {
        var builder = new CaseBuilder();
        var @case = builder.Open();

        var error = Assert.Throws<PolicyViolationException>(() => @case.Link(@case, builder.At(Actors.Agent)));

        Assert.Equal(PolicyCodes.InvalidLink, error.Code);
        Assert.Empty(@case.Links);
        Assert.Equal(1, @case.Version);
        Assert.Single(@case.NewTimelineEntries);
    }

    [Fact]
    public void Cases_cannot_be_linked_twice()
    {
        var builder = new CaseBuilder();
        var first = builder.Open();
        var second = builder.Open();
        first.Link(second, builder.At(Actors.Agent));

        var error = Assert.Throws<PolicyViolationException>(() => first.Link(second, builder.At(Actors.Agent)));

        Assert.Equal(PolicyCodes.InvalidLink, error.Code);
        Assert.Single(first.Links);
        Assert.Single(second.Links);
        Assert.Equal(2, first.Version);
        Assert.Equal(2, second.Version);
    }

    [Fact]
    public void Cases_linked_from_the_other_side_cannot_be_linked_again()
    {
        var builder = new CaseBuilder();
        var first = builder.Open();
        var second = builder.Open();
        first.Link(second, builder.At(Actors.Agent));

        var error = Assert.Throws<PolicyViolationException>(() => second.Link(first, builder.At(Actors.Agent)));

        Assert.Equal(PolicyCodes.InvalidLink, error.Code);
        Assert.Single(first.Links);
        Assert.Single(second.Links);
    }

    [Theory]
    [InlineData(CaseType.Return)]
    [InlineData(CaseType.Exchange)]
    [InlineData(CaseType.Discount)]
    public void Bad_review_links_to_its_remedy_and_both_sides_show_it(CaseType remedyType)
    {
        var builder = new CaseBuilder();
        var review = new CaseBuilder(builder.Clock).BadReview().WithSequence(7).Open();
        var remedy = builder.OfType(remedyType).Open();

        review.Link(remedy, builder.At(Actors.Agent));

        var forward = Assert.Single(review.Links);
        Assert.Equal(remedy.Id, forward.CaseId);
        Assert.Equal(remedyType, forward.Type);
        var back = Assert.Single(remedy.Links);
        Assert.Equal(review.Id, back.CaseId);
        Assert.Equal(review.Number, back.Number);
        Assert.Equal(CaseType.BadReview, back.Type);
        Assert.Equal(CaseStatus.Open, review.Status);
    }

    [Theory]
    [InlineData(CaseType.Return)]
    [InlineData(CaseType.Exchange)]
    [InlineData(CaseType.Discount)]
    public void Remedy_links_back_to_the_bad_review_it_answers(CaseType remedyType)
    {
        var builder = new CaseBuilder();
        var review = new CaseBuilder(builder.Clock).BadReview().WithSequence(7).In(CaseStatus.Contacting);
        var remedy = builder.OfType(remedyType).Open();

        remedy.Link(review, builder.At(Actors.Agent));

        Assert.Equal(review.Id, Assert.Single(remedy.Links).CaseId);
        Assert.Equal(remedy.Id, Assert.Single(review.Links).CaseId);
        Assert.Equal(CaseStatus.Contacting, review.Status);
        Assert.Equal("link", review.NewTimelineEntries[^1].Action);
    }

    [Fact]
    public void Bad_review_cannot_be_linked_to_another_bad_review()
    {
        var builder = new CaseBuilder().BadReview();
        var first = builder.Open();
        var second = builder.Open();

        var error = Assert.Throws<PolicyViolationException>(() => first.Link(second, builder.At(Actors.Agent)));

        Assert.Equal(PolicyCodes.InvalidLink, error.Code);
        Assert.Empty(first.Links);
        Assert.Empty(second.Links);
        Assert.Equal(1, first.Version);
        Assert.Equal(1, second.Version);
        Assert.Single(second.NewTimelineEntries);
    }
}
