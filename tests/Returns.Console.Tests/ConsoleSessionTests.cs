using Microsoft.Playwright;

namespace Returns.Console.Tests;

/// <summary>
/// Issue 19, items 6 and 9, in Chromium: the console's sign-out ends the session on the server (a saved copy of the
/// cookie no longer opens the console), and a write the console's own page sends to the API passes the cross-origin guard.
/// </summary>
public sealed class ConsoleSessionTests(ConsoleApp app) : IClassFixture<ConsoleApp>
{
    [SkippableFact]
    public async Task Signing_out_in_the_console_ends_the_session_even_for_a_saved_cookie()
    {
        Skip.If(ConsoleApp.Unavailable is not null, ConsoleApp.Unavailable);
        var page = await app.SignedIn("zhangsan");
        var saved = await page.Context.CookiesAsync();
        Assert.Contains(saved, c => c.Name == "returns.auth");

        await page.ClickAsync("header form[action='/account/sign-out'] button");
        await page.WaitForURLAsync(url => url.Contains("/account/sign-in", StringComparison.Ordinal));

        // Someone who copied the cookie before the sign-out replays it in a browser of their own.
        var thief = await app.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.Address.ToString() });
        await thief.AddCookiesAsync(saved.Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path }));
        var replayed = await thief.NewPageAsync();
        await replayed.GotoAsync("/");
        Assert.Contains("/account/sign-in", replayed.Url, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_write_from_the_consoles_own_page_passes_the_cross_origin_guard()
    {
        Skip.If(ConsoleApp.Unavailable is not null, ConsoleApp.Unavailable);
        var page = await app.SignedIn("wangzhuguan");

        // Chromium sends Origin and Sec-Fetch-Site: same-origin with this POST, and the session cookie.
        var status = await page.EvaluateAsync<int>("async () => (await fetch('/api/v1/auth/sign-out-everywhere', { method: 'POST' })).status");
        Assert.Equal(204, status);

        await page.GotoAsync("/");
        Assert.Contains("/account/sign-in", page.Url, StringComparison.Ordinal);
    }
}
