using Npgsql;
using Returns.Data;

namespace Returns.Web.Tests.Contract;

public sealed class ConnectionSettingsTests
{
    [Fact]
    public void A_postgres_connection_prepares_its_repeated_statements_unless_configured_otherwise()
    {
        var prepared = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPoolSettings("Host=db;Database=returns"));
        Assert.Equal(64, prepared.MaxAutoPrepare);
        Assert.Equal(2, prepared.AutoPrepareMinUsages);
        Assert.Equal("returns", prepared.Database);

        var own = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPoolSettings("Host=db;Database=returns;Max Auto Prepare=8"));
        Assert.Equal(8, own.MaxAutoPrepare);
    }

    [Fact]
    public void A_postgres_connection_skips_the_reset_on_return_to_the_pool_unless_configured_otherwise()
    {
        Assert.True(new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPoolSettings("Host=db;Database=returns")).NoResetOnClose);
        Assert.False(new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPoolSettings("Host=db;Database=returns;No Reset On Close=false")).NoResetOnClose);
        Assert.False(new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPoolSettings("Host=db;Database=returns;NoResetOnClose=false")).NoResetOnClose);
    }
}
