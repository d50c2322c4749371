using Microsoft.AspNetCore.Identity;

namespace Returns.Data.Security;

/// <summary>A person who signs in to the console: agent, supervisor, warehouse or admin (one role each).</summary>
public sealed class ReturnsUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// One signed-in session of a person. Its id rides in the session cookie and every request must find the row: signing
/// out deletes it, so a saved cookie replayed afterwards is refused on every node at once.
/// </summary>
public sealed class UserSession
{
    /// <summary>128 random bits, hex.</summary>
    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When a request last used it (to the nearest few minutes): idle sessions end, and are purged.</summary>
    public DateTimeOffset LastSeenAt { get; set; }
}

/// <summary>
/// An integration's key: shown once, stored as a SHA-256 hash, with scopes and an optional shop restriction.
/// The key text is <c>rk_{prefix}_{secret}</c>; the prefix finds the row, the hash proves the secret.
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }

    /// <summary>Unique among all keys, revoked ones too: the timeline names the key as <c>key:&lt;name&gt;</c>.</summary>
    public string Name { get; set; } = "";
    public string Prefix { get; set; } = "";
    public string SecretHash { get; set; } = "";
    public List<string> Scopes { get; set; } = [];
    public string? Shop { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsActive => RevokedAt is null;
}

/// <summary>The first answer to a POST with an Idempotency-Key, kept 24 h so a retry gets it again.</summary>
public sealed class IdempotencyRecord
{
    public string Principal { get; set; } = "";
    public string Key { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public bool Completed { get; set; }
    public int StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public string? ETag { get; set; }
    public byte[] Body { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>Where an integration wants case events delivered, signed with its secret.</summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; set; }
    public string Url { get; set; } = "";

    /// <summary>Event names (e.g. <c>case.approve</c>, <c>notification.created</c>) or <c>*</c> for all.</summary>
    public List<string> Events { get; set; } = [];
    public string Secret { get; set; } = "";
    public bool Active { get; set; } = true;
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The shop whose events it receives (set from a shop-restricted key), or null for every shop.</summary>
    public string? Shop { get; set; }

    public bool Wants(string eventType) => Events.Contains("*") || Events.Contains(eventType);

    /// <summary>A shop-bound subscription hears only its shop's cases; an event of no case only reaches unbound ones.</summary>
    public bool Hears(string? eventShop) => Shop is null || string.Equals(Shop, eventShop, StringComparison.Ordinal);
}

public enum DeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>One event on its way to one subscription: attempts, backoff, outcome — the delivery log.</summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; }
    public Guid SubscriptionId { get; set; }
    public long OutboxId { get; set; }

    /// <summary>The case the event is about: a subscription gets one case's events one at a time, in the order they happened.</summary>
    public Guid? CaseId { get; set; }
    public string EventType { get; set; } = "";
    public string Payload { get; set; } = "";
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
}
