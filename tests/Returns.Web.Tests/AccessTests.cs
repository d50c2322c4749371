using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests;

/// <summary>
/// Issue 6 beyond the matrix: what the warehouse sees, what only supervisors decide, API keys (shown once, hashed,
/// scoped, shop-restricted, revocable), people (passwords, lockout, disabling, sign-out, role changes), and the real
/// actor of every change in the timeline. On each database.
/// </summary>
public abstract class AccessTests(ReturnsApp app)
{
    private Api Admin
    {
        get
        {
            Skip.If(app.Unavailable is not null, app.Unavailable);
            return app.Client(ReturnsApp.AdminEmail, "admin");
        }
    }

    private Api Agent
    {
        get
        {
            Skip.If(app.Unavailable is not null, app.Unavailable);
            return app.Client("agent.chen", "agent");
        }
    }

    private Api Supervisor => app.Client("supervisor.zhao", "supervisor");

    private Api Warehouse => app.Client("warehouse.sun", "warehouse");

    private const string Phone = "13800000000";

    /// <summary>How everyone but a buyer-contact key sees <see cref="Phone"/> (docs/business-rules.md §7).</summary>
    private const string Masked = "138****0000";

    // ---------------------------------------------------------------- helpers

    private static async Task<Guid> Created(Task<Reply> create)
    {
        var reply = await create;
        Assert.True(reply.Status == HttpStatusCode.Created, reply.ToString());
        return reply.Id;
    }

    private static Reply Ok(Reply reply, string? expectedStatus = null)
    {
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        if (expectedStatus is not null) Assert.Equal(expectedStatus, reply.CaseStatus);
        return reply;
    }

    private static void Refused(Reply reply, HttpStatusCode status, string? code = null)
    {
        Assert.True(reply.Status == status, reply.ToString());
        if (code is not null) Assert.Equal(code, reply.Code);
    }

    private static string Json(object body) => JsonSerializer.Serialize(body);

    private static object Shipment(string tracking) => new { carrier = "SF", trackingNumber = tracking, postage = 12.00m, freightCollect = false };

    private static object Received(string condition = "damaged") => new { items = new[] { new { sku = "DRESS-RED-M", quantity = 1, condition } } };

    private static JsonObject CaseFor(string shop, string type = "return")
    {
        var body = Bodies.Case();
        body["shop"] = shop;
        if (type == "badReview") MakeBadReview(body);
        return body;
    }

    private static JsonObject MakeBadReview(JsonObject body)
    {
        body["type"] = "badReview";
        body.Remove("reason");
        body.Remove("items");
        body["review"] = new JsonObject { ["rating"] = "bad", ["content"] = "质量太差", ["postedAt"] = ReturnsApp.Start.AddDays(-1).ToString("O") };
        return body;
    }

    private static JsonObject Discount(decimal amount)
    {
        var body = Bodies.Case();
        body["type"] = "discount";
        body["order"]!["shippingFee"] = 8.00m;
        body["compensation"] = new JsonObject { ["amount"] = amount, ["defect"] = "袖口线头" };
        return body;
    }

    /// <summary>A quality return the buyer has shipped back: approved by the agent, the parcel on its way.</summary>
    private async Task<(Guid Id, string Tracking)> InTransit(Api? desk = null)
    {
        desk ??= Agent;
        var id = await Created(desk.Create(Bodies.Case()));
        Ok(await desk.UploadEvidence(id, Api.Jpeg));
        Ok(await desk.Act(id, "approve"), "awaitingReturnShipment");
        var tracking = "SF" + id.ToString("N")[^10..].ToUpperInvariant();
        Ok(await desk.Act(id, "record-return-shipment", Shipment(tracking)), "returnInTransit");
        return (id, tracking);
    }

    private async Task<(Guid Id, string Key)> NewKey(string name, string[] scopes, string? shop = null)
    {
        var created = await Admin.Post("admin/api-keys", Json(new { name, scopes, shop }));
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        return (Guid.Parse(created.Body!["key"]!["id"]!.GetValue<string>()), created.Body["apiKey"]!.GetValue<string>());
    }

    private async Task<string> NewUser(string userName, string role, string password = ReturnsApp.UserPassword)
    {
        var created = await Admin.Post("admin/users", Json(new { userName, email = $"{userName}@access.test", displayName = userName, role, password }));
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        return created.Body!["id"]!.GetValue<string>();
    }

    private Task<Reply> SignIn(string userName, string password) =>
        app.Anonymous().Post("auth/sign-in", Json(new { userName, password }));

    private static List<Guid> Ids(Reply page) =>
        page.Body!["items"]!.AsArray().Select(i => Guid.Parse(i!["id"]!.GetValue<string>())).ToList();

    private static string Unique(string prefix) => $"{prefix}.{Guid.NewGuid().ToString("N")[..8]}";

    // ---------------------------------------------------------------- the warehouse

    [SkippableFact]
    public async Task Warehouse_lists_only_cases_with_a_return_parcel()
    {
        var submitted = await Created(Agent.Create(Bodies.Case()));
        var discount = await Created(Agent.Create(Discount(5.00m)));
        var (inTransit, _) = await InTransit();

        var page = await Warehouse.Get("cases?limit=200");
        Ok(page);
        var ids = Ids(page);
        Assert.Contains(inTransit, ids);
        Assert.DoesNotContain(submitted, ids);
        Assert.DoesNotContain(discount, ids);
        Assert.All(page.Body!["items"]!.AsArray(), item =>
        {
            Assert.Contains(item!["type"]!.GetValue<string>(), new[] { "return", "exchange" });
            Assert.DoesNotContain(item["status"]!.GetValue<string>(), new[] { "submitted", "awaitingEvidence" });
        });
        // The desk sees them all.
        var desk = Ids(Ok(await Agent.Get("cases?limit=200")));
        Assert.Contains(submitted, desk);
        Assert.Contains(discount, desk);
    }

    [SkippableFact]
    public async Task Warehouse_cannot_open_a_case_without_a_return_parcel()
    {
        var submitted = await Created(Agent.Create(Bodies.Case()));
        var number = Ok(await Agent.Case(submitted)).Body!["number"]!.GetValue<string>();

        Refused(await Warehouse.Case(submitted), HttpStatusCode.NotFound, "not-found");
        Refused(await Warehouse.Get($"cases/{number}"), HttpStatusCode.NotFound, "not-found");
        Refused(await Warehouse.Get($"cases/{submitted}/timeline"), HttpStatusCode.NotFound, "not-found");
        Assert.Empty(Ok(await Warehouse.Get($"cases?q={number}")).Body!["items"]!.AsArray());
        Assert.Single(Ok(await Agent.Get($"cases?q={number}")).Body!["items"]!.AsArray());
    }

    [SkippableFact]
    public async Task Warehouse_reads_an_incoming_case_with_the_buyers_phone_masked()
    {
        var (id, _) = await InTransit();

        var seen = Ok(await Warehouse.Case(id), "returnInTransit");
        Assert.Equal(Masked, seen.Body!["buyer"]!["phone"]!.GetValue<string>());
        Assert.DoesNotContain(Phone, seen.Body.ToJsonString());
        Ok(await Warehouse.Get($"cases/{id}/timeline"));
        // The desk sees it masked too: an agent who must call the buyer reveals it with a reason (PrivacyTests).
        Assert.Equal(Masked, Ok(await Agent.Case(id)).Body!["buyer"]!["phone"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Warehouse_confirms_receipt_and_scans_parcels_with_the_phone_masked()
    {
        var (first, _) = await InTransit();
        var confirmed = Ok(await Warehouse.Act(first, "confirm-receipt", Received()), "refundPending");
        Assert.Equal(Masked, confirmed.Body!["buyer"]!["phone"]!.GetValue<string>());

        var (second, tracking) = await InTransit();
        var scan = await Warehouse.Post("warehouse/receipts", Json(new
        {
            trackingNumber = tracking, items = new[] { new { sku = "DRESS-RED-M", quantity = 1, condition = "damaged" } }, freightCollect = false,
        }));
        Ok(scan);
        Assert.Equal("confirmed", scan.Body!["outcome"]!.GetValue<string>());
        Assert.Equal(second, Guid.Parse(scan.Body["case"]!["id"]!.GetValue<string>()));
        Assert.Equal(Masked, scan.Body["case"]!["buyer"]!["phone"]!.GetValue<string>());

        var (third, _) = await InTransit();
        Ok(await Warehouse.Act(third, "refuse-parcel", new { reason = "到付件" }), "awaitingReturnShipment");
    }

    [SkippableFact]
    public async Task Warehouse_may_not_approve_refund_or_create_cases()
    {
        var submitted = await Created(Agent.Create(Bodies.Case()));
        Ok(await Agent.UploadEvidence(submitted, Api.Jpeg));
        var (received, _) = await InTransit();
        Ok(await Warehouse.Act(received, "confirm-receipt", Received()), "refundPending");

        Refused(await Warehouse.Act(submitted, "approve"), HttpStatusCode.Forbidden, "forbidden");
        Refused(await Warehouse.Act(received, "refund", new { amount = 1.00m, method = "platformRefund", reference = "RF-W" }),
            HttpStatusCode.Forbidden, "forbidden");
        Refused(await Warehouse.Act(received, "cancel", new { reason = "x" }), HttpStatusCode.Forbidden, "forbidden");
        Refused(await Warehouse.Create(Bodies.Case()), HttpStatusCode.Forbidden, "forbidden");

        // Nothing happened: the submitted case is still waiting, the received one still owes its refund.
        Assert.Equal("submitted", (await Agent.Case(submitted)).CaseStatus);
        Assert.Equal("refundPending", (await Agent.Case(received)).CaseStatus);
    }

    [SkippableFact]
    public async Task A_warehouse_key_reaches_only_cases_with_a_return_parcel_like_warehouse_staff()
    {
        var submitted = await Created(Agent.Create(Bodies.Case()));
        var (inTransit, _) = await InTransit();
        var (_, key) = await NewKey(Unique("wms").Replace('.', '-'), ["warehouse"]);
        var scanner = app.WithKey(key);

        // Without cases:read it reads nothing; its notes and photos go to parcels it receives, never to other cases.
        Refused(await scanner.Case(inTransit), HttpStatusCode.Forbidden, "forbidden");
        Refused(await scanner.Act(submitted, "add-note", new { text = "仓库备注" }), HttpStatusCode.NotFound, "not-found");
        Refused(await scanner.UploadEvidence(submitted, Api.Jpeg), HttpStatusCode.NotFound, "not-found");
        Assert.Single(await Agent.Timeline(submitted));

        var noted = Ok(await scanner.Act(inTransit, "add-note", new { text = "外箱破损" }));
        Assert.Equal(Masked, noted.Body!["buyer"]!["phone"]!.GetValue<string>());
    }

    // ---------------------------------------------------------------- what only supervisors decide

    [SkippableFact]
    public async Task Only_a_supervisor_approves_a_case_outside_its_window()
    {
        var id = await Created(Agent.Create(Bodies.Case(deliveredAt: ReturnsApp.Start.AddDays(-60))));
        Assert.True((await Agent.Case(id)).Body!["outsideWindow"]!.GetValue<bool>());
        Ok(await Agent.UploadEvidence(id, Api.Jpeg));

        Refused(await Agent.Act(id, "approve"), HttpStatusCode.UnprocessableEntity, "supervisor-required");
        Assert.Equal("submitted", (await Agent.Case(id)).CaseStatus);

        Ok(await Supervisor.Act(id, "approve"), "awaitingReturnShipment");
        Assert.Equal("supervisor.zhao", (await Agent.Timeline(id))[^1]!["actor"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Only_a_supervisor_approves_a_discount_above_the_cap()
    {
        var create = await Agent.Create(Discount(20.00m));
        Assert.True(create.Status == HttpStatusCode.Created, create.ToString());
        Assert.Equal("awaitingApproval", create.CaseStatus);
        Assert.DoesNotContain("approve", create.Body!["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()));

        // A supervisor must act for this case: 422 supervisor-required (403 is for who may never approve, e.g. the warehouse).
        Refused(await Agent.Act(create.Id, "approve"), HttpStatusCode.UnprocessableEntity, "supervisor-required");
        Refused(await Agent.Act(create.Id, "reject", new { reason = "太多" }), HttpStatusCode.UnprocessableEntity, "supervisor-required");
        Assert.Equal("awaitingApproval", (await Agent.Case(create.Id)).CaseStatus);
        Assert.Contains("approve", (await Supervisor.Case(create.Id)).Body!["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()));

        Ok(await Supervisor.Act(create.Id, "approve"), "approved");
    }

    [SkippableFact]
    public async Task Only_a_supervisor_refunds_more_than_is_due()
    {
        var (id, _) = await InTransit();
        var received = Ok(await Warehouse.Act(id, "confirm-receipt", Received()), "refundPending");
        var due = received.Body!["amounts"]!["refundDue"]!.GetValue<decimal>();

        Refused(await Agent.Act(id, "refund", new { amount = due + 5.00m, method = "platformRefund", reference = "RF-A" }),
            HttpStatusCode.UnprocessableEntity, "refund-exceeds-due");
        var paid = Ok(await Supervisor.Act(id, "refund", new { amount = due + 5.00m, method = "platformRefund", reference = "RF-S" }), "completed");
        Assert.Equal(due + 5.00m, paid.Body!["amounts"]!["refunded"]!.GetValue<decimal>());
    }

    // ---------------------------------------------------------------- API keys

    [SkippableFact]
    public async Task An_api_key_is_shown_once_and_listed_without_its_text_or_hash()
    {
        var created = await Admin.Post("admin/api-keys", Json(new { name = "erp-once", scopes = new[] { "cases:read" } }));
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        var text = created.Body!["apiKey"]!.GetValue<string>();
        var id = created.Body["key"]!["id"]!.GetValue<string>();
        var prefix = created.Body["key"]!["prefix"]!.GetValue<string>();
        Assert.True(text.Length >= 32, text);
        Assert.StartsWith(prefix, text);
        Assert.NotEqual(prefix, text);
        Assert.Equal(["cases:read"], created.Body["key"]!["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(ReturnsApp.AdminEmail, created.Body["key"]!["createdBy"]!.GetValue<string>());

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var list = Ok(await Admin.Get("admin/api-keys"));
        var json = list.Body!.ToJsonString();
        Assert.Contains(id, json);
        Assert.DoesNotContain(text, json);
        Assert.DoesNotContain(text[prefix.Length..], json);
        Assert.DoesNotContain(hash, json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hash", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("apiKey", json);
        var listed = list.Body.AsArray().Single(k => k!["id"]!.GetValue<string>() == id)!;
        Assert.Equal(prefix, listed["prefix"]!.GetValue<string>());

        // And it works.
        Ok(await app.WithKey(text).Get("cases"));
    }

    [SkippableFact]
    public async Task A_key_acts_under_its_own_name_in_the_timeline()
    {
        var (_, key) = await NewKey("erp-sync", ["cases:write"]);
        var integration = app.WithKey(key);

        var id = await Created(integration.Create(Bodies.Case()));
        Ok(await integration.Act(id, "add-note", new { text = "同步自 ERP" }));

        var timeline = await Agent.Timeline(id);
        Assert.Equal(["key:erp-sync", "key:erp-sync"], timeline.Select(e => e!["actor"]!.GetValue<string>()));
        var me = Ok(await integration.Get("auth/me"));
        Assert.Equal("key", me.Body!["kind"]!.GetValue<string>());
        Assert.Equal("key:erp-sync", me.Body["name"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task A_cases_read_key_reads_but_cannot_write()
    {
        var id = await Created(Agent.Create(Bodies.Case()));
        var (_, key) = await NewKey("reader", ["cases:read"]);
        var reader = app.WithKey(key);

        Ok(await reader.Case(id));
        Ok(await reader.Get($"cases/{id}/timeline"));
        Refused(await reader.Create(Bodies.Case()), HttpStatusCode.Forbidden, "forbidden");
        Refused(await reader.Act(id, "add-note", new { text = "x" }), HttpStatusCode.Forbidden, "forbidden");
        Refused(await reader.Act(id, "cancel", new { reason = "x" }), HttpStatusCode.Forbidden, "forbidden");
        Assert.Single(await Agent.Timeline(id));
    }

    [SkippableFact]
    public async Task A_reviews_key_logs_and_reads_bad_reviews_but_not_returns()
    {
        var (_, key) = await NewKey("review-feed", ["reviews"]);
        var feed = app.WithKey(key);

        var review = await feed.Create(MakeBadReview(Bodies.Case()));
        Assert.True(review.Status == HttpStatusCode.Created, review.ToString());
        Assert.Equal("open", review.CaseStatus);

        Refused(await feed.Create(Bodies.Case()), HttpStatusCode.Forbidden, "forbidden");
        var discount = await feed.Create(Discount(5.00m));
        Refused(discount, HttpStatusCode.Forbidden, "forbidden");
        // Issue 19, item 4: it reads the bad reviews it logs, and no other case.
        var listed = await feed.Get("cases");
        Assert.True(listed.Status == HttpStatusCode.OK, listed.ToString());
        Assert.Contains(listed.Body!["items"]!.AsArray(), c => c!["id"]!.GetValue<string>() == review.Id.ToString());
        Assert.All(listed.Body["items"]!.AsArray(), c => Assert.Equal("badReview", c!["type"]!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task A_shop_restricted_key_sees_and_logs_only_its_shop()
    {
        var (_, key) = await NewKey("shop-a-erp", ["cases:write"], shop: "shop-a");
        var shopA = app.WithKey(key);
        var other = await Created(Agent.Create(CaseFor("shop-b")));

        Refused(await shopA.Case(other), HttpStatusCode.NotFound, "not-found");
        Refused(await shopA.Get($"cases/{other}/timeline"), HttpStatusCode.NotFound, "not-found");
        Refused(await shopA.Act(other, "add-note", new { text = "不是我的店" }), HttpStatusCode.NotFound, "not-found");
        Refused(await shopA.Create(CaseFor("shop-b")), HttpStatusCode.Forbidden, "forbidden");

        var own = await Created(shopA.Create(CaseFor("shop-a")));
        var page = Ok(await shopA.Get("cases?limit=200"));
        Assert.Contains(own, Ids(page));
        Assert.All(page.Body!["items"]!.AsArray(), item => Assert.Equal("shop-a", item!["shop"]!.GetValue<string>()));
        Assert.Empty(Ok(await shopA.Get("cases?shop=shop-b")).Body!["items"]!.AsArray());
        Assert.Single(await Agent.Timeline(other));
    }

    [SkippableFact]
    public async Task A_revoked_key_is_refused_at_once()
    {
        var (id, key) = await NewKey("soon-revoked", ["cases:read"]);
        var integration = app.WithKey(key);
        Ok(await integration.Get("cases"));

        var revoked = Ok(await Admin.Send(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/admin/api-keys/{id}")));
        Assert.NotNull(revoked.Body!["revokedAt"]);

        Refused(await integration.Get("cases"), HttpStatusCode.Unauthorized, "unauthenticated");
        Refused(await integration.Get("auth/me"), HttpStatusCode.Unauthorized, "unauthenticated");
        var listed = (await Admin.Get("admin/api-keys")).Body!.AsArray().Single(k => k!["id"]!.GetValue<string>() == id.ToString())!;
        Assert.NotNull(listed["revokedAt"]);
    }

    [SkippableFact]
    public async Task The_bootstrap_key_from_configuration_works_with_every_scope()
    {
        var bootstrap = app.WithKey(ReturnsApp.BootstrapKey);
        var me = Ok(await bootstrap.Get("auth/me"));
        Assert.Equal("key:bootstrap", me.Body!["name"]!.GetValue<string>());
        Assert.Equal(["audit", "buyer-contact", "cases:read", "cases:write", "reviews", "warehouse", "webhooks"],
            me.Body["scopes"]!.AsArray().Select(s => s!.GetValue<string>()).Order());

        var id = await Created(bootstrap.Create(Bodies.Case()));
        // Every scope includes buyer-contact: the development key reads the phone whole.
        Assert.Equal(Phone, Ok(await bootstrap.Case(id)).Body!["buyer"]!["phone"]!.GetValue<string>());
        Assert.Equal("key:bootstrap", (await Agent.Timeline(id))[0]!["actor"]!.GetValue<string>());
        Refused(await app.WithKey(ReturnsApp.BootstrapKey + "x").Get("cases"), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [SkippableFact]
    public async Task No_key_reaches_the_admin_api_not_even_one_with_every_scope()
    {
        _ = Admin;
        var bootstrap = app.WithKey(ReturnsApp.BootstrapKey);
        Refused(await bootstrap.Get("admin/users"), HttpStatusCode.Forbidden, "forbidden");
        Refused(await bootstrap.Get("admin/api-keys"), HttpStatusCode.Forbidden, "forbidden");
        Refused(await bootstrap.Post("admin/api-keys", Json(new { name = "escalate", scopes = new[] { "cases:write" } })), HttpStatusCode.Forbidden, "forbidden");
        Refused(await bootstrap.Post("admin/users", Json(new
        {
            userName = "intruder", email = "intruder@access.test", role = "admin", password = "intruder-password-1",
        })), HttpStatusCode.Forbidden, "forbidden");
        Assert.DoesNotContain("intruder", (await Admin.Get("admin/users")).Body!.ToJsonString());
        Assert.DoesNotContain("escalate", (await Admin.Get("admin/api-keys")).Body!.ToJsonString());
    }

    // ---------------------------------------------------------------- people

    [SkippableFact]
    public async Task A_wrong_password_or_unknown_user_is_refused_alike()
    {
        var user = Unique("wrong");
        await NewUser(user, "agent");

        var wrong = await SignIn(user, "not-the-password-1");
        Refused(wrong, HttpStatusCode.Unauthorized, "unauthenticated");
        var cookies = wrong.Response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [];
        Assert.DoesNotContain(cookies, c => c.StartsWith("returns.auth=", StringComparison.Ordinal));
        var unknown = await SignIn(Unique("nobody"), "not-the-password-1");
        Refused(unknown, HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal(wrong.Body!["detail"]!.GetValue<string>(), unknown.Body!["detail"]!.GetValue<string>());

        Ok(await SignIn(user, ReturnsApp.UserPassword));
    }

    [SkippableFact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        var user = Unique("locked");
        await NewUser(user, "agent");

        for (var attempt = 1; attempt <= 4; attempt++)
            Refused(await SignIn(user, $"wrong-password-{attempt}"), HttpStatusCode.Unauthorized, "unauthenticated");
        await SignIn(user, "wrong-password-5");

        Refused(await SignIn(user, ReturnsApp.UserPassword), HttpStatusCode.Forbidden, "locked-out");
        var listed = (await Admin.Get("admin/users")).Body!.AsArray().Single(u => u!["userName"]!.GetValue<string>() == user)!;
        Assert.NotNull(listed["lockedOutUntil"]);
    }

    [SkippableTheory]
    [InlineData("short1")]
    [InlineData("onlyletters")]
    [InlineData("1234567890")]
    public async Task An_admin_cannot_give_a_person_a_weak_password(string password)
    {
        var user = Unique("weak");
        var reply = await Admin.Post("admin/users", Json(new { userName = user, email = $"{user}@access.test", role = "agent", password }));

        Refused(reply, HttpStatusCode.BadRequest, "validation-failed");
        Assert.NotEmpty(reply.Body!["errors"]!["password"]!.AsArray());
        Assert.DoesNotContain(user, (await Admin.Get("admin/users")).Body!.ToJsonString());
        Refused(await SignIn(user, password), HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task A_disabled_person_cannot_sign_in_and_their_session_ends()
    {
        var user = Unique("leaver");
        var id = await NewUser(user, "agent");
        var session = await app.SignedIn(user, ReturnsApp.UserPassword);
        Ok(await session.Get("cases"));

        var disabled = Ok(await Admin.Post($"admin/users/{id}/disable", "{}"));
        Assert.True(disabled.Body!["disabled"]!.GetValue<bool>());

        Refused(await session.Get("cases"), HttpStatusCode.Unauthorized, "unauthenticated");
        Refused(await session.Create(Bodies.Case()), HttpStatusCode.Unauthorized, "unauthenticated");
        var again = await SignIn(user, ReturnsApp.UserPassword);
        Assert.True(again.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, again.ToString());

        Ok(await Admin.Post($"admin/users/{id}/enable", "{}"));
        Ok(await SignIn(user, ReturnsApp.UserPassword));
    }

    [SkippableFact]
    public async Task Signing_out_ends_the_session()
    {
        var user = Unique("shift");
        await NewUser(user, "agent");
        var session = await app.SignedIn(user, ReturnsApp.UserPassword);
        Assert.Equal(user, Ok(await session.Get("auth/me")).Body!["name"]!.GetValue<string>());

        var signOut = await session.Post("auth/sign-out", "{}");
        Assert.True(signOut.Status == HttpStatusCode.NoContent, signOut.ToString());

        Refused(await session.Get("auth/me"), HttpStatusCode.Unauthorized, "unauthenticated");
        Refused(await session.Get("cases"), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [SkippableFact]
    public async Task A_role_change_takes_effect_on_the_persons_session()
    {
        var user = Unique("moved");
        var id = await NewUser(user, "agent");
        var session = await app.SignedIn(user, ReturnsApp.UserPassword);
        await Created(session.Create(Bodies.Case()));

        var changed = Ok(await Admin.Post($"admin/users/{id}/role", Json(new { role = "warehouse" })));
        Assert.Equal("warehouse", changed.Body!["role"]!.GetValue<string>());

        // The open session now acts as the warehouse: no more writing cases. (Signed in again, or still signed in.)
        var current = await session.Get("auth/me");
        if (current.Status == HttpStatusCode.OK) Assert.Equal("warehouse", current.Body!["role"]!.GetValue<string>());
        else Refused(current, HttpStatusCode.Unauthorized);
        Assert.True((await session.Create(Bodies.Case())).Status is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized);

        var fresh = await app.SignedIn(user, ReturnsApp.UserPassword);
        Assert.Equal("warehouse", Ok(await fresh.Get("auth/me")).Body!["role"]!.GetValue<string>());
        Refused(await fresh.Create(Bodies.Case()), HttpStatusCode.Forbidden, "forbidden");
    }

    // ---------------------------------------------------------------- the real actor

    [SkippableFact]
    public async Task Every_change_records_the_person_who_made_it()
    {
        var id = await Created(Agent.Create(Bodies.Case()));
        Ok(await Agent.UploadEvidence(id, Api.Jpeg));
        Ok(await Supervisor.Act(id, "add-note", new { text = "主管已看照片" }));
        Ok(await Supervisor.Act(id, "approve"));
        var tracking = "YT" + id.ToString("N")[^10..].ToUpperInvariant();
        Ok(await Agent.Act(id, "record-return-shipment", Shipment(tracking)));
        Ok(await Warehouse.Post("warehouse/receipts", Json(new
        {
            trackingNumber = tracking, items = new[] { new { sku = "DRESS-RED-M", quantity = 1, condition = "damaged" } }, freightCollect = false,
        })));
        Ok(await Warehouse.Act(id, "add-note", new { text = "外箱破损" }));
        var due = (await Agent.Case(id)).Body!["amounts"]!["refundDue"]!.GetValue<decimal>();
        Ok(await Agent.Act(id, "refund", new { amount = due, method = "platformRefund", reference = "RF-ACTOR" }), "completed");

        var timeline = (await Agent.Timeline(id)).Select(e => (
            Action: e!["action"]!.GetValue<string>(), Actor: e["actor"]!.GetValue<string>(), Role: e["actorRole"]!.GetValue<string>())).ToList();
        Assert.Equal(
        [
            ("create", "agent.chen", "agent"),
            ("add-evidence", "agent.chen", "agent"),
            ("add-note", "supervisor.zhao", "supervisor"),
            ("approve", "supervisor.zhao", "supervisor"),
            ("record-return-shipment", "agent.chen", "agent"),
            ("confirm-receipt", "warehouse.sun", "warehouse"),
            ("add-note", "warehouse.sun", "warehouse"),
            ("refund", "agent.chen", "agent"),
        ], timeline);
    }
}

public sealed class SqliteAccessTests(SqliteApp app) : AccessTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresAccessTests(PostgresApp app) : AccessTests(app), IClassFixture<PostgresApp>;

/// <summary>
/// Sessions are revalidated against the user's security stamp at an interval (wall time): this app lets a test move
/// the revalidation clock, to see what a session meets once it is checked again.
/// </summary>
public sealed class StaleSessionApp : SqliteApp
{
    public FakeTimeProvider SessionClock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.Configure<SecurityStampValidatorOptions>(o => o.TimeProvider = SessionClock));
    }
}

public sealed class SqliteStaleSessionAccessTests(StaleSessionApp app) : IClassFixture<StaleSessionApp>
{
    private async Task<(string Id, Api Session)> SignedInAgent(string userName)
    {
        var admin = app.Client(ReturnsApp.AdminEmail, "admin");
        var created = await admin.Post("admin/users", JsonSerializer.Serialize(new
        {
            userName, email = $"{userName}@stale.test", role = "agent", password = ReturnsApp.UserPassword,
        }));
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        var session = await app.SignedIn(userName, ReturnsApp.UserPassword);
        Assert.Equal(HttpStatusCode.OK, (await session.Get("cases")).Status);
        return (created.Body!["id"]!.GetValue<string>(), session);
    }

    [Fact]
    public async Task Once_revalidated_the_session_of_a_disabled_or_moved_person_is_401_and_an_unchanged_one_goes_on()
    {
        var (disabledId, disabled) = await SignedInAgent("stale.disabled");
        var (movedId, moved) = await SignedInAgent("stale.moved");
        var (_, unchanged) = await SignedInAgent("stale.unchanged");
        var admin = app.Client(ReturnsApp.AdminEmail, "admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.Post($"admin/users/{disabledId}/disable", "{}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await admin.Post($"admin/users/{movedId}/role", "{\"role\":\"warehouse\"}")).Status);

        // Later than any revalidation interval: every session is checked against its user again.
        app.SessionClock.Advance(TimeSpan.FromHours(1));

        var afterDisable = await disabled.Get("cases");
        Assert.True(afterDisable.Status == HttpStatusCode.Unauthorized, afterDisable.ToString());
        var afterMove = await moved.Create(Bodies.Case());
        Assert.True(afterMove.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, afterMove.ToString());
        var goesOn = await unchanged.Get("cases");
        Assert.True(goesOn.Status == HttpStatusCode.OK, goesOn.ToString());
    }
}
