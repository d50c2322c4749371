using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Returns.Data;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests;

/// <summary>Own app instances: these tests move the fake clock by days.</summary>
public sealed class SqliteJobsApp : SqliteApp;

/// <summary>
/// The deadline sweep walked through whole case lives with a FakeTimeProvider: every reminder, escalation and
/// automatic outcome happens at its time, exactly once, and the timeline explains it.
/// </summary>
public abstract class DeadlineJobTests(ReturnsApp app)
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

    /// <summary>Moves the clock to 10:00 Shanghai (02:00Z) of the next day, inside business hours.</summary>
    private void StartOfNextBusinessMorning()
    {
        var next = new DateTimeOffset(Now.UtcDateTime.Date.AddDays(1).AddHours(2), TimeSpan.Zero);
        app.Clock.SetUtcNow(next);
    }

    private void Advance(TimeSpan by) => app.Clock.Advance(by);

    private async Task<Guid> CreateReturn(string reason = "nonQuality.changedMind")
    {
        var reply = await Agent.Create(Bodies.Case(reason: reason, deliveredAt: Now.AddDays(-1)));
        Assert.True(reply.Status == HttpStatusCode.Created, reply.ToString());
        return reply.Id;
    }

    private async Task<List<JsonNode>> NotificationsFor(Guid caseId, Api reader)
    {
        var list = await reader.Get("notifications?limit=200");
        return list.Body!["items"]!.AsArray().Where(n => n!["caseId"]!.GetValue<string>() == caseId.ToString()).Select(n => n!).ToList();
    }

    private static IEnumerable<(string Kind, string Deadline)> Summary(IEnumerable<JsonNode> notifications) =>
        notifications.Select(n => (n["kind"]!.GetValue<string>(), n["deadline"]!.GetValue<string>())).Reverse();

    private async Task<string> StateOf(Guid caseId, string kind)
    {
        var deadlines = (await Agent.Case(caseId)).Body!["deadlines"]!.AsArray();
        return deadlines.Last(d => d!["kind"]!.GetValue<string>() == kind)!["state"]!.GetValue<string>();
    }

    [SkippableFact]
    public async Task Undecided_return_is_escalated_then_auto_approved_then_expires_each_step_once()
    {
        _ = Agent;
        StartOfNextBusinessMorning();
        var id = await CreateReturn();
        var created = await Agent.Case(id);
        Assert.Contains(created.Body!["deadlines"]!.AsArray(), d => d!["kind"]!.GetValue<string>() == "sellerDecision" && d["state"]!.GetValue<string>() == "pending");

        // First touch: 2 business hours, warned at 75 %.
        Advance(TimeSpan.FromMinutes(90));
        var first = await app.Sweep();
        Assert.True(first.Processed >= 1 && first.Failed == 0, first.ToString());
        await app.Sweep();
        Advance(TimeSpan.FromMinutes(30));
        await app.Sweep();
        Assert.Equal("breached", await StateOf(id, "firstTouch"));

        // Seller decision: warned 24 h and 4 h before, auto-approved by the platform at 48 h.
        Advance(TimeSpan.FromHours(22));
        await app.Sweep();
        Advance(TimeSpan.FromHours(20));
        await app.Sweep();
        Advance(TimeSpan.FromHours(4));
        await app.Sweep();
        await app.Sweep();
        var approved = await Agent.Case(id);
        Assert.Equal("awaitingReturnShipment", approved.CaseStatus);

        // The buyer never ships: warned on day 3 and 6, expired on day 7.
        Advance(TimeSpan.FromDays(3));
        await app.Sweep();
        Advance(TimeSpan.FromDays(3));
        await app.Sweep();
        Advance(TimeSpan.FromDays(1));
        await app.Sweep();
        await app.Sweep();
        Assert.Equal("expired", (await Agent.Case(id)).CaseStatus);

        var notifications = await NotificationsFor(id, Supervisor);
        Assert.Equal(
            [
                ("reminder", "firstTouch"), ("escalation", "firstTouch"),
                ("reminder", "sellerDecision"), ("reminder", "sellerDecision"), ("automaticOutcome", "sellerDecision"),
                ("reminder", "buyerShipsReturn"), ("reminder", "buyerShipsReturn"), ("automaticOutcome", "buyerShipsReturn"),
            ],
            Summary(notifications));

        var timeline = await Agent.Timeline(id);
        Assert.Equal(["create", "escalate", "approve", "expire"], timeline.Select(e => e!["action"]!.GetValue<string>()));
        Assert.All(timeline.Skip(1), e => Assert.Equal("system", e!["actor"]!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task Receipt_not_confirmed_in_ten_days_is_escalated_on_day_seven_and_refunded_by_the_platform()
    {
        _ = Agent;
        StartOfNextBusinessMorning();
        var id = await CreateReturn("quality.defective");
        await Agent.UploadEvidence(id, Api.Jpeg);
        Assert.Equal(HttpStatusCode.OK, (await Agent.Act(id, "approve")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Agent.Act(id, "record-return-shipment",
            new { carrier = "SF", trackingNumber = "SFJOB" + id.ToString("N")[^8..], postage = 12.00m, freightCollect = false })).Status);
        Assert.Equal("met", await StateOf(id, "sellerDecision"));
        Assert.Equal("met", await StateOf(id, "firstTouch"));

        Advance(TimeSpan.FromDays(7));
        await app.Sweep();
        Advance(TimeSpan.FromDays(3));
        await app.Sweep();
        await app.Sweep();

        var refunded = await Agent.Case(id);
        Assert.Equal("completed", refunded.CaseStatus);
        Assert.Equal(211.00m, refunded.Body!["amounts"]!["refunded"]!.GetValue<decimal>());
        Assert.Equal("platform-auto-refund", refunded.Body["refunds"]![0]!["reference"]!.GetValue<string>());
        Assert.Equal(
            [("escalation", "sellerConfirmsReceipt"), ("automaticOutcome", "sellerConfirmsReceipt")],
            Summary(await NotificationsFor(id, Supervisor)).Where(n => n.Deadline == "sellerConfirmsReceipt"));
        Assert.Equal("platform-refund", (await Agent.Timeline(id))[^1]!["action"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Bad_review_chases_the_buyer_escalates_after_three_unanswered_calls_and_locks_after_thirty_days()
    {
        var api = Agent;
        StartOfNextBusinessMorning();
        var body = Bodies.Case(reason: "quality.defective");
        body["type"] = "badReview";
        body.Remove("reason");
        body.Remove("items");
        body["assignee"] = "agent.zhang";
        body["review"] = new JsonObject { ["rating"] = "bad", ["content"] = "差评", ["postedAt"] = Now.ToString("O") };
        var id = (await api.Create(body)).Id;

        // First contact within 24 h: reminded at 18 h.
        Advance(TimeSpan.FromHours(18));
        await app.Sweep();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.Act(id, "contact-buyer", new { channel = "phone", outcome = "noAnswer" })).Status);
            Advance(TimeSpan.FromHours(24));
            await app.Sweep();
        }
        // Day 12: explanation warning; day 15: escalation; days 20 and 27: revision reminders; day 30: locked.
        var posted = DateTimeOffset.Parse((await api.Case(id)).Body!["review"]!["postedAt"]!.GetValue<string>());
        foreach (var day in new[] { 12, 15, 20, 27, 30 })
        {
            app.Clock.SetUtcNow(posted.AddDays(day));
            await app.Sweep();
        }
        await app.Sweep();

        Assert.Equal("locked", (await api.Case(id)).CaseStatus);
        var mine = Summary(await NotificationsFor(id, api)).ToList();
        var supervisors = Summary(await NotificationsFor(id, Supervisor)).Where(n => n.Kind == "escalation").ToList();
        Assert.Equal(
            [
                ("reminder", "badReviewFirstContact"),
                ("reminder", "contactChaser"), ("reminder", "contactChaser"),
                ("reminder", "badReviewExplanation"),
                ("reminder", "badReviewRevision"), ("reminder", "badReviewRevision"), ("automaticOutcome", "badReviewRevision"),
            ],
            mine);
        Assert.Equal([("escalation", "firstTouch"), ("escalation", "contactChaser"), ("escalation", "badReviewExplanation")], supervisors);
    }

    [SkippableFact]
    public async Task Handover_lists_what_the_incoming_shift_must_pick_up_bad_reviews_first_then_breached()
    {
        var api = Agent;
        StartOfNextBusinessMorning();
        var shop = "handover-" + Guid.NewGuid().ToString("N")[..6];
        var breached = Bodies.Case(reason: "nonQuality.changedMind", deliveredAt: Now.AddDays(-1));
        breached["shop"] = shop;
        var breachedId = (await api.Create(breached)).Id;
        Advance(TimeSpan.FromHours(3));
        await app.Sweep();

        var review = Bodies.Case(reason: "quality.defective");
        review["type"] = "badReview";
        review["shop"] = shop;
        review.Remove("reason");
        review.Remove("items");
        review["assignee"] = "agent.zhang";
        review["review"] = new JsonObject { ["rating"] = "medium", ["content"] = "一般", ["postedAt"] = Now.ToString("O") };
        var reviewId = (await api.Create(review)).Id;

        var handover = await api.Get("handover?shift=evening");
        Assert.Equal(HttpStatusCode.OK, handover.Status);
        Assert.Equal("evening", handover.Body!["shift"]!["name"]!.GetValue<string>());
        var mine = handover.Body["items"]!.AsArray().Where(i => i!["case"]!["shop"]!.GetValue<string>() == shop).ToList();
        Assert.Equal([reviewId, breachedId], mine.Select(i => Guid.Parse(i!["case"]!["id"]!.GetValue<string>())));
        Assert.Contains("breached", mine[1]!["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Contains("unassigned", mine[1]!["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Contains("dueInShift", mine[0]!["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.BadRequest, (await api.Get("handover?shift=midnight")).Status);
        var overdue = await api.Get($"cases?shop={shop}&overdue=true");
        Assert.Equal([breachedId], overdue.Body!["items"]!.AsArray().Select(i => Guid.Parse(i!["id"]!.GetValue<string>())));
    }

    [SkippableFact]
    public async Task Notifications_are_read_by_their_recipients_and_marked_read()
    {
        var api = Agent;
        StartOfNextBusinessMorning();
        var id = await CreateReturn();
        Advance(TimeSpan.FromMinutes(90));
        await app.Sweep();

        Assert.Empty(await NotificationsFor(id, api));
        var supervisor = Supervisor;
        var reminder = Assert.Single(await NotificationsFor(id, supervisor));
        var before = (await supervisor.Get("notifications?unread=true")).Body!["unread"]!.GetValue<int>();
        var read = await supervisor.Post($"notifications/{reminder["id"]}/read", "{}");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.NotNull(read.Body!["readAt"]);
        Assert.Equal(before - 1, (await supervisor.Get("notifications?unread=true")).Body!["unread"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await api.Post($"notifications/{reminder["id"]}/read", "{}")).Status);
    }

    [SkippableFact]
    public async Task Sweep_with_nothing_due_processes_nothing()
    {
        _ = Agent;
        StartOfNextBusinessMorning();
        await app.Sweep();
        var quiet = await app.Sweep();
        Assert.Equal(0, quiet.Processed);
        Assert.Equal(0, quiet.Failed);
    }
}

public sealed class SqliteDeadlineJobTests(SqliteJobsApp app) : DeadlineJobTests(app), IClassFixture<SqliteJobsApp>;

public sealed class PostgresDeadlineJobTests(PostgresApp app) : DeadlineJobTests(app), IClassFixture<PostgresApp>;
