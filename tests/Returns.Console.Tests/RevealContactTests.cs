using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Returns.Console.Tests;

/// <summary>
/// docs/business-rules.md §7 in the console: the case page shows the buyer's phone masked; an agent who must call the
/// buyer presses 查看完整号码, gives the reason (原因), and sees the number once; the access log records it.
/// </summary>
public sealed class RevealContactTests(ConsoleApp app) : IClassFixture<ConsoleApp>
{
    private static string Local(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM-ddTHH:mm");

    [SkippableFact]
    public async Task An_agent_sees_the_phone_masked_and_reveals_it_with_a_reason()
    {
        Skip.If(ConsoleApp.Unavailable is not null, ConsoleApp.Unavailable);
        var agent = await app.SignedIn("zhangsan");
        await agent.GotoAsync("/cases/new");
        await agent.SelectOptionAsync("#Type", "return");
        await agent.FillAsync("#Shop", "demo-shop");
        await agent.FillAsync("#OrderNumber", "TB" + DateTime.UtcNow.Ticks);
        await agent.FillAsync("#PaidAt", Local(DateTimeOffset.UtcNow.AddDays(-5)));
        await agent.FillAsync("#DeliveredAt", Local(DateTimeOffset.UtcNow.AddDays(-2)));
        await agent.FillAsync("#Sku", "DRESS-RED-M");
        await agent.FillAsync("#ItemName", "红色连衣裙 M");
        await agent.FillAsync("#Quantity", "1");
        await agent.FillAsync("#UnitPrice", "199.00");
        await agent.FillAsync("#ClaimedQuantity", "1");
        await agent.FillAsync("#Nickname", "小王");
        await agent.FillAsync("#Phone", "13812345678");
        await agent.SelectOptionAsync("#Reason", "nonQuality.changedMind");
        await agent.ClickAsync("#Create");
        await agent.WaitForURLAsync(new Regex("/cases/[0-9a-f-]{36}$"));
        var caseUrl = agent.Url;

        Assert.Equal("138****5678", (await agent.InnerTextAsync("#buyer-phone")).Trim());
        Assert.DoesNotContain("13812345678", await agent.ContentAsync());
        await agent.ClickAsync("#reveal-contact summary");
        Assert.Contains("原因", await agent.InnerTextAsync("#reveal-contact"));
        await agent.FillAsync("#reveal-reason", "联系买家确认退货");
        await ConsoleApp.Shot(agent, "case-reveal-contact-form");
        await agent.ClickAsync("#do-reveal");
        await agent.WaitForSelectorAsync("#reveal-logged");

        Assert.Equal("13812345678", (await agent.InnerTextAsync("#buyer-phone")).Trim());
        Assert.Contains("已记入访问日志", await agent.InnerTextAsync("#reveal-logged"));
        await ConsoleApp.Shot(agent, "case-reveal-contact-shown");

        // Read again, the page shows the mask: the number was shown once, not kept.
        await agent.GotoAsync(caseUrl);
        Assert.Equal("138****5678", (await agent.InnerTextAsync("#buyer-phone")).Trim());

        // A supervisor may reveal it too; both reveals are in the access log (GET /api/v1/audit/access).
        var supervisor = await app.SignedIn("wangzhuguan");
        await supervisor.GotoAsync(caseUrl);
        Assert.Equal("138****5678", (await supervisor.InnerTextAsync("#buyer-phone")).Trim());
        Assert.Equal(1, await supervisor.Locator("#reveal-contact").CountAsync());
        var log = await supervisor.APIRequest.GetAsync("/api/v1/audit/access?case=" + caseUrl.Split('/')[^1]);
        Assert.True(log.Ok, log.StatusText);
        var entry = (await log.JsonAsync())!.Value.GetProperty("items")[0];
        Assert.Equal(("zhangsan", "联系买家确认退货"), (entry.GetProperty("actor").GetString(), entry.GetProperty("reason").GetString()));
    }
}
