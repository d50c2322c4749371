using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Returns.Data;

namespace Returns.Migrations.SqlServer;

/// <summary>Lets `dotnet ef` build the SQL Server model without a server or the service.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ReturnsDbContext>
{
    public ReturnsDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.Configure(new DbContextOptionsBuilder<ReturnsDbContext>(), DatabaseProvider.SqlServer, "Server=localhost;Database=returns_design;TrustServerCertificate=True").Options
            as DbContextOptions<ReturnsDbContext> ?? throw new InvalidOperationException());
}
