using System.Net;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Returns.Web.Features.Cases;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests;

/// <summary>Discount (折价补偿) and bad-review (中差评) cases end to end over real HTTP, on each database.</summary>
public abstract class DiscountAndReviewApiTests(ReturnsApp app)
{
    private Api Agent
    {
        get
        {
            Skip.If(app.Unavailable is not null, app.Unavailable);
            return app.Client("agent.zhang", "agent");
        }
    }

    private Api Supervisor => app.Client("supervisor.wang", "supervisor");

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private static JsonObject Discount(decimal amount, decimal? shippingFee = 8.00m, string? orderNumber = null, string reason = "quality.defective")
    {
        var body = Bodies.Case(type: "return", reason: reason, orderNumber: orderNumber);
        body["type"] = "discount";
        body["order"]!["shippingFee"] = shippingFee;
        body["compensation"] = new JsonObject { ["amount"] = amount, ["defect"] = "袖口线头" };
        return body;
    }

    private JsonObject BadReview(DateTimeOffset postedAt, string rating = "bad", string? orderNumber = null)
    {
        var body = Bodies.Case(reason: "quality.defective", orderNumber: orderNumber);
        body["type"] = "badReview";
        body.Remove("reason");
        body.Remove("items");
        body["review"] = new JsonObject { ["rating"] = rating, ["content"] = "质量太差,穿一次就开线", ["postedAt"] = postedAt.ToString("O") };
        // A review comes after the purchase: the order was paid and delivered before it was posted.
        if (postedAt < DateTimeOffset.Parse(body["order"]!["paidAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture))
        {
            body["order"]!["paidAt"] = postedAt.AddDays(-5).ToString("O");
            body["order"]!["deliveredAt"] = postedAt.AddDays(-2).ToString("O");
        }
        return body;
    }

    private static async Task<Reply> Created(Task<Reply> create)
    {
        var reply = await create;
        Assert.True(reply.Status == HttpStatusCode.Created, reply.ToString());
        return reply;
    }

    private static void Ok(Reply reply, string expectedStatus)
    {
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal(expectedStatus, reply.CaseStatus);
    }

    private static void Refused(Reply reply, HttpStatusCode status, string code)
    {
        Assert.True(reply.Status == status, reply.ToString());
        Assert.Equal(code, reply.Code);
        Assert.Equal("application/problem+json", reply.ContentType);
    }

    [SkippableFact]
    public async Task Discount_at_the_cap_is_approved_by_the_agent_and_paid_out()
    {
        var api = Agent;
        var create = await Created(api.Create(Discount(8.00m, shippingFee: 8.00m)));
        Assert.Equal("approved", create.CaseStatus);
        var compensation = create.Body!["compensation"]!;
        Assert.Equal(8.00m, compensation["amount"]!.GetValue<decimal>());
        Assert.Equal("袖口线头", compensation["defect"]!.GetValue<string>());
        Assert.Equal("agent.zhang", compensation["handler"]!.GetValue<string>());
        Assert.NotNull(compensation["at"]);
        Assert.Equal("agent.zhang", compensation["approvedBy"]!.GetValue<string>());

        var paid = await api.Act(create.Id, "record-payout", new { method = "platformRefund", reference = "TB-RF-123" });
        Ok(paid, "completed");
        Assert.Equal(8.00m, paid.Body!["payout"]!["amount"]!.GetValue<decimal>());
        Assert.Equal(8.00m, paid.Body["amounts"]!["refunded"]!.GetValue<decimal>());
        Assert.Equal(8.00m, paid.Body["amounts"]!["compensation"]!.GetValue<decimal>());
    }

    [SkippableFact]
    public async Task Discount_above_the_cap_waits_for_a_supervisor_who_approves_it()
    {
        var api = Agent;
        var create = await Created(api.Create(Discount(8.01m, shippingFee: 8.00m)));
        Assert.Equal("awaitingApproval", create.CaseStatus);
        Assert.DoesNotContain("approve", create.Body!["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()));

        Assert.DoesNotContain("reject", create.Body!["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.True(create.Body!["awaitingSupervisor"]!.GetValue<bool>());
        Assert.Equal("compensation-above-cap", create.Body!["supervisorReason"]!.GetValue<string>());

        // The agent may approve discounts in general; this one needs a supervisor (422, not 403).
        Refused(await api.Act(create.Id, "approve"), HttpStatusCode.UnprocessableEntity, "supervisor-required");
        Refused(await api.Act(create.Id, "reject", new { reason = "no" }), HttpStatusCode.UnprocessableEntity, "supervisor-required");
        Assert.Equal(1, (await api.Case(create.Id)).Version);

        var approved = await Supervisor.Act(create.Id, "approve", new { note = "老客户" });
        Ok(approved, "approved");
        Assert.Equal("supervisor.wang", approved.Body!["compensation"]!["approvedBy"]!.GetValue<string>());

        Refused(await api.Act(create.Id, "record-payout", new { method = "alipayTransfer", reference = "2026112022001", amount = 8.02m }),
            HttpStatusCode.UnprocessableEntity, "payout-exceeds-approved");
        Refused(await api.Act(create.Id, "record-payout", new { method = "alipayTransfer" }), HttpStatusCode.BadRequest, "validation-failed");

        var proof = await api.UploadEvidence(create.Id, Api.Jpeg, "打款记录.jpg");
        var proofId = proof.Body!["evidence"]![0]!["id"]!.GetValue<string>();
        var paid = await api.Act(create.Id, "record-payout", new { method = "alipayTransfer", reference = "2026112022001", proofEvidenceId = proofId });
        Ok(paid, "completed");
        Assert.Equal(proofId, paid.Body!["payout"]!["proofEvidenceId"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Discount_cap_defaults_to_ten_when_the_shipping_fee_is_unknown()
    {
        var api = Agent;
        Assert.Equal("approved", (await Created(api.Create(Discount(10.00m, shippingFee: null)))).CaseStatus);
        Assert.Equal("awaitingApproval", (await Created(api.Create(Discount(10.01m, shippingFee: null)))).CaseStatus);
    }

    [SkippableFact]
    public async Task Supervisor_rejects_a_discount_above_the_cap()
    {
        var create = await Created(Agent.Create(Discount(50.00m)));
        Ok(await Supervisor.Act(create.Id, "reject", new { reason = "建议退货" }), "rejected");
    }

    [SkippableFact]
    public async Task Discount_must_stay_below_the_goods_total_and_be_positive()
    {
        var api = Agent;
        var order = Bodies.NewOrderNumber();
        Refused(await api.Create(Discount(424.50m, orderNumber: order)), HttpStatusCode.UnprocessableEntity, "compensation-exceeds-goods");
        Refused(await api.Create(Discount(0m, orderNumber: order)), HttpStatusCode.BadRequest, "validation-failed");
        Refused(await api.Create(Discount(-5m, orderNumber: order)), HttpStatusCode.BadRequest, "validation-failed");
        Refused(await api.Create(Discount(5m, orderNumber: order, reason: "nonQuality.changedMind")), HttpStatusCode.UnprocessableEntity, "reason-not-eligible");
        Assert.Empty((await api.Get($"cases?orderNumber={order}")).Body!["items"]!.AsArray());
    }

    [SkippableFact]
    public async Task An_order_holds_one_open_discount_and_no_discount_on_items_of_an_open_return()
    {
        var api = Agent;
        var order = Bodies.NewOrderNumber();
        await Created(api.Create(Discount(5m, orderNumber: order)));
        Refused(await api.Create(Discount(6m, orderNumber: order)), HttpStatusCode.UnprocessableEntity, "open-discount-exists");

        var other = Bodies.NewOrderNumber();
        await Created(api.Create(Bodies.Case(reason: "nonQuality.changedMind", orderNumber: other)));
        Refused(await api.Create(Discount(5m, orderNumber: other)), HttpStatusCode.UnprocessableEntity, "items-under-open-case");
        Assert.Single((await api.Get($"cases?orderNumber={other}")).Body!["items"]!.AsArray());
    }

    [SkippableFact]
    public async Task Bad_review_is_recovered_after_contacting_the_buyer()
    {
        var api = Agent;
        var create = await Created(api.Create(BadReview(Now.AddDays(-1))));
        Assert.Equal("open", create.CaseStatus);
        var posted = DateTimeOffset.Parse(create.Body!["review"]!["postedAt"]!.GetValue<string>());
        Assert.Equal(posted.AddDays(15), DateTimeOffset.Parse(create.Body["explanationDueAt"]!.GetValue<string>()));
        Assert.Equal(posted.AddDays(30), DateTimeOffset.Parse(create.Body["revisionDueAt"]!.GetValue<string>()));
        var id = create.Id;

        Ok(await api.Act(id, "contact-buyer", new { channel = "phone", outcome = "noAnswer", note = "未接" }), "contacting");
        var second = await api.Act(id, "contact-buyer", new { channel = "wangwang", outcome = "reached", note = "答应换货后改评" });
        Ok(second, "contacting");
        Assert.Equal(2, second.Body!["contactAttempts"]!.AsArray().Count);
        Ok(await api.Act(id, "post-explanation", new { text = "亲,已为您安排换货,给您带来不便深表歉意。" }), "contacting");
        Refused(await api.Act(id, "post-explanation", new { text = "again" }), HttpStatusCode.UnprocessableEntity, "already-explained");
        Ok(await api.Act(id, "buyer-agreed", new { note = "换货后修改" }), "awaitingRevision");
        Refused(await api.Act(id, "confirm-revised", new { newRating = "bad" }), HttpStatusCode.UnprocessableEntity, "rating-not-improved");
        var done = await api.Act(id, "confirm-revised", new { newRating = "good" });
        Ok(done, "completed");
        Assert.Equal("good", done.Body!["revisedRating"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Malicious_review_goes_through_appeal()
    {
        var api = Agent;
        var upheld = (await Created(api.Create(BadReview(Now.AddDays(-2))))).Id;
        Ok(await api.Act(upheld, "mark-malicious", new { reason = "以差评要挟返现", evidence = "旺旺聊天记录 2026-11-18" }), "appealing");
        var filed = await api.Act(upheld, "file-appeal", new { reference = "TS-20261120-88" });
        Ok(filed, "appealFiled");
        Assert.Equal("TS-20261120-88", filed.Body!["appeal"]!["reference"]!.GetValue<string>());
        Ok(await api.Act(upheld, "appeal-upheld"), "completed");

        var rejected = (await Created(api.Create(BadReview(Now.AddDays(-2))))).Id;
        Ok(await api.Act(rejected, "contact-buyer", new { channel = "sms", outcome = "refused" }), "contacting");
        Ok(await api.Act(rejected, "mark-malicious", new { reason = "同行恶意差评" }), "appealing");
        Ok(await api.Act(rejected, "file-appeal", new { reference = "TS-2" }), "appealFiled");
        Ok(await api.Act(rejected, "appeal-rejected"), "locked");
    }

    [SkippableFact]
    public async Task Explanation_after_fifteen_days_is_refused_as_outside_the_window()
    {
        var api = Agent;
        var late = (await Created(api.Create(BadReview(Now.AddDays(-15).AddMinutes(-1))))).Id;
        Refused(await api.Act(late, "post-explanation", new { text = "亲,抱歉" }), HttpStatusCode.UnprocessableEntity, "outside-window");
        Assert.Single(await api.Timeline(late));

        var inTime = (await Created(api.Create(BadReview(Now.AddDays(-15).AddMinutes(1))))).Id;
        Ok(await api.Act(inTime, "post-explanation", new { text = "亲,抱歉" }), "open");
        Refused(await api.Act(inTime, "post-explanation", new { text = new string('解', 501) }), HttpStatusCode.BadRequest, "validation-failed");
    }

    [SkippableFact]
    public async Task The_sweep_locks_a_review_only_after_its_revision_window()
    {
        var api = Agent;
        var open = (await Created(api.Create(BadReview(Now.AddDays(-29))))).Id;
        var passed = (await Created(api.Create(BadReview(Now.AddDays(-30).AddMinutes(-1))))).Id;

        await app.Sweep();

        Assert.Equal("open", (await api.Case(open)).CaseStatus);
        Assert.Equal("locked", (await api.Case(passed)).CaseStatus);
        var timeline = await api.Timeline(passed);
        Assert.Equal("lock", timeline[^1]!["action"]!.GetValue<string>());
        Assert.Equal("system", timeline[^1]!["actor"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Good_reviews_are_not_cases_and_an_order_has_one_open_bad_review()
    {
        var api = Agent;
        Refused(await api.Create(BadReview(Now.AddDays(-1), rating: "good")), HttpStatusCode.BadRequest, "validation-failed");
        var order = Bodies.NewOrderNumber();
        await Created(api.Create(BadReview(Now.AddDays(-1), orderNumber: order)));
        Refused(await api.Create(BadReview(Now.AddDays(-1), orderNumber: order)), HttpStatusCode.UnprocessableEntity, "open-bad-review-exists");
    }

    [SkippableFact]
    public async Task Bad_review_links_to_its_remedy_and_both_sides_show_it()
    {
        var api = Agent;
        var order = Bodies.NewOrderNumber();
        var review = (await Created(api.Create(BadReview(Now.AddDays(-1), orderNumber: order)))).Id;
        var remedy = (await Created(api.Create(Bodies.Case(type: "exchange", reason: "quality.defective", orderNumber: order)))).Id;
        var linked = await api.Act(review, "link", new { caseId = remedy });
        Ok(linked, "open");
        Assert.Equal("exchange", linked.Body!["links"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("badReview", (await api.Case(remedy)).Body!["links"]![0]!["type"]!.GetValue<string>());

        var otherReview = (await Created(api.Create(BadReview(Now.AddDays(-1))))).Id;
        Refused(await api.Act(review, "link", new { caseId = otherReview }), HttpStatusCode.UnprocessableEntity, "invalid-link");
    }

    public static TheoryData<string, string, string, int, string> BadActions => new()
    {
        // case kind, action, body, expected status, expected code
        { "review", "contact-buyer", "{\"channel\":\"telegram\",\"outcome\":\"reached\"}", 400, "validation-failed" },
        { "review", "contact-buyer", "{\"channel\":\"phone\"}", 400, "validation-failed" },
        { "review", "contact-buyer", "{\"channel\":\"phone\",\"outcome\":\"reached\",\"note\":\"a\\u0000b\"}", 400, "validation-failed" },
        { "review", "post-explanation", "{\"text\":\"   \"}", 400, "validation-failed" },
        { "review", "mark-malicious", "{}", 400, "validation-failed" },
        { "review", "file-appeal", "{\"reference\":\"TS-1\"}", 409, "invalid-transition" },
        { "review", "buyer-agreed", "{}", 409, "invalid-transition" },
        { "review", "confirm-revised", "{\"newRating\":\"excellent\"}", 400, "validation-failed" },
        { "review", "appeal-upheld", "{}", 409, "invalid-transition" },
        { "review", "approve", "{}", 409, "invalid-transition" },
        { "review", "refund", "{\"amount\":10,\"method\":\"platformRefund\",\"reference\":\"x\"}", 409, "invalid-transition" },
        { "discount", "record-payout", "{\"method\":\"platformRefund\",\"reference\":\"R\"}", 409, "invalid-transition" },
        { "discount", "record-payout", "{\"method\":\"cash\",\"reference\":\"R\"}", 400, "validation-failed" },
        { "discount", "record-payout", "{\"method\":\"platformRefund\",\"reference\":\"R\",\"amount\":-1}", 400, "validation-failed" },
        { "discount", "contact-buyer", "{\"channel\":\"phone\",\"outcome\":\"reached\"}", 409, "invalid-transition" },
        { "discount", "confirm-receipt", "{\"items\":[{\"sku\":\"DRESS-RED-M\",\"quantity\":1,\"condition\":\"resaleable\"}]}", 409, "invalid-transition" },
    };

    [SkippableTheory]
    [MemberData(nameof(BadActions))]
    public async Task Bad_action_on_a_discount_or_review_is_refused_and_changes_nothing(string kind, string action, string body, int status, string code)
    {
        var api = Agent;
        var create = await Created(api.Create(kind == "review" ? BadReview(Now.AddDays(-1)) : Discount(20.00m)));
        var before = (await api.Case(create.Id)).Body!.ToJsonString();

        var reply = await api.Post($"cases/{create.Id}/{action}", body);
        Refused(reply, (HttpStatusCode)status, code);

        Assert.Equal(before, (await api.Case(create.Id)).Body!.ToJsonString());
        Assert.Single(await api.Timeline(create.Id));
    }

    [SkippableFact]
    public async Task Workflows_describe_discount_and_bad_review()
    {
        var api = Agent;
        var discount = await api.Get("workflows/discount");
        // Agents may attempt a discount's approval; the supervisor gate decides per case (above the cap: 422).
        Assert.Contains(discount.Body!["transitions"]!.AsArray(), t =>
            t!["action"]!.GetValue<string>() == "approve" && t["roles"]!.AsArray().Select(r => r!.GetValue<string>()).SequenceEqual(["agent", "supervisor", "admin"]));
        Assert.Contains(discount.Body!["clocks"]!.AsArray(), c =>
            c!["kind"]!.GetValue<string>() == "discountPayout" && c["duration"]!.GetValue<double>() == 24 && c["unit"]!.GetValue<string>() == "hours");
        var review = await api.Get("workflows/badReview");
        Assert.Contains("appealFiled --> locked : appeal-rejected", review.Body!["mermaid"]!.GetValue<string>());
        Assert.Contains(review.Body["transitions"]!.AsArray(), t =>
            t!["action"]!.GetValue<string>() == "lock" && t["roles"]!.AsArray().Single()!.GetValue<string>() == "system");
    }
}

public sealed class SqliteDiscountAndReviewApiTests(SqliteApp app) : DiscountAndReviewApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresDiscountAndReviewApiTests(PostgresApp app) : DiscountAndReviewApiTests(app), IClassFixture<PostgresApp>;
