using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Returns.Data.Security;

namespace Returns.Data.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("ApiKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.Name).HasMaxLength(128);
        // One name, one key: `key:<name>` on the timeline must name exactly one integration.
        builder.HasIndex(k => k.Name).IsUnique();
        builder.Property(k => k.Prefix).HasMaxLength(32);
        builder.HasIndex(k => k.Prefix).IsUnique();
        builder.Property(k => k.SecretHash).HasMaxLength(128);
        builder.Property(k => k.Scopes).AsJson();
        builder.Property(k => k.Shop).HasMaxLength(64);
        builder.Property(k => k.CreatedBy).HasMaxLength(256);
        builder.Ignore(k => k.IsActive);
    }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("UserSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(64).ValueGeneratedNever();
        // Sign out everywhere, and the purge at sign-in, go by person.
        builder.HasIndex(s => s.UserId);
        builder.HasOne<ReturnsUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IdempotencyConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("IdempotencyRecords");
        // One first answer per caller and key: a concurrent duplicate loses the INSERT.
        builder.HasKey(r => new { r.Principal, r.Key });
        builder.Property(r => r.Principal).HasMaxLength(256);
        builder.Property(r => r.Key).HasMaxLength(128);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.ContentType).HasMaxLength(128);
        builder.Property(r => r.Location).HasMaxLength(512);
        builder.Property(r => r.ETag).HasMaxLength(64);
        builder.HasIndex(r => r.ExpiresAt);
    }
}

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("WebhookSubscriptions");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property(w => w.Url).HasMaxLength(2000);
        builder.Property(w => w.Events).AsJson();
        builder.Property(w => w.Secret).HasMaxLength(256);
        builder.Property(w => w.CreatedBy).HasMaxLength(256);
        builder.Property(w => w.Shop).HasMaxLength(64);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("WebhookDeliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.EventType).HasMaxLength(64);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.LastError).HasMaxLength(2000);
        builder.Property(d => d.ClaimedBy).HasMaxLength(64);
        // Each outbox event reaches each subscription once.
        builder.HasIndex(d => new { d.SubscriptionId, d.OutboxId }).IsUnique();
        builder.HasIndex(d => d.NextAttemptAt);
        // "Is an earlier event of this case still on its way to this subscription?" — asked for every claim.
        builder.HasIndex(d => new { d.SubscriptionId, d.CaseId, d.OutboxId });
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}
