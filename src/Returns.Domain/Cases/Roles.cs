namespace Returns.Domain.Cases;

/// <summary>Who acts. Supervisors approve what exceeds an agent's authority (docs/business-rules.md §5.2).</summary>
public enum Role
{
    Agent,
    Supervisor,
    Warehouse,
    Admin,
    System,
}

/// <summary>The person or integration performing an action, as recorded in the timeline.</summary>
public sealed record Actor(string Name, Role Role)
{
    public static readonly Actor System = new("system", Role.System);

    /// <summary>An integration acts on the timeline as <c>key:&lt;its name&gt;</c>.</summary>
    public const string KeyPrefix = "key:";

    public static string KeyName(string keyName) => KeyPrefix + keyName;

    /// <summary>
    /// A person may not be named like the automatic steps (<c>system</c>, in any case) or like a key (<c>key:…</c>):
    /// the timeline's actor must say truly who acted.
    /// </summary>
    public static bool IsReservedForPeople(string name) =>
        string.Equals(name.Trim(), System.Name, StringComparison.OrdinalIgnoreCase)
        || name.TrimStart().StartsWith(KeyPrefix, StringComparison.OrdinalIgnoreCase);

    public bool IsSupervisor => Role is Role.Supervisor or Role.Admin;
}
