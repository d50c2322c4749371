using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Returns.Data;

namespace Returns.Migrations.Sqlite;

/// <summary>Lets `dotnet ef` build the SQLite model without starting the service.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ReturnsDbContext>
{
    public ReturnsDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.Configure(new DbContextOptionsBuilder<ReturnsDbContext>(), DatabaseProvider.Sqlite, "Data Source=design.db").Options
            as DbContextOptions<ReturnsDbContext> ?? throw new InvalidOperationException());
}
