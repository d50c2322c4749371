using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Returns.Web.Features.Webhooks;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests.Hardening;

/// <summary>Issue 19, item 18: which addresses a webhook may go to, as a table (no network involved).</summary>
public sealed class WebhookTargetRuleTests
{
    [Theory]
    // Public addresses: allowed.
    [InlineData("93.184.216.34", true)]
    [InlineData("8.8.8.8", true)]
    [InlineData("172.15.255.255", true)]
    [InlineData("172.32.0.1", true)]
    [InlineData("100.63.255.255", true)]
    [InlineData("100.128.0.1", true)]
    [InlineData("192.169.0.1", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("::ffff:93.184.216.34", true)]
    // Loopback.
    [InlineData("127.0.0.1", false)]
    [InlineData("127.255.255.254", false)]
    [InlineData("::1", false)]
    // Unspecified.
    [InlineData("0.0.0.0", false)]
    [InlineData("0.1.2.3", false)]
    [InlineData("::", false)]
    // Private and carrier-grade NAT.
    [InlineData("10.0.0.1", false)]
    [InlineData("10.255.255.255", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("100.127.255.255", false)]
    // Link-local (the cloud metadata service).
    [InlineData("169.254.169.254", false)]
    [InlineData("fe80::1", false)]
    [InlineData("febf::1", false)]
    // Unique-local and the old site-local.
    [InlineData("fd00::1", false)]
    [InlineData("fc00::1", false)]
    [InlineData("fec0::1", false)]
    // Multicast and broadcast.
    [InlineData("224.0.0.1", false)]
    [InlineData("239.255.255.250", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("ff02::1", false)]
    // Internal IPv4 addresses written as IPv6: mapped, compatible, NAT64, 6to4.
    [InlineData("::ffff:169.254.169.254", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::ffff:0.0.0.0", false)]
    [InlineData("::169.254.169.254", false)]
    [InlineData("::10.0.0.1", false)]
    [InlineData("64:ff9b::a9fe:a9fe", false)]
    [InlineData("2002:a9fe:a9fe::1", false)]
    [InlineData("2002:5db8:d822::1", true)]
    public void A_webhook_may_go_to_public_addresses_only(string address, bool allowed) =>
        Assert.Equal(allowed, WebhookTargetRule.Allows(IPAddress.Parse(address)));

    [Fact]
    public void A_refusal_names_the_kind_of_address()
    {
        Assert.Equal("link-local (169.254.0.0/16), written as IPv6", WebhookTargetRule.Refusal(IPAddress.Parse("::ffff:169.254.169.254")));
        Assert.Equal("carrier-grade NAT (100.64.0.0/10)", WebhookTargetRule.Refusal(IPAddress.Parse("100.100.100.100")));
        Assert.Null(WebhookTargetRule.Refusal(IPAddress.Parse("93.184.216.34")));
    }
}

/// <summary>
/// Names resolve from a table the test sets, and "connecting" to any address reaches the test's own receiver on
/// 127.0.0.1 and is recorded: the service believes it talks to public hosts, and no packet leaves this machine.
/// </summary>
public sealed class TableNetwork : IWebhookNetwork
{
    public ConcurrentDictionary<string, IPAddress[]> Names { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every connection the service asked for, with the addresses it was allowed to use.</summary>
    public ConcurrentQueue<IPAddress[]> Connections { get; } = new();

    /// <summary>Where every connection really goes (a WebhookReceiver's port on 127.0.0.1).</summary>
    public int LoopbackPort { get; set; }

    public Task<IPAddress[]> Resolve(string host, CancellationToken ct) =>
        Names.TryGetValue(host, out var addresses) ? Task.FromResult(addresses) : throw new SocketException((int)SocketError.HostNotFound);

    public async Task<Stream> Connect(IReadOnlyList<IPAddress> addresses, int port, CancellationToken ct)
    {
        Connections.Enqueue(addresses.ToArray());
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, LoopbackPort, ct);
        return new NetworkStream(socket, ownsSocket: true);
    }
}

/// <summary>The service as installed: private targets refused, with the table network in place of DNS and sockets.</summary>
public interface IGuardedApp
{
    TableNetwork Network { get; }
}

public sealed class GuardedSqliteApp : SqliteApp, IGuardedApp
{
    public TableNetwork Network { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Returns:Webhooks:AllowPrivateTargets", "false");
        builder.ConfigureTestServices(s => s.AddSingleton<IWebhookNetwork>(Network));
    }
}

public sealed class GuardedPostgresApp : PostgresApp, IGuardedApp
{
    public TableNetwork Network { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Returns:Webhooks:AllowPrivateTargets", "false");
        builder.ConfigureTestServices(s => s.AddSingleton<IWebhookNetwork>(Network));
    }
}

/// <summary>
/// Issue 19, item 18: internal addresses were accepted as webhook targets (SSRF). They are refused when the
/// subscription is made (422 <c>webhook-target-not-allowed</c>), and again when a delivery connects, on the address
/// the name resolves to then, before any socket is opened.
/// </summary>
public abstract class WebhookTargetTests<TApp>(TApp app) : InputSuite(app) where TApp : ReturnsApp, IGuardedApp
{
    private Api Admin => App.Client(ReturnsApp.AdminEmail, "admin");

    private TableNetwork Network => app.Network;

    private Task<Reply> Subscribe(string url) => Admin.Post("webhooks", new JsonObject
    {
        ["url"] = url, ["events"] = new JsonArray("case.create"), ["secret"] = "target-secret-" + Guid.NewGuid().ToString("N"),
    });

    private async Task<int> Subscriptions() => (await Admin.Get("webhooks")).Body!.AsArray().Count;

    [SkippableTheory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::ffff:169.254.169.254]/latest/meta-data/")]
    [InlineData("http://[::ffff:a9fe:a9fe]/")]
    [InlineData("http://10.0.0.1/hook")]
    [InlineData("https://192.168.1.1/hook")]
    [InlineData("http://172.16.5.4:8080/hook")]
    [InlineData("http://100.64.0.1/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://127.0.0.1:5080/api/v1/admin/users")]
    [InlineData("http://2130706433/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://224.0.0.1/hook")]
    [InlineData("http://255.255.255.255/hook")]
    public async Task An_internal_address_as_target_is_422_and_nothing_is_subscribed(string url)
    {
        _ = Agent;
        var before = await Subscriptions();

        var reply = await Subscribe(url);

        AssertProblem(reply, HttpStatusCode.UnprocessableEntity, "webhook-target-not-allowed");
        Assert.Equal(before, await Subscriptions());
    }

    [SkippableFact]
    public async Task A_name_that_resolves_to_an_internal_address_is_422()
    {
        _ = Agent;
        Network.Names["intranet.partner.test"] = [IPAddress.Parse("93.184.216.34"), IPAddress.Parse("10.0.0.1")];
        Network.Names["localhost"] = [IPAddress.Loopback, IPAddress.IPv6Loopback];

        AssertProblem(await Subscribe("https://intranet.partner.test/hook"), HttpStatusCode.UnprocessableEntity, "webhook-target-not-allowed");
        AssertProblem(await Subscribe("http://localhost:8080/hook"), HttpStatusCode.UnprocessableEntity, "webhook-target-not-allowed");
    }

    [SkippableFact]
    public async Task A_public_target_is_subscribed_and_delivered_to()
    {
        _ = Agent;
        await using var receiver = await WebhookReceiver.Start();
        Network.LoopbackPort = new Uri(receiver.Url).Port;
        Network.Names["hooks.public.test"] = [IPAddress.Parse("93.184.216.34")];
        var subscribed = await Subscribe("http://hooks.public.test/hook");
        Assert.True(subscribed.Status == HttpStatusCode.Created, subscribed.ToString());

        var id = (await Agent.Create(Bodies.Case(reason: "nonQuality.changedMind"))).Id;
        await App.Dispatch();

        Assert.Contains(receiver.Deliveries, d => JsonNode.Parse(d.Body)!["caseId"]!.GetValue<string>() == id.ToString());
        Assert.Contains(Network.Connections, c => c.SequenceEqual([IPAddress.Parse("93.184.216.34")]));
    }

    [SkippableFact]
    public async Task A_name_that_resolves_to_an_internal_address_at_delivery_is_refused_before_any_socket_opens()
    {
        _ = Agent;
        await using var receiver = await WebhookReceiver.Start();
        Network.LoopbackPort = new Uri(receiver.Url).Port;
        var host = $"rebind-{Guid.NewGuid():N}.public.test";
        Network.Names[host] = [IPAddress.Parse("93.184.216.34")];
        var subscribed = await Subscribe($"http://{host}/hook");
        Assert.True(subscribed.Status == HttpStatusCode.Created, subscribed.ToString());
        var subscription = subscribed.Body!["subscription"]!["id"]!.GetValue<string>();
        await App.Dispatch();

        // DNS rebinding: the name now points inside.
        Network.Names[host] = [IPAddress.Parse("10.0.0.1")];
        await Agent.Create(Bodies.Case(reason: "nonQuality.changedMind"));
        await App.Dispatch();

        var internalAddress = IPAddress.Parse("10.0.0.1");
        Assert.DoesNotContain(Network.Connections, c => c.Contains(internalAddress));
        var attempt = (await Admin.Get($"webhooks/{subscription}/deliveries")).Body!.AsArray().First()!;
        Assert.DoesNotContain(receiver.Deliveries, d => d.DeliveryId == attempt["id"]!.GetValue<string>());
        Assert.Equal("pending", attempt["status"]!.GetValue<string>());
        Assert.Equal(1, attempt["attempts"]!.GetValue<int>());
        Assert.Contains("not allowed", attempt["lastError"]!.GetValue<string>());
        Assert.Contains("10.0.0.1", attempt["lastError"]!.GetValue<string>());
    }
}

public sealed class SqliteWebhookTargetTests(GuardedSqliteApp app) : WebhookTargetTests<GuardedSqliteApp>(app), IClassFixture<GuardedSqliteApp>;

public sealed class PostgresWebhookTargetTests(GuardedPostgresApp app) : WebhookTargetTests<GuardedPostgresApp>(app), IClassFixture<GuardedPostgresApp>;
