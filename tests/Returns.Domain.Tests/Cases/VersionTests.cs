using Returns.Domain.Cases;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Cases;

/// <summary>Optimistic concurrency: each successful action is one version and one timeline entry.</summary>
public sealed class VersionTests
{
    [Fact]
    public void Each_action_of_an_exchange_lifecycle_adds_one_version_and_one_entry()
    {
        var builder = new CaseBuilder().Exchange().WithReason("quality.defective");
        var @case = builder.Open();
        var now = builder.Now;
        List<Action> steps =
        [
            () => @case.Assign("li.na", Actors.ActiveAgent("li.na"), builder.At(Actors.Supervisor)),
            () => @case.RequestEvidence("Photo please.", builder.At(Actors.Agent)),
            () => @case.AddEvidence(builder.Photo(), builder.At(Actors.Agent)),
            () => @case.SubmitEvidence(null, builder.At(Actors.Agent)),
            () => @case.Approve(null, builder.At(Actors.Agent)),
            () => @case.RecordReturnShipment("SF Express", "sf1", 12m, false, builder.At(Actors.Agent)),
            () => @case.AddNote("Parcel on its way.", builder.At(Actors.Agent)),
            () => @case.ConfirmReceipt(builder.AllItems(ItemCondition.Damaged), null, builder.At(Actors.Warehouse)),
            () => @case.RefundPostage(12m, PayoutMethod.AlipayTransfer, "2026110122009", builder.At(Actors.Agent)),
            () => @case.ShipReplacement("YTO", "yt1", builder.At(Actors.Agent)),
            () => @case.ConfirmDelivery(builder.At(Actors.Agent)),
        ];

        foreach (var step in steps)
        {
            var before = @case.Version;
            step();
            Assert.Equal(before + 1, @case.Version);
            Assert.Equal(@case.Version, @case.NewTimelineEntries[^1].Version);
        }

        Assert.Equal(CaseStatus.Completed, @case.Status);
        Assert.Equal(Enumerable.Range(1, steps.Count + 1), @case.NewTimelineEntries.Select(e => e.Version));
    }

    [Fact]
    public void Action_updates_the_case_timestamp_from_the_clock()
    {
        var builder = new CaseBuilder();
        var @case = builder.Open();
        builder.Clock.Advance(TimeSpan.FromMinutes(90));

        @case.AddNote("Called the buyer.", builder.At(Actors.Agent));

        Assert.Equal(CaseBuilder.Start.AddMinutes(90), @case.UpdatedAt);
        Assert.Equal(CaseBuilder.Start.AddMinutes(90), @case.NewTimelineEntries[^1].At);
        Assert.Equal(CaseBuilder.Start, @case.CreatedAt);
    }

    [Fact]
    public void Saved_timeline_entries_are_no_longer_pending()
    {
        var builder = new CaseBuilder();
        var @case = builder.Open();
        @case.TimelineEntriesSaved();

        @case.AddNote("Called the buyer.", builder.At(Actors.Agent));

        var entry = Assert.Single(@case.NewTimelineEntries);
        Assert.Equal(2, entry.Version);
    }
}
