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

        var error = Assert.Throws<PolicyViolationException>(() => @case.Approve(null, builder.At(Actors.Agent)));

        Assert.Equal(PolicyCodes.EvidenceRequired, error.Code);
    }

    [Fact]
    public void Refused_approval_without_photo_changes_nothing()
    {
        var builder = new CaseBuilder().WithReason("quality.damaged");
        var @case = builder.Open();

        Assert.Throws<PolicyViolationException>(() => @case.Approve(null, builder.At(Actors.Supervisor)));

        Assert.Equal(CaseStatus.Submitted, @case.Status);
        Assert.Equal(1, @case.Version);
        Assert.Single(@case.NewTimelineEntries);
    }

    [Fact]
    public void Quality_return_with_one_photo_can_be_approved()
    {
        var builder = new CaseBuilder().WithReason("quality.defective");
        var @case = builder.Open();
        @case.AddEvidence(builder.Photo(), builder.At(Actors.Agent));

        @case.Approve(null, builder.At(Actors.Agent));

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

        var error = Assert.Throws<PolicyViolationException>(() => @case.Approve(null, builder.At(Actors.Agent)));

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

        @case.Approve(null, builder.At(Actors.Agent));

        Assert.Equal(CaseStatus.AwaitingReturnShipment, @case.Status);
    }

    [Fact]
    public void Shop_that_waives_photos_approves_quality_returns_without_one()
    {
        var builder = new CaseBuilder().WithReason("quality.defective")
            .WithPolicy(new ShopPolicy { EvidenceRequiredForQuality = false });
        var @case = builder.Open();

        @case.Approve(null, builder.At(Actors.Agent));

        Assert.Equal(CaseStatus.AwaitingReturnShipment, @case.Status);
    }

    [Fact]
    public void Evidence_cannot_be_submitted_without_a_photo()
    {
        var builder = new CaseBuilder().WithReason("quality.defective");
        var @case = builder.Open();
        @case.RequestEvidence("Photo please.", builder.At(Actors.Agent));

        var error = Assert.Throws<PolicyViolationException>(() => @case.SubmitEvidence(null, builder.At(Actors.Agent)));

        Assert.Equal(PolicyCodes.EvidenceRequired, error.Code);
        Assert.Equal(CaseStatus.AwaitingEvidence, @case.Status);
        Assert.Equal(2, @case.Version);
    }

    public static TheoryData<string, bool, bool> EvidenceRule => new()
    {
        // reason, the shop wants quality photos, a photo is required before approval
        { "quality.defective", true, true },
        { "quality.damaged", true, true },
        { "quality.expired", true, true },
        { "quality.wrongItem", true, true },
        { "quality.missingParts", true, true },
        { "quality.notAsDescribed", true, true },
        { "logistics.damagedInTransit", true, false },
        { "logistics.lost", true, false },
        { "nonQuality.changedMind", true, false },
        { "nonQuality.wrongSize", true, false },
        { "nonQuality.wrongColor", true, false },
        { "nonQuality.other", true, false },
        { "quality.defective", false, false },
        { "quality.notAsDescribed", false, false },
        { "nonQuality.changedMind", false, false },
    };

    [Theory]
    [MemberData(nameof(EvidenceRule))]
    public void Evidence_is_required_for_quality_reasons_unless_the_shop_waives_it(string reason, bool shopWantsPhotos, bool required)
    {
        var policy = new ShopPolicy { EvidenceRequiredForQuality = shopWantsPhotos };

        Assert.Equal(required, policy.EvidenceRequiredFor(ReasonCatalog.Get(reason)));
    }

    [Fact]
    public void Evidence_rule_covers_every_reason_of_the_catalog()
    {
        Assert.Equal(
            ReasonCatalog.All.Select(r => r.Code).Order(StringComparer.Ordinal),
            EvidenceRule.Where(row => (bool)row[1]).Select(row => (string)row[0]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("logistics.damagedInTransit")]
    [InlineData("logistics.lost")]
    public void Transit_return_needs_no_photo(string reason)
    {
        var builder = new CaseBuilder().WithReason(reason);
        var @case = builder.Open();

        @case.Approve(null, builder.At(Actors.Agent));

        Assert.Equal(CaseStatus.AwaitingReturnShipment, @case.Status);
    }
}
