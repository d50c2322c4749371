using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Returns.Domain.Notifications;

namespace Returns.Data.Configurations;

internal sealed class DeadlineConfiguration : IEntityTypeConfiguration<CaseDeadline>
{
    public void Configure(EntityTypeBuilder<CaseDeadline> builder)
    {
        builder.ToTable("CaseDeadlines");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.WarnAt).AsJson();
        builder.Property(d => d.ClaimedBy).HasMaxLength(64);
        builder.Property(d => d.Version).IsConcurrencyToken();
        // The sweep reads only what is due: work grows with what is due, not with open cases.
        builder.HasIndex(d => d.NextCheckAt);
        builder.HasIndex(d => d.CaseId);
        builder.Ignore(d => d.IsRunning);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Recipient).HasMaxLength(128);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(n => n.CaseNumber).HasMaxLength(32);
        builder.Property(n => n.Deadline).HasConversion<string>().HasMaxLength(32);
        builder.Property(n => n.Message).HasMaxLength(2000);
        builder.HasIndex(n => new { n.Recipient, n.CreatedAt });
    }
}

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("Outbox");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Type).HasMaxLength(64);
        builder.HasIndex(m => new { m.DispatchedAt, m.Id });
        // The event feed reads by position; unsequenced rows are found by the same index (NULLs).
        builder.HasIndex(m => m.Position).IsUnique();
    }
}
