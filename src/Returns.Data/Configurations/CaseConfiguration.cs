using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Returns.Domain;
using Returns.Domain.Cases;

namespace Returns.Data.Configurations;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> builder)
    {
        builder.ToTable("Cases");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Number).HasMaxLength(32).IsRequired();
        // Texts people type are limited in characters as they see them (Text), so their columns hold that many.
        builder.HasIndex(c => c.Number).IsUnique();
        builder.HasIndex(c => c.Sequence).IsUnique();
        builder.Property(c => c.Type).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Shop).HasMaxLength(64).IsRequired();
        builder.Property(c => c.Currency).HasMaxLength(3).IsRequired();
        builder.Property(c => c.Platform).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.PlatformRef).HasMaxLength(Text.StoredLength(64));
        builder.Property(c => c.PlatformDueTimes).AsJson();
        builder.Property(c => c.OrderNumber).HasMaxLength(Text.StoredLength(64)).IsRequired();
        builder.Property(c => c.ShippingFee).HasPrecision(18, 2);
        builder.Property(c => c.OrderItems).AsJson();
        builder.Property(c => c.BuyerNickname).HasMaxLength(Text.StoredLength(128)).IsRequired();
        builder.Property(c => c.BuyerPhone).HasMaxLength(32);
        builder.Property(c => c.Reason).HasMaxLength(64);
        builder.Property(c => c.Responsibility).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Description).HasMaxLength(Text.StoredLength(2000));
        builder.Property(c => c.Items).AsJson();
        builder.Property(c => c.ExchangeFor).AsJson();
        builder.Property(c => c.Assignee).HasMaxLength(128);
        builder.Property(c => c.Priority).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Evidence).AsJson();
        builder.Property(c => c.Notes).AsJson();
        builder.Property(c => c.Links).AsJson();
        builder.Property(c => c.ReturnShipment).AsJson();
        builder.Property(c => c.ReturnTrackingNumber).HasMaxLength(64);
        builder.Property(c => c.ClaimedReturnTrackingNumber).HasMaxLength(64);
        builder.Property(c => c.PostageReimbursement).HasPrecision(18, 2);
        builder.Property(c => c.Inspection).AsJson();
        builder.Property(c => c.Replacement).AsJson();
        builder.Property(c => c.ReplacementTrackingNumber).HasMaxLength(64);
        builder.Property(c => c.Refunds).AsJson();
        builder.Property(c => c.ResolutionNote).HasMaxLength(Text.StoredLength(2000));
        builder.Property(c => c.Compensation).AsJson();
        builder.Property(c => c.Payout).AsJson();
        builder.Property(c => c.Review).AsJson();
        builder.Property(c => c.ContactAttempts).AsJson();
        builder.Property(c => c.Explanation).AsJson();
        builder.Property(c => c.Appeal).AsJson();
        builder.Property(c => c.RevisedRating).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.CreatedBy).HasMaxLength(128);
        // A stale write never overwrites a newer one: every UPDATE checks the version it read.
        builder.Property(c => c.Version).IsConcurrencyToken();

        builder.HasIndex(c => new { c.Shop, c.OrderNumber });
        builder.HasIndex(c => c.ReturnTrackingNumber);
        // A return tracking number belongs to one open case at a time, even when two requests claim it at once.
        builder.HasIndex(c => c.ClaimedReturnTrackingNumber).IsUnique();
        builder.HasIndex(c => c.ReplacementTrackingNumber);
        builder.HasIndex(c => new { c.Status, c.Sequence });
        builder.HasIndex(c => c.Assignee);
        // GET /cases?updatedSince= pages by last change.
        builder.HasIndex(c => new { c.UpdatedAt, c.Sequence });
        // The review deadline job finds what to lock by this.
        builder.HasIndex(c => c.RevisionDueAt);

        builder.Ignore(c => c.Order);
        builder.Ignore(c => c.Buyer);
        builder.Ignore(c => c.NewTimelineEntries);
        builder.HasMany(c => c.Deadlines).WithOne().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Deadlines).HasField("_deadlines").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(c => c.ItemsTotal);
        builder.Ignore(c => c.RefundDue);
        builder.Ignore(c => c.Refunded);
        builder.Ignore(c => c.InspectionPassed);
        builder.Ignore(c => c.UnansweredContactAttempts);
    }
}

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> builder)
    {
        builder.ToTable("CaseTimeline");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        // One entry per case version: a second writer of the same version fails here as well.
        builder.HasIndex(e => new { e.CaseId, e.Version }).IsUnique();
        builder.HasOne<Case>().WithMany().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Actor).HasMaxLength(128);
        builder.Property(e => e.ActorRole).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.From).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.To).HasConversion<string>().HasMaxLength(32);
    }
}

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> builder)
    {
        builder.ToTable("EvidenceFiles");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.ContentType).HasMaxLength(64);
        builder.HasOne<Case>().WithMany().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseCounterConfiguration : IEntityTypeConfiguration<CaseCounter>
{
    public void Configure(EntityTypeBuilder<CaseCounter> builder)
    {
        builder.ToTable("Counters");
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).HasMaxLength(64);
        builder.HasData(new CaseCounter { Name = CaseCounter.CaseNumbers, Value = 0 });
    }
}
