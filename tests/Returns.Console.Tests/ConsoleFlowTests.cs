using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Returns.Console.Tests;

/// <summary>
/// The console end to end in Chromium, as the people who use it: an agent logs a quality return with a photo,
/// the warehouse scans and confirms it, the agent refunds it; a discount above the cap waits for a supervisor.
/// Screenshots of each page go to TestResults/screenshots.
/// </summary>
public sealed class ConsoleFlowTests(ConsoleApp app) : IClassFixture<ConsoleApp>
{
    private static string Local(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM-ddTHH:mm");

    private static async Task<string> NewCase(IPage page, string type, string reason, string order, Func<IPage, Task>? extra = null)
    {
        await page.GotoAsync("/cases/new");
        await page.SelectOptionAsync("#Type", type);
        await page.FillAsync("#Shop", "demo-shop");
        await page.FillAsync("#OrderNumber", order);
        await page.FillAsync("#PaidAt", Local(DateTimeOffset.UtcNow.AddDays(-5)));
        await page.FillAsync("#DeliveredAt", Local(DateTimeOffset.UtcNow.AddDays(-2)));
        await page.FillAsync("#ShippingFee", "8.00");
        await page.FillAsync("#Sku", "DRESS-RED-M");
        await page.FillAsync("#ItemName", "红色连衣裙 M");
        await page.FillAsync("#Quantity", "1");
        await page.FillAsync("#UnitPrice", "199.00");
        await page.FillAsync("#ClaimedQuantity", "1");
        await page.FillAsync("#Nickname", "小王");
        await page.SelectOptionAsync("#Reason", reason);
        await page.FillAsync("#Description", "<b>裙子开线</b>");
        if (extra is not null) await extra(page);
        await ConsoleApp.Shot(page, $"new-case-{type}");
        await page.ClickAsync("#Create");
        await page.WaitForURLAsync(new Regex("/cases/[0-9a-f-]{36}$"));
        return page.Url.Split('/')[^1];
    }

    private static async Task Act(IPage page, string action, Func<IPage, Task>? fill = null)
    {
        await page.ClickAsync($"#action-{action} summary");
        if (fill is not null) await fill(page);
        await page.ClickAsync($"#do-{action}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    private static Task<string?> Status(IPage page) => page.GetAttributeAsync("#case-status", "data-status");

    [SkippableFact]
    public async Task Agent_logs_a_quality_return_with_a_photo_the_warehouse_confirms_it_and_the_agent_refunds_it()
    {
        Skip.If(ConsoleApp.Unavailable is not null, ConsoleApp.Unavailable);
        var agent = await app.SignedIn("zhangsan");
        await ConsoleApp.Shot(agent, "queue-empty");
        var order = "TB" + DateTime.UtcNow.Ticks;
        var id = await NewCase(agent, "return", "quality.defective", order);
        Assert.Equal("submitted", await Status(agent));
        // User text is shown as text, never as HTML.
        Assert.Contains("<b>裙子开线</b>", await agent.InnerTextAsync("main"));

        var photo = Path.Combine(Path.GetTempPath(), $"photo-{Guid.NewGuid():N}.jpg");
        await File.WriteAllBytesAsync(photo, [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01]);
        await agent.SetInputFilesAsync("#evidence-files", photo);
        await agent.ClickAsync("#do-upload");
        await agent.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal(1, await agent.Locator(".thumbs img").CountAsync());

        await Act(agent, "approve");
        Assert.Equal("awaitingReturnShipment", await Status(agent));
        var tracking = "SF" + DateTime.UtcNow.Ticks;
        await Act(agent, "record-return-shipment", async p =>
        {
            await p.FillAsync("#record-return-shipment-carrier", "SF");
            await p.FillAsync("#record-return-shipment-trackingNumber", tracking);
            await p.FillAsync("#record-return-shipment-postage", "12.00");
        });
        Assert.Equal("returnInTransit", await Status(agent));
        await ConsoleApp.Shot(agent, "case-in-transit");

        var warehouse = await app.SignedIn("laoli");
        await warehouse.GotoAsync("/warehouse");
        await warehouse.FillAsync("#TrackingNumber", tracking);
        await warehouse.PressAsync("#TrackingNumber", "Enter");
        await warehouse.WaitForSelectorAsync("#Condition_0");
        await warehouse.SelectOptionAsync("#Condition_0", "damaged");
        await ConsoleApp.Shot(warehouse, "warehouse-scan");
        await warehouse.ClickAsync("#ConfirmReceipt");
        await warehouse.WaitForSelectorAsync("#outcome");
        await ConsoleApp.Shot(warehouse, "warehouse-confirmed");

        await agent.GotoAsync($"/cases/{id}");
        Assert.Equal("refundPending", await Status(agent));
        Assert.Equal("211.00", (await agent.InnerTextAsync("#refund-due")).Trim());
        await Act(agent, "refund", async p =>
        {
            // The form is the API's refund body: its amount starts at what is still due.
            Assert.Equal("211.00", await p.InputValueAsync("#refund-amount"));
            await p.SelectOptionAsync("#refund-method", "alipayTransfer");
            await p.FillAsync("#refund-reference", "ALIPAY-" + order);
            await ConsoleApp.Shot(p, "case-refund-form");
        });
        Assert.Equal("completed", await Status(agent));
        Assert.Contains("laoli", await agent.InnerTextAsync("#timeline-table"));
        await ConsoleApp.Shot(agent, "case-completed");
    }

    // Issue 13 items 9-10: the agent logs the case on its marketplace and types the platform's own due time, which wins.
    [SkippableFact]
    public async Task Agent_logs_a_pinduoduo_return_and_takes_the_platforms_own_decision_time()
    {
        Skip.If(ConsoleApp.Unavailable is not null, ConsoleApp.Unavailable);
        var agent = await app.SignedIn("zhangsan", 1366);
        var id = await NewCase(agent, "return", "nonQuality.wrongSize", "PDD" + DateTime.UtcNow.Ticks, async p =>
        {
            await p.SelectOptionAsync("#Platform", "pdd");
            await p.FillAsync("#PlatformRef", "PDD-AS-88001");
        });
        Assert.Equal("拼多多 平台售后单号 PDD-AS-88001", (await agent.InnerTextAsync("#platform")).Trim());
        Assert.Equal(0, await agent.Locator(".deadline-source").CountAsync());

        var platformDue = DateTimeOffset.UtcNow.AddHours(20);
        await Act(agent, "sync-platform-deadlines", p => p.FillAsync("#sync-platform-deadlines-sellerDecision", Local(platformDue)));

        Assert.Equal("submitted", await Status(agent));
        var row = agent.Locator("tr", new PageLocatorOptions { Has = agent.Locator(".deadline-source") });
        Assert.Equal(1, await row.CountAsync());
        var text = await row.InnerTextAsync();
        Assert.Contains("卖家处理售后申请", text);
        Assert.Contains(Local(platformDue).Replace('T', ' '), text);
        Assert.Contains("平台时间", text);
        // People read the zone and the diagram's conditions in Chinese too.
        Assert.Contains("北京时间", await agent.InnerTextAsync("#deadlines"));
        var html = await agent.ContentAsync();
        Assert.Contains("[全部验货通过]", html);
        Assert.DoesNotContain("all items pass", html);
        await ConsoleApp.Shot(agent, "case-platform-deadline");
        await agent.SetViewportSizeAsync(390, 844);
        await agent.ClickAsync("#action-sync-platform-deadlines summary");
        await ConsoleApp.Shot(agent, "case-platform-deadline-phone");
        await agent.GotoAsync("/cases/new");
        Assert.Equal("店铺默认平台", (await agent.Locator("#Platform option").First.TextContentAsync())?.Trim());
        await ConsoleApp.Shot(agent, "new-case-phone");
        Assert.Matches("^[0-9a-f-]{36}$", id);
    }

    [SkippableFact]
    public async Task Discount_above_the_cap_waits_for_a_supervisor_who_approves_it()
    {
        Skip.If(ConsoleApp.Unavailable is not null, ConsoleApp.Unavailable);
        var agent = await app.SignedIn("zhangsan");
        var id = await NewCase(agent, "discount", "quality.defective", "TB" + DateTime.UtcNow.Ticks, async p =>
        {
            await p.FillAsync("#Amount", "15.00");
            await p.FillAsync("#Defect", "袖口线头");
        });
        Assert.Equal("awaitingApproval", await Status(agent));
        Assert.Equal(0, await agent.Locator("#action-approve").CountAsync());
        var number = (await agent.InnerTextAsync("#case-title")).Split(' ')[0];

        var supervisor = await app.SignedIn("wangzhuguan");
        await supervisor.GotoAsync("/supervisor");
        await ConsoleApp.Shot(supervisor, "supervisor");
        await supervisor.ClickAsync($"#Approve_{number}");
        await supervisor.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await agent.GotoAsync($"/cases/{id}");
        Assert.Equal("approved", await Status(agent));
        await ConsoleApp.Shot(agent, "discount-approved");
    }

    [SkippableFact]
    public async Task Every_page_renders_for_a_supervisor_and_is_screenshotted()
    {
        Skip.If(ConsoleApp.Unavailable is not null, ConsoleApp.Unavailable);
        var supervisor = await app.SignedIn("wangzhuguan");
        foreach (var (path, name, marker) in new[]
        {
            ("/", "queue", "#queue, main p.muted"), ("/cases/new", "new-case", "#Create"), ("/warehouse", "warehouse", "#TrackingNumber"),
            ("/supervisor", "supervisor-dashboard", "#chart-status"), ("/handover", "handover", "#Print"), ("/notifications", "notifications", "#unread-count"),
        })
        {
            var response = await supervisor.GotoAsync(path);
            Assert.True(response!.Ok, $"{path}: {response.Status}");
            Assert.True(await supervisor.Locator(marker).CountAsync() > 0, $"{path} lacks {marker}");
            Assert.Equal(0, await supervisor.Locator("#error").CountAsync());
            await ConsoleApp.Shot(supervisor, "page-" + name);
        }
    }

    [SkippableFact]
    public async Task Console_speaks_chinese_first_and_switches_to_english()
    {
        Skip.If(ConsoleApp.Unavailable is not null, ConsoleApp.Unavailable);
        var agent = await app.SignedIn("zhangsan", width: 800);
        Assert.Contains("工作台", await agent.InnerTextAsync("header"));
        await agent.ClickAsync("header >> text=English");
        await agent.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Contains("Queue", await agent.InnerTextAsync("header"));
        await ConsoleApp.Shot(agent, "queue-english-tablet");
    }
}
