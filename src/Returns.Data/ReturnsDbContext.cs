using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Returns.Data.Security;
using System.Text.Json;
using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Returns.Domain.Notifications;
using Returns.Domain.Privacy;
using Returns.Domain.Warehouse;

namespace Returns.Data;

public sealed class ReturnsDbContext : IdentityDbContext<ReturnsUser>, IDataProtectionKeyContext
{
    public ReturnsDbContext(DbContextOptions<ReturnsDbContext> options) : base(options)
    {
        // No savepoint before each save inside a command's transaction: it is one more round trip on every write, and
        // nothing here goes on with a transaction after a failed save (a failed command rolls back as a whole).
        // Set here, it is part of the configuration a pooled context returns to.
        Database.AutoSavepointsEnabled = false;
    }

    public DbSet<Case> Cases => Set<Case>();
    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();
    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();
    public DbSet<UnmatchedParcel> UnmatchedParcels => Set<UnmatchedParcel>();
    public DbSet<CaseCounter> Counters => Set<CaseCounter>();
    public DbSet<CaseDeadline> Deadlines => Set<CaseDeadline>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<UserSession> Sessions => Set<UserSession>();

    /// <summary>Who revealed which buyer's contact data, when and why (docs/business-rules.md §7).</summary>
    public DbSet<ContactAccess> ContactAccessLog => Set<ContactAccess>();

    /// <summary>The keys that protect session cookies, shared by every node (scale-out).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ReturnsDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset; store UTC ticks there (all times are UTC anyway).
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // A save inside a command's transaction already holds the writer's slot; a save of its own takes it now.
        await using var writer = Database.CurrentTransaction is null
            ? await SqliteWriteGate.EnterAsync(Database, cancellationToken)
            : null;
        var cases = AppendTimelineAndOutbox();
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        foreach (var @case in cases) @case.TimelineEntriesSaved();
        return written;
    }

    /// <summary>Synchronous saves happen too (the data-protection key store uses them): same rules.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var cases = AppendTimelineAndOutbox();
        var written = base.SaveChanges(acceptAllChangesOnSuccess);
        foreach (var @case in cases) @case.TimelineEntriesSaved();
        return written;
    }

    /// <summary>Outbox rows were added and not yet committed or rolled back (<see cref="OutboxCommits"/> reads it).</summary>
    internal bool OutboxWritten { get; set; }

    /// <summary>
    /// Timeline entries are appended, never loaded with the case: add what the aggregates produced, and an outbox
    /// event for each, and for each new notification, in the same transaction.
    /// </summary>
    private List<Case> AppendTimelineAndOutbox()
    {
        // Cases and notifications are attached explicitly, so finding them needs no DetectChanges; the save runs it once.
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return AppendTimelineAndOutboxOfTracked();
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private List<Case> AppendTimelineAndOutboxOfTracked()
    {
        var cases = ChangeTracker.Entries<Case>().Select(e => e.Entity).ToList();
        foreach (var @case in cases)
        {
            Timeline.AddRange(@case.NewTimelineEntries);
            foreach (var entry in @case.NewTimelineEntries)
                Outbox.Add(Event($"case.{entry.Action}", @case.Id, entry.At, new
                {
                    caseId = @case.Id, number = @case.Number, type = @case.Type, action = entry.Action,
                    from = entry.From, to = entry.To, actor = entry.Actor, at = entry.At, version = entry.Version,
                }));
        }
        foreach (var notification in ChangeTracker.Entries<Notification>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList())
            Outbox.Add(Event("notification.created", notification.CaseId, notification.CreatedAt, new
            {
                notification.Id, notification.Recipient, notification.Kind, notification.CaseId, notification.CaseNumber,
                notification.Deadline, notification.Message, notification.CreatedAt,
            }));
        return cases;
    }

    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private OutboxMessage Event(string type, Guid caseId, DateTimeOffset at, object payload)
    {
        OutboxWritten = true;
        return new() { Type = type, CaseId = caseId, CreatedAt = at, Payload = JsonSerializer.Serialize(payload, EventJson) };
    }


}
