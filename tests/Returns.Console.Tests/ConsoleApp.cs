using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Returns.Console.Tests;

/// <summary>
/// The real service on 127.0.0.1 (SQLite file of its own) and Debian's Chromium driven by Playwright.
/// People: an admin from the bootstrap configuration, who creates an agent, a warehouse clerk and a supervisor.
/// </summary>
public sealed class ConsoleApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    public const string Password = "console-pass-1";
    private const string AdminEmail = "admin@console.test";
    private const string AdminPassword = "admin-console-1";

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"returns-console-{Guid.NewGuid():N}.db");
    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public Uri Address { get; private set; } = null!;

    public static string? Unavailable => File.Exists(Chromium) ? null
        : "Browser tests skipped: /usr/bin/chromium is not installed (apt-get install chromium; bash .ci/run does).";

    public static string Screenshots { get; } = Path.Combine(RepositoryRoot(), "TestResults", "screenshots");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "sqlite");
        builder.UseSetting("ConnectionStrings:Returns", $"Data Source={_file}");
        builder.UseSetting("Returns:Jobs:Enabled", "false");
        builder.UseSetting("Returns:Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Returns:Bootstrap:AdminPassword", AdminPassword);
    }

    public async Task InitializeAsync()
    {
        if (Unavailable is not null)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException("CI must run the browser tests: " + Unavailable);
            return;
        }
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        Address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        await CreatePeople();
        Directory.CreateDirectory(Screenshots);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    private async Task CreatePeople()
    {
        using var admin = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = Address };
        (await admin.PostAsJsonAsync("/api/v1/auth/sign-in", new { userName = AdminEmail, password = AdminPassword })).EnsureSuccessStatusCode();
        foreach (var (name, role) in new[] { ("zhangsan", "agent"), ("laoli", "warehouse"), ("wangzhuguan", "supervisor") })
            (await admin.PostAsJsonAsync("/api/v1/admin/users", new { userName = name, email = $"{name}@console.test", displayName = name, role, password = Password }))
                .EnsureSuccessStatusCode();
    }

    /// <summary>A fresh browser context (its own cookies) signed in through the sign-in page, at 1280 px.</summary>
    public async Task<IPage> SignedIn(string userName, int width = 1280)
    {
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(), ViewportSize = new ViewportSize { Width = width, Height = 900 }, Locale = "zh-CN",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("#UserName", userName);
        await page.FillAsync("#Password", Password);
        await page.PressAsync("#Password", "Enter");
        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));
        return page;
    }

    public static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    public new async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" }) File.Delete(path);
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Returns.sln"))) folder = folder.Parent;
        return folder?.FullName ?? AppContext.BaseDirectory;
    }
}
