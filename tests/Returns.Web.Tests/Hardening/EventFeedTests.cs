using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Returns.Data;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests.Hardening;

/// <summary>
/// Issue 19, item 20: an integration that missed webhooks catches up by polling. GET /events lists what the webhooks
/// deliver (same ids and payloads), oldest first, scoped by the key's shop, in pages that skip and repeat nothing; and
/// GET /cases?updatedSince= lists what changed, by last change.
/// </summary>
public abstract class EventFeedTests(ReturnsApp app) : InputSuite(app)
{
    private Api Admin => App.Client(ReturnsApp.AdminEmail, "admin");

    /// <summary>A shop of its own per test, so no other test's events land in its feed.</summary>
    private static string NewShop() => "feed-" + Guid.NewGuid().ToString("N")[..10];

    private async Task<Api> KeyFor(string? shop, params string[] scopes)
    {
        var created = await Admin.Post("admin/api-keys", JsonSerializer.Serialize(new { name = "feed-" + Guid.NewGuid().ToString("N")[..12], scopes, shop }));
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        return App.WithKey(created.Body!["apiKey"]!.GetValue<string>());
    }

    private static JsonObject CaseIn(string shop)
    {
        var body = Bodies.Case(reason: "nonQuality.changedMind");
        body["shop"] = shop;
        return body;
    }

    /// <summary>Every page from <paramref name="after"/> on, following nextCursor until hasMore is false.</summary>
    private static async Task<(List<JsonNode> Events, string Cursor, int Pages)> ReadAll(Api api, int limit, string? after = null)
    {
        var events = new List<JsonNode>();
        var cursor = after;
        for (var pages = 1; ; pages++)
        {
            var reply = await api.Get($"events?limit={limit}" + (cursor is null ? "" : $"&after={cursor}"));
            Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
            var items = reply.Body!["items"]!.AsArray();
            Assert.True(items.Count <= limit, reply.ToString());
            events.AddRange(items.Select(i => i!));
            cursor = reply.Body["nextCursor"]!.GetValue<string>();
            if (!reply.Body["hasMore"]!.GetValue<bool>()) return (events, cursor, pages);
            Assert.Equal(limit, items.Count);
        }
    }

    private static long IdOf(JsonNode e) => e["id"]!.GetValue<long>();

    private static string CaseOf(JsonNode e) => e["caseId"]!.GetValue<string>();

    [SkippableFact]
    public async Task The_feed_pages_oldest_first_with_no_duplicate_and_no_gap()
    {
        var shop = NewShop();
        var desk = await KeyFor(shop, "cases:write");
        var expected = new List<(string Case, string Type)>();
        for (var i = 0; i < 4; i++)
        {
            var id = await Created(desk.Create(CaseIn(shop)));
            expected.Add((id.ToString(), "case.create"));
            await Ok(desk.Act(id, "add-note", new { text = $"备注 {i}" }));
            expected.Add((id.ToString(), "case.add-note"));
            if (i % 2 == 0)
            {
                await Ok(desk.Act(id, "approve"));
                expected.Add((id.ToString(), "case.approve"));
            }
        }
        var feed = await KeyFor(shop, "webhooks");

        var (paged, _, pages) = await ReadAll(feed, limit: 3);
        var (whole, _, _) = await ReadAll(feed, limit: 500);

        Assert.Equal(expected, paged.Select(e => (CaseOf(e), e["type"]!.GetValue<string>())).ToList());
        Assert.True(pages >= 4, $"{expected.Count} events in pages of 3 took {pages} pages");
        Assert.Equal(paged.Select(IdOf).Distinct().Count(), paged.Count);
        Assert.Equal(paged.Select(IdOf).Order().ToList(), paged.Select(IdOf).ToList());
        Assert.Equal(whole.Select(e => e.ToJsonString()), paged.Select(e => e.ToJsonString()));
    }

    [SkippableFact]
    public async Task Polling_from_the_last_cursor_returns_only_what_happened_since()
    {
        var shop = NewShop();
        var desk = await KeyFor(shop, "cases:write");
        var first = await Created(desk.Create(CaseIn(shop)));
        var feed = await KeyFor(shop, "cases:read");
        var (before, cursor, _) = await ReadAll(feed, limit: 10);
        Assert.Equal([first.ToString()], before.Select(CaseOf));

        var (nothing, same, _) = await ReadAll(feed, limit: 10, after: cursor);
        Assert.Empty(nothing);
        Assert.Equal(cursor, same);

        await Ok(desk.Act(first, "approve"));
        var (since, _, _) = await ReadAll(feed, limit: 10, after: cursor);
        Assert.Equal(["case.approve"], since.Select(e => e["type"]!.GetValue<string>()));
        Assert.True(IdOf(since[0]) > IdOf(before[^1]));
    }

    [SkippableFact]
    public async Task A_shop_restricted_key_reads_only_its_shops_events()
    {
        var (shopA, shopB) = (NewShop(), NewShop());
        var a = await Created(Agent.Create(CaseIn(shopA)));
        var b = await Created(Agent.Create(CaseIn(shopB)));
        await Ok(Agent.Act(b, "add-note", new { text = "B 的备注" }));

        var (ofA, _, _) = await ReadAll(await KeyFor(shopA, "webhooks"), limit: 200);
        Assert.Equal([a.ToString()], ofA.Select(CaseOf).Distinct());

        // A key of no shop and a supervisor read every shop's.
        foreach (var all in new[] { await KeyFor(null, "webhooks"), App.Client("feed.supervisor", "supervisor") })
        {
            var (every, _, _) = await ReadAll(all, limit: 500);
            Assert.Contains(every, e => CaseOf(e) == a.ToString());
            Assert.Contains(every, e => CaseOf(e) == b.ToString() && e["type"]!.GetValue<string>() == "case.add-note");
        }
    }

    [SkippableFact]
    public async Task An_event_carries_the_id_and_payload_of_its_webhook_delivery()
    {
        await using var receiver = await WebhookReceiver.Start();
        var subscribed = await Admin.Post("webhooks", JsonSerializer.Serialize(new { url = receiver.Url, events = new[] { "*" } }));
        Assert.True(subscribed.Status == HttpStatusCode.Created, subscribed.ToString());
        var shop = NewShop();
        var id = await Created(Agent.Create(CaseIn(shop)));
        await Ok(Agent.Act(id, "approve"));
        await App.Dispatch();

        var delivered = receiver.Deliveries.Where(d => JsonNode.Parse(d.Body)!["caseId"]?.GetValue<string>() == id.ToString()).ToList();
        var (events, _, _) = await ReadAll(await KeyFor(shop, "webhooks"), limit: 100);
        Assert.Equal(2, events.Count);
        Assert.Equal(events.Select(e => e["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture)), delivered.Select(d => d.EventId));
        Assert.Equal(events.Select(e => e["type"]!.GetValue<string>()), delivered.Select(d => d.Event));
        Assert.Equal(events.Select(e => e["payload"]!.ToJsonString()), delivered.Select(d => JsonNode.Parse(d.Body)!.ToJsonString()));
        await Admin.Send(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/webhooks/{subscribed.Body!["subscription"]!["id"]}"));
    }

    [SkippableFact]
    public async Task An_event_committed_after_a_later_one_is_not_stepped_over()
    {
        Skip.If(App.ProviderName == "sqlite", "SQLite writes one transaction at a time: its events commit in id order.");
        var shop = NewShop();
        var desk = await KeyFor(shop, "cases:write");
        var slow = await Created(desk.Create(CaseIn(shop)));
        var fast = await Created(desk.Create(CaseIn(shop)));
        var feed = await KeyFor(shop, "webhooks");
        var (_, cursor, _) = await ReadAll(feed, limit: 50);

        // A transaction draws its event's id, then takes its time to commit, while a later one commits first.
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReturnsDbContext>();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var held = new OutboxMessage { Type = "case.add-note", CaseId = slow, CreatedAt = App.Clock.GetUtcNow(), Payload = """{"held":true}""" };
            db.Outbox.Add(held);
            await db.SaveChangesAsync();
            await Ok(desk.Act(fast, "add-note", new { text = "后来的先提交" }));

            var (meanwhile, next, _) = await ReadAll(feed, limit: 50, after: cursor);
            Assert.Equal([fast.ToString()], meanwhile.Select(CaseOf));
            Assert.True(IdOf(meanwhile[0]) > held.Id, "the later event has the larger id");
            cursor = next;
            await transaction.CommitAsync();
        }

        var (late, _, _) = await ReadAll(feed, limit: 50, after: cursor);
        Assert.Equal([slow.ToString()], late.Select(CaseOf));
        Assert.True(late[0]["payload"]!["held"]!.GetValue<bool>());
    }

    [SkippableTheory]
    [InlineData("after=not-a-cursor")]
    [InlineData("after=eyJiZWZvcmUiOjEwfQ")] // {"before":10}: a cursor of the case list, not of the feed
    [InlineData("after=eyJhZnRlciI6LTF9")] // {"after":-1}
    [InlineData("after=%00")]
    [InlineData("limit=0")]
    [InlineData("limit=501")]
    public async Task A_bad_cursor_or_limit_is_400(string query)
    {
        var reply = await (await KeyFor(null, "webhooks")).Get("events?" + query);
        AssertProblem(reply, HttpStatusCode.BadRequest, "validation-failed");
    }

    [SkippableTheory]
    [InlineData("warehouse")]
    [InlineData("reviews")]
    public async Task Keys_that_see_only_some_cases_cannot_read_the_feed(string scope)
    {
        var reply = await (await KeyFor(null, scope)).Get("events");
        AssertProblem(reply, HttpStatusCode.Forbidden, "forbidden");
    }

    [SkippableFact]
    public async Task Agents_cannot_read_the_feed()
    {
        AssertProblem(await Agent.Get("events"), HttpStatusCode.Forbidden, "forbidden");
    }

    // ---- GET /cases?updatedSince= ------------------------------------------------------------------------------

    private static async Task<List<JsonNode>> ChangedSince(Api api, string shop, DateTimeOffset since, int limit, Func<int, Task>? betweenPages = null)
    {
        var rows = new List<JsonNode>();
        string? cursor = null;
        for (var page = 0; ; page++)
        {
            var reply = await api.Get($"cases?shop={shop}&updatedSince={Uri.EscapeDataString(since.ToString("O"))}&limit={limit}"
                                      + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
            rows.AddRange(reply.Body!["items"]!.AsArray().Select(i => i!));
            cursor = reply.Body["nextCursor"]?.GetValue<string>();
            if (cursor is null) return rows;
            if (betweenPages is not null) await betweenPages(page);
        }
    }

    private static DateTimeOffset UpdatedAt(JsonNode row) => row["updatedAt"]!.GetValue<DateTimeOffset>();

    private static string IdOfCase(JsonNode row) => row["id"]!.GetValue<string>();

    [SkippableFact]
    public async Task Cases_changed_since_come_by_last_change_in_pages_with_no_duplicate_and_no_gap()
    {
        var shop = NewShop();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await Created(Agent.Create(CaseIn(shop))));
            App.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        var since = App.Clock.GetUtcNow();
        // Changed after `since`, in this order: the 4th, the 1st, the 3rd (twice). The 2nd and 5th are not.
        foreach (var id in new[] { ids[3], ids[0], ids[2], ids[2] })
        {
            await Ok(Agent.Act(id, "add-note", new { text = "改动" }));
            App.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var rows = await ChangedSince(Agent, shop, since, limit: 1);

        Assert.Equal(new[] { ids[3], ids[0], ids[2] }.Select(i => i.ToString()), rows.Select(IdOfCase));
        Assert.All(rows, r => Assert.True(UpdatedAt(r) >= since));
        Assert.Equal(rows.Select(UpdatedAt).Order(), rows.Select(UpdatedAt));
    }

    [SkippableFact]
    public async Task Cases_with_the_same_change_time_page_by_their_order_of_creation()
    {
        var shop = NewShop();
        var since = App.Clock.GetUtcNow();
        // The clock stands still: every case has the same updatedAt, and the sequence breaks the tie.
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add((await Created(Agent.Create(CaseIn(shop)))).ToString());

        Assert.Equal(ids, (await ChangedSince(Agent, shop, since, limit: 2)).Select(IdOfCase));
    }

    [SkippableFact]
    public async Task A_case_changed_while_paging_comes_again_behind_the_cursor_not_skipped()
    {
        var shop = NewShop();
        var since = App.Clock.GetUtcNow();
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await Created(Agent.Create(CaseIn(shop))));
            App.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var rows = await ChangedSince(Agent, shop, since, limit: 2, async page =>
        {
            // After the first page, its first case changes: the listing by creation would never show that change.
            if (page == 0) await Ok(Agent.Act(ids[0], "add-note", new { text = "翻页时改动" }));
        });

        Assert.Equal(new[] { ids[0], ids[1], ids[2], ids[3], ids[0] }.Select(i => i.ToString()), rows.Select(IdOfCase));
        Assert.True(rows[^1]["version"]!.GetValue<int>() > rows[0]["version"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task A_cursor_of_one_listing_is_400_in_the_other()
    {
        var shop = NewShop();
        for (var i = 0; i < 2; i++) await Created(Agent.Create(CaseIn(shop)));
        var newestFirst = (await Agent.Get($"cases?shop={shop}&limit=1")).Body!["nextCursor"]!.GetValue<string>();
        var since = Uri.EscapeDataString(ReturnsApp.Start.AddDays(-1).ToString("O"));
        var byChange = (await Agent.Get($"cases?shop={shop}&limit=1&updatedSince={since}")).Body!["nextCursor"]!.GetValue<string>();

        AssertValidation(await Agent.Get($"cases?shop={shop}&updatedSince={since}&cursor={newestFirst}"), "cursor");
        AssertValidation(await Agent.Get($"cases?shop={shop}&cursor={byChange}"), "cursor");
        AssertValidation(await Agent.Get($"cases?shop={shop}&updatedSince={since}&cursor=garbage"), "cursor");
    }

    [SkippableFact]
    public async Task An_updatedSince_that_is_not_a_date_is_400()
    {
        AssertProblem(await Agent.Get("cases?updatedSince=yesterday"), HttpStatusCode.BadRequest, "validation-failed");
    }
}

public sealed class SqliteEventFeedTests(SqliteApp app) : EventFeedTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresEventFeedTests(PostgresApp app) : EventFeedTests(app), IClassFixture<PostgresApp>;
