using Microsoft.EntityFrameworkCore;
using Returns.Domain.Cases;
using Returns.Domain.Warehouse;

namespace Returns.Data;

public sealed class ReturnsDbContext(DbContextOptions<ReturnsDbContext> options) : DbContext(options)
{
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();
    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();
    public DbSet<UnmatchedParcel> UnmatchedParcels => Set<UnmatchedParcel>();
    public DbSet<CaseCounter> Counters => Set<CaseCounter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ReturnsDbContext).Assembly);

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
        // Timeline entries are appended, never loaded with the case: add what the aggregates produced.
        var cases = ChangeTracker.Entries<Case>().Select(e => e.Entity).ToList();
        foreach (var @case in cases)
            Timeline.AddRange(@case.NewTimelineEntries);
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        foreach (var @case in cases)
            @case.TimelineEntriesSaved();
        return written;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync.");
}
