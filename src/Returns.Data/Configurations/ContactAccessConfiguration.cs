using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Returns.Domain.Privacy;

namespace Returns.Data.Configurations;

/// <summary>The access log of buyers' contact data: appended by reveal-contact, read newest first by supervisors.</summary>
internal sealed class ContactAccessConfiguration : IEntityTypeConfiguration<ContactAccess>
{
    public void Configure(EntityTypeBuilder<ContactAccess> builder)
    {
        builder.ToTable("ContactAccessLog");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedOnAdd();
        builder.Property(a => a.CaseNumber).HasMaxLength(32).IsRequired();
        builder.Property(a => a.Shop).HasMaxLength(64).IsRequired();
        builder.Property(a => a.Actor).HasMaxLength(256).IsRequired();
        builder.Property(a => a.ActorRole).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Reason).HasMaxLength(500).IsRequired();
        // The filters: one case's disclosures, one person's, and a shop's.
        builder.HasIndex(a => a.CaseId);
        builder.HasIndex(a => new { a.Actor, a.Id });
        builder.HasIndex(a => new { a.Shop, a.Id });
    }
}
