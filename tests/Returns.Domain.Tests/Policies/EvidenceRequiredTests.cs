using Returns.Domain.Cases;
using Returns.Domain.Policies;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Policies;

public sealed class EvidenceRequiredTests
{
    [Fact]
    public void Quality_return_without_photo_cannot_be_approved()
    {
        var builder = new CaseBuilder().WithReason("quality.defective");
        var @case = builder.Open();

        var error = Assert.Throws<PolicyViolationException>(() => @case.Approve(null, builder.Policy, Actors.Agent, builder.Now));

        Assert.Equal(PolicyCodes.EvidenceRequired, error.Code);
    }

    [Fact]
    public void Refused_approval_without_photo_changes_nothing()
    {
        var builder = new CaseBuilder().WithReason("quality.damaged");
        var @case = builder.Open();

        Assert.Throws<PolicyViolationException>(() => @case.Approve(null, builder.Policy, Actors.Supervisor, builder.Now));

        Assert.Equal(CaseStatus.Submitted, @case.Status);
        Assert.Equal(1, @case.Version);
        Assert.Single(@case.NewTimelineEntries);
    }

    [Fact]
    public void Quality_return_with_one_photo_can_be_approved()
    {
        var builder = new CaseBuilder().WithReason("quality.defective");
        var @case = builder.Open();
        @case.AddEvidence(builder.Photo(), Actors.Agent, builder.Now);

        @case.Approve(null, builder.Policy, Actors.Agent, builder.Now);

        Assert.Equal(CaseStatus.AwaitingReturnShipment, @case.Status);
    }

    [Theory]
    [InlineData("quality.defective")]
    [InlineData("quality.damaged")]
    [InlineData("quality.expired")]
    [InlineData("quality.wrongItem")]
    [InlineData("quality.missingParts")]
    [InlineData("quality.notAsDescribed")]
    public void Every_quality_reason_needs_a_photo(string reason)
    {
        var builder = new CaseBuilder().WithReason(reason);
        var @case = builder.Open();

        var error = Assert.Throws<PolicyViolationException>(() => @case.Approve(null, builder.Policy, Actors.Agent, builder.Now));

        Assert.Equal(PolicyCodes.EvidenceRequired, error.Code);
    }

    [Theory]
    [InlineData("nonQuality.changedMind")]
    [InlineData("nonQuality.wrongSize")]
    [InlineData("nonQuality.wrongColor")]
    [InlineData("nonQuality.other")]
    public void Non_quality_return_needs_no_photo(string reason)
    {
        var builder = new CaseBuilder().WithReason(reason);
        var @case = builder.Open();

        @case.Approve(null, builder.Policy, Actors.Agent, builder.Now);

        Assert.Equal(CaseStatus.AwaitingReturnShipment, @case.Status);
    }

    [Fact]
    public void Shop_that_waives_photos_approves_quality_returns_without_one()
    {
        var builder = new CaseBuilder().WithReason("quality.defective")
            .WithPolicy(new ShopPolicy { EvidenceRequiredForQuality = false });
        var @case = builder.Open();

        @case.Approve(null, builder.Policy, Actors.Agent, builder.Now);

        Assert.Equal(CaseStatus.AwaitingReturnShipment, @case.Status);
    }

    [Fact]
    public void Evidence_cannot_be_submitted_without_a_photo()
    {
        var builder = new CaseBuilder().WithReason("quality.defective");
        var @case = builder.Open();
        @case.RequestEvidence("Photo please.", Actors.Agent, builder.Now);

        var error = Assert.Throws<PolicyViolationException>(() => @case.SubmitEvidence(null, Actors.Agent, builder.Now));

        Assert.Equal(PolicyCodes.EvidenceRequired, error.Code);
        Assert.Equal(CaseStatus.AwaitingEvidence, @case.Status);
        Assert.Equal(2, @case.Version);
    }
}
