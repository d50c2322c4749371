using Returns.Domain.Policies;

namespace Returns.Domain.Cases;

/// <summary>Who acts, when, under which shop rules: what every case action needs, clocks included.</summary>
public sealed record ActionContext
{
    public ActionContext(Actor actor, DateTimeOffset now, ShopPolicy policy)
    {
        Actor = actor;
        Now = Instants.Stored(now);
        Policy = policy;
    }

    public Actor Actor { get; }

    /// <summary>The instant of the action, UTC, to the microsecond (see <see cref="Instants.Stored"/>).</summary>
    public DateTimeOffset Now { get; }

    public ShopPolicy Policy { get; }

    /// <summary>The same moment and rules, as someone else (the system acting on a clock, for instance).</summary>
    public ActionContext As(Actor actor) => new(actor, Now, Policy);
}

public static class Instants
{
    /// <summary>
    /// UTC, cut to whole microseconds: the finest instant every provider keeps (PostgreSQL stores microseconds),
    /// so a case answered from memory is the case a later read returns.
    /// </summary>
    public static DateTimeOffset Stored(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % 10, TimeSpan.Zero);
    }
}
