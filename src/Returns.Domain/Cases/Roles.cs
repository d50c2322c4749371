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

/// <summary>A person the service knows, as a case sees them: their user name, role, and whether they may still sign in.</summary>
public sealed record Person(string UserName, Role Role, bool Active);

/// <summary>
/// Reminders and escalations go to a case's assignee, so the assignee must be someone who can act on them: an active
/// agent or supervisor (people are not restricted to shops, so every one of them may work every shop's cases).
/// </summary>
public static class AssigneeRule
{
    private static readonly IReadOnlySet<Role> MayWorkCases = new HashSet<Role> { Role.Agent, Role.Supervisor };

    /// <summary>The assignee's user name as stored, or 422 <c>unknown-assignee</c>; <paramref name="person"/> is who the name found, if anyone.</summary>
    public static string Resolve(string requested, Person? person) =>
        person is { Active: true } && MayWorkCases.Contains(person.Role)
            ? person.UserName
            : throw new PolicyViolationException(PolicyCodes.UnknownAssignee,
                $"'{requested}' is not an active agent or supervisor: nobody would receive the case's reminders.");
}
