using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Returns.Data;

namespace Returns.Web.Tests;

/// <summary>
/// Each provider's migration set matches the model, and migrations/sqlserver.sql is the idempotent script of the
/// SQL Server set. Refresh it: UPDATE_SQLSERVER_SCRIPT=1 dotnet test tests/Returns.Web.Tests --filter MigrationsTests
/// (or dotnet tool restore &amp;&amp; dotnet ef migrations script --idempotent --project migrations/Returns.Migrations.SqlServer
/// --startup-project migrations/Returns.Migrations.SqlServer -o migrations/sqlserver.sql).
/// </summary>
public sealed class MigrationsTests
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres", "sqlserver" };

    private static ReturnsDbContext DesignTimeContext(string provider) => provider switch
    {
        "sqlite" => new Migrations.Sqlite.DesignTimeFactory().CreateDbContext([]),
        "postgres" => new Migrations.PostgreSql.DesignTimeFactory().CreateDbContext([]),
        _ => new Migrations.SqlServer.DesignTimeFactory().CreateDbContext([]),
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public void Migrations_cover_the_whole_model(string provider)
    {
        using var db = DesignTimeContext(provider);
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {provider} model has changes no migration covers: add a migration for {provider} (README, Maintenance commands).");
    }

    [Fact]
    public void Sql_server_script_is_committed_and_current()
    {
        using var db = DesignTimeContext("sqlserver");
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        var path = Path.Combine(RepositoryRoot(), "migrations", "sqlserver.sql");
        if (Environment.GetEnvironmentVariable("UPDATE_SQLSERVER_SCRIPT") == "1")
            File.WriteAllText(path, script, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Assert.True(File.Exists(path), "migrations/sqlserver.sql is missing.");
        Assert.True(Normalize(File.ReadAllText(path)) == Normalize(script),
            "migrations/sqlserver.sql is stale. Refresh: UPDATE_SQLSERVER_SCRIPT=1 dotnet test tests/Returns.Web.Tests --filter MigrationsTests");
        Assert.Contains("datetimeoffset", script);
        Assert.Contains("decimal(18,2)", script);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").Trim();

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Returns.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("Returns.sln not found.");
    }
}
