using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Returns.Domain;
using Returns.Domain.Warehouse;

namespace Returns.Data.Configurations;

internal sealed class UnmatchedParcelConfiguration : IEntityTypeConfiguration<UnmatchedParcel>
{
    public void Configure(EntityTypeBuilder<UnmatchedParcel> builder)
    {
        builder.ToTable("UnmatchedParcels");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.TrackingNumber).HasMaxLength(64).IsRequired();
        builder.HasIndex(p => p.TrackingNumber);
        builder.Property(p => p.Items).AsJson();
        builder.Property(p => p.Note).HasMaxLength(Text.StoredLength(2000));
        builder.Property(p => p.ReceivedBy).HasMaxLength(128);
        builder.Property(p => p.MatchedBy).HasMaxLength(128);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.IsOpen);
    }
}
