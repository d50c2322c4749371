using Returns.Domain.Cases;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Policies;

/// <summary>Issue 19, item 3: a return tracking number belongs to one open case at a time, so a scan finds one case.</summary>
public sealed class TrackingNumberClaimTests
{
    [Fact]
    public void Recording_a_parcel_claims_its_tracking_number()
    {
        var builder = new CaseBuilder();
        var @case = builder.In(CaseStatus.AwaitingReturnShipment);

        @case.RecordReturnShipment("SF Express", " sf1234567890 ", 12m, false, builder.At(Actors.Agent), heldBy: null);

        Assert.Equal("SF1234567890", @case.ClaimedReturnTrackingNumber);
    }

    [Fact]
    public void A_number_another_open_case_holds_is_refused_and_nothing_changes()
    {
        var builder = new CaseBuilder();
        var @case = builder.In(CaseStatus.AwaitingReturnShipment);
        var version = @case.Version;

        var error = Assert.Throws<ClaimConflictException>(() =>
            @case.RecordReturnShipment("SF Express", "sf1234567890", 12m, false, builder.At(Actors.Agent), heldBy: Guid.NewGuid()));

        Assert.Equal(PolicyCodes.TrackingNumberInUse, error.Code);
        Assert.Equal(CaseStatus.AwaitingReturnShipment, @case.Status);
        Assert.Equal(version, @case.Version);
        Assert.Null(@case.ReturnTrackingNumber);
        Assert.Null(@case.ClaimedReturnTrackingNumber);
    }

    [Theory]
    [InlineData("refund")]
    [InlineData("cancel")]
    [InlineData("platform-refund")]
    [InlineData("reject")]
    public void A_closed_case_gives_its_number_back(string closing)
    {
        var builder = new CaseBuilder();
        var @case = builder.In(CaseStatus.ReturnInTransit);
        Assert.NotNull(@case.ClaimedReturnTrackingNumber);

        switch (closing)
        {
            case "refund":
                @case.ConfirmReceipt(builder.AllItems(ItemCondition.Resaleable), null, builder.At(Actors.Warehouse));
                @case.Refund(@case.RefundDue, PayoutMethod.PlatformRefund, "TB-RF-1", builder.At(Actors.Agent));
                break;
            case "cancel":
                @case.Cancel("The buyer withdrew.", builder.At(Actors.Agent));
                break;
            case "platform-refund":
                @case.PlatformRefund(builder.At(Actors.System));
                break;
            default:
                @case.ConfirmReceipt(builder.AllItems(ItemCondition.WrongItem), null, builder.At(Actors.Warehouse));
                @case.Reject(RejectionCode.NotResaleable, "Not our product.", builder.At(Actors.Agent));
                break;
        }

        Assert.False(@case.Status.IsOpen());
        Assert.Null(@case.ClaimedReturnTrackingNumber);
        Assert.Equal("SF1234567890", @case.ReturnTrackingNumber);
    }

    [Fact]
    public void A_refused_parcel_gives_its_number_back()
    {
        var builder = new CaseBuilder();
        var @case = builder.In(CaseStatus.ReturnInTransit);

        @case.RefuseParcel("Freight-collect.", builder.At(Actors.Warehouse));

        Assert.Null(@case.ClaimedReturnTrackingNumber);
    }

    [Fact]
    public void An_open_case_keeps_its_number_through_receipt()
    {
        var builder = new CaseBuilder();
        var @case = builder.In(CaseStatus.RefundPending);

        Assert.Equal("SF1234567890", @case.ClaimedReturnTrackingNumber);
    }
}
