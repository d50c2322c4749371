using System.Net;
using System.Net.Sockets;

namespace Returns.Web.Features.Webhooks;

/// <summary>
/// Which addresses a webhook may be delivered to (issue 19, item 18): public ones only, so that a subscription cannot
/// make the service call its own host, the cloud's metadata service or the office network. Pure: the subscription
/// check and the connect-time check both ask it about every address a target resolves to.
/// </summary>
public static class WebhookTargetRule
{
    /// <summary>IPv4 networks that are not the public internet.</summary>
    private static readonly (uint Network, int Bits, string Why)[] InternalV4 =
    [
        (0x00000000, 8, "unspecified (0.0.0.0/8)"),
        (0x0A000000, 8, "private (10.0.0.0/8)"),
        (0x64400000, 10, "carrier-grade NAT (100.64.0.0/10)"),
        (0x7F000000, 8, "loopback (127.0.0.0/8)"),
        (0xA9FE0000, 16, "link-local (169.254.0.0/16)"),
        (0xAC100000, 12, "private (172.16.0.0/12)"),
        (0xC0000000, 24, "IETF protocol assignments (192.0.0.0/24)"),
        (0xC0A80000, 16, "private (192.168.0.0/16)"),
        (0xC6120000, 15, "benchmarking (198.18.0.0/15)"),
        (0xE0000000, 4, "multicast (224.0.0.0/4)"),
        (0xF0000000, 4, "reserved or broadcast (240.0.0.0/4)"),
    ];

    /// <summary>Why the address is not a public one, or null when a webhook may go there.</summary>
    public static string? Refusal(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork) return RefusalV4(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return "not an IP address";

        var bytes = address.GetAddressBytes();
        if (address.Equals(IPAddress.IPv6Any)) return "unspecified (::)";
        if (address.Equals(IPAddress.IPv6Loopback)) return "loopback (::1)";
        // An IPv4 address written as IPv6 is that IPv4 address: ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible),
        // 64:ff9b::a.b.c.d (NAT64) and 2002:aabb:ccdd:: (6to4) all lead to a.b.c.d.
        if (address.IsIPv4MappedToIPv6 || Zero(bytes, 0, 12) || Prefix(bytes, [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0]))
            return Embedded(bytes[12..16]);
        if (bytes[0] == 0x20 && bytes[1] == 0x02) return Embedded(bytes[2..6]);
        if (bytes[0] == 0xFF) return "multicast (ff00::/8)";
        if ((bytes[0] & 0xFE) == 0xFC) return "unique-local (fc00::/7)";
        if (bytes[0] == 0xFE && (bytes[1] & 0xC0) == 0x80) return "link-local (fe80::/10)";
        if (bytes[0] == 0xFE && (bytes[1] & 0xC0) == 0xC0) return "site-local (fec0::/10)";
        return null;
    }

    public static bool Allows(IPAddress address) => Refusal(address) is null;

    private static string? Embedded(byte[] v4) => RefusalV4(new IPAddress(v4)) is { } why ? $"{why}, written as IPv6" : null;

    private static string? RefusalV4(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        var value = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        foreach (var (network, bits, why) in InternalV4)
            if ((value & (uint.MaxValue << (32 - bits))) == network) return why;
        return null;
    }

    private static bool Zero(byte[] bytes, int from, int count) => bytes.AsSpan(from, count).IndexOfAnyExcept((byte)0) < 0;

    private static bool Prefix(byte[] bytes, byte[] prefix) => bytes.AsSpan().StartsWith(prefix);
}
