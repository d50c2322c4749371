using System.Collections.Concurrent;

namespace Returns.Web.Infrastructure.Security;

/// <summary>
/// The keys this node saw in the last 5 seconds, by hash, so that a busy integration does not cost a database read per
/// request. A key revoked on this node stops working here at once (<see cref="Revoked"/>); other nodes read the
/// revocation from the database within <see cref="Lifetime"/>.
/// </summary>
public sealed class ApiKeyCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private const int MaxEntries = 10_000;

    /// <summary>What a request needs of a key; null for a hash that matches no active key.</summary>
    public sealed record Entry(Guid Id, string Name, IReadOnlyList<string> Scopes, string? Shop);

    private sealed record Slot(Entry? Key, long ExpiresAt);

    private readonly ConcurrentDictionary<string, Slot> _byHash = new(StringComparer.Ordinal);

    /// <summary>Wall time, not the injected business clock: a cached key must expire in real seconds.</summary>
    private static long Now => Environment.TickCount64;

    public bool TryGet(string hash, out Entry? key)
    {
        if (_byHash.TryGetValue(hash, out var slot) && slot.ExpiresAt > Now)
        {
            key = slot.Key;
            return true;
        }
        key = null;
        return false;
    }

    public void Remember(string hash, Entry? key)
    {
        // Random hashes (guessing) must not grow the cache without bound.
        if (_byHash.Count >= MaxEntries) _byHash.Clear();
        _byHash[hash] = new Slot(key, Now + (long)Lifetime.TotalMilliseconds);
    }

    /// <summary>
    /// The key was revoked here: refuse it at once, and for a lifetime after, so that no request that read the row before
    /// the revocation committed can cache it as active again.
    /// </summary>
    public void Revoked(string hash) => _byHash[hash] = new Slot(null, Now + 2 * (long)Lifetime.TotalMilliseconds);
}
