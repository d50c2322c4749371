using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Returns.Data;

namespace Returns.Migrations.PostgreSql;

/// <summary>Lets `dotnet ef` build the PostgreSQL model without a server or the service.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ReturnsDbContext>
{
    public ReturnsDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.Configure(new DbContextOptionsBuilder<ReturnsDbContext>(), DatabaseProvider.Postgres, "Host=localhost;Database=returns_design").Options
            as DbContextOptions<ReturnsDbContext> ?? throw new InvalidOperationException());
}
