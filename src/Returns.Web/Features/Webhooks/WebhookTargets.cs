using System.Net;
using System.Net.Sockets;
using Returns.Web.Infrastructure;

namespace Returns.Web.Features.Webhooks;

/// <summary>Name resolution and connecting, for webhook deliveries only: a seam so that a test never leaves this machine.</summary>
public interface IWebhookNetwork
{
    Task<IPAddress[]> Resolve(string host, CancellationToken ct);

    /// <summary>Opens a connection to the first of <paramref name="addresses"/> that answers.</summary>
    Task<Stream> Connect(IReadOnlyList<IPAddress> addresses, int port, CancellationToken ct);
}

public sealed class SystemNetwork : IWebhookNetwork
{
    public Task<IPAddress[]> Resolve(string host, CancellationToken ct) => Dns.GetHostAddressesAsync(host, ct);

    public async Task<Stream> Connect(IReadOnlyList<IPAddress> addresses, int port, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses.ToArray(), port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>
/// Webhook targets must be public (issue 19, item 18; <see cref="WebhookTargetRule"/>): checked when a subscription is
/// made, and again each time a delivery connects, on the addresses the name resolves to then (a name may resolve to
/// an internal address later). <c>Returns:Webhooks:AllowPrivateTargets</c> lets an on-premises installation, or a test,
/// reach its own hosts.
/// </summary>
public sealed class WebhookTargets(IWebhookNetwork network, IConfiguration configuration)
{
    public const string AllowPrivateTargetsKey = "Returns:Webhooks:AllowPrivateTargets";

    public const string NotAllowedCode = "webhook-target-not-allowed";

    private readonly bool _allowPrivate = configuration.GetValue(AllowPrivateTargetsKey, false);

    /// <summary>Refuses (422) a URL whose host is, or resolves to, an address that is not public.</summary>
    public async Task CheckSubscription(Uri url, CancellationToken ct)
    {
        if (_allowPrivate) return;
        IPAddress[] addresses;
        try
        {
            addresses = await AddressesOf(url.IdnHost, ct);
        }
        catch (SocketException)
        {
            // Unknown today is not internal; the connect-time check still guards every delivery.
            return;
        }
        if (addresses.Select(WebhookTargetRule.Refusal).FirstOrDefault(r => r is not null) is { } why)
            throw new ProblemException(422, NotAllowedCode, "Webhook target not allowed",
                $"Webhooks go to public addresses only; {url.Host} is {why}.");
    }

    /// <summary>The handler's connect callback: only to public addresses, checked before any socket is opened.</summary>
    public async ValueTask<Stream> Connect(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = await AddressesOf(host, ct);
        var allowed = _allowPrivate ? addresses : addresses.Where(WebhookTargetRule.Allows).ToArray();
        if (allowed.Length == 0)
            throw new HttpRequestException(HttpRequestError.ConnectionError,
                $"Webhook target not allowed: {host} resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}, not a public address.");
        return await network.Connect(allowed, context.DnsEndPoint.Port, ct);
    }

    /// <summary>The handler for webhook deliveries: no proxy (it would connect for us), no redirects (a 3xx is a failed attempt).</summary>
    public SocketsHttpHandler Handler() => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = Connect,
    };

    private async Task<IPAddress[]> AddressesOf(string host, CancellationToken ct)
    {
        var literal = host.StartsWith('[') ? host.Trim('[', ']') : host;
        return IPAddress.TryParse(literal, out var address) ? [address] : await network.Resolve(host, ct);
    }
}
