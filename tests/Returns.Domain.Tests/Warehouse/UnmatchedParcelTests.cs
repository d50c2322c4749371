using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Returns.Domain.Tests.Support;
using Returns.Domain.Warehouse;

namespace Returns.Domain.Tests.Warehouse;

/// <summary>A parcel the warehouse could not match is kept with its inspection until an agent matches it to its case.</summary>
public sealed class UnmatchedParcelTests
{
    [Fact]
    public void Received_parcel_is_kept_with_its_inspection_and_a_normalized_tracking_number()
    {
        var builder = new CaseBuilder();

        var parcel = UnmatchedParcel.Receive(" yt5550001 ", [new ParcelItem(CaseBuilder.Sku, 2, ItemCondition.Resaleable)], "No waybill slip.",
            builder.At(Actors.Warehouse));

        Assert.Equal("YT5550001", parcel.TrackingNumber);
        Assert.Equal((Actors.Warehouse.Name, builder.Now), (parcel.ReceivedBy, parcel.ReceivedAt));
        Assert.True(parcel.IsOpen);
        Assert.Equal(1, parcel.Version);
    }

    [Fact]
    public void Matching_a_parcel_confirms_the_receipt_of_its_case()
    {
        var builder = new CaseBuilder();
        var @case = builder.In(CaseStatus.ReturnInTransit);
        var parcel = UnmatchedParcel.Receive("yt5550001", [new ParcelItem(CaseBuilder.Sku, 2, ItemCondition.Resaleable)], null, builder.At(Actors.Warehouse));
        builder.Clock.Advance(TimeSpan.FromHours(3));

        parcel.MatchTo(@case, builder.At(Actors.Agent));

        Assert.Equal(CaseStatus.RefundPending, @case.Status);
        Assert.Equal(Actors.Agent.Name, @case.Inspection!.InspectedBy);
        Assert.Contains("YT5550001", @case.Inspection.Note, StringComparison.Ordinal);
        Assert.Equal((@case.Id, Actors.Agent.Name, builder.Now), (parcel.MatchedCaseId, parcel.MatchedBy, parcel.MatchedAt));
        Assert.False(parcel.IsOpen);
        Assert.Equal(DeadlineState.Met, Assert.Single(@case.Deadlines, d => d.Kind == DeadlineKind.SellerConfirmsReceipt).State);
    }

    [Fact]
    public void Parcel_is_matched_once()
    {
        var builder = new CaseBuilder();
        var first = builder.In(CaseStatus.ReturnInTransit);
        var second = builder.In(CaseStatus.ReturnInTransit);
        var parcel = UnmatchedParcel.Receive("yt5550001", [new ParcelItem(CaseBuilder.Sku, 2, ItemCondition.Resaleable)], null, builder.At(Actors.Warehouse));
        parcel.MatchTo(first, builder.At(Actors.Agent));

        var error = Assert.Throws<PolicyViolationException>(() => parcel.MatchTo(second, builder.At(Actors.Agent)));

        Assert.Equal("parcel-already-matched", error.Code);
        Assert.Equal(CaseStatus.ReturnInTransit, second.Status);
        Assert.Equal(first.Id, parcel.MatchedCaseId);
    }
}
