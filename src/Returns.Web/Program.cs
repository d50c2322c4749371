using Returns.Web.Features;
using Returns.Web.Infrastructure;
using Returns.Web.Infrastructure.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddReturns();
var app = builder.Build();

// `dotnet Returns.Web.dll migrate` applies the migrations and exits (server databases are migrated explicitly).
if (args.Contains("migrate"))
{
    await app.Migrate();
    await app.BootstrapSecurity();
    return;
}

await app.MigrateIfConfigured();
await app.BootstrapSecurity();
app.UseReturns();
app.Run();

public partial class Program;
