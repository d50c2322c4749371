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

    public bool IsSupervisor => Role is Role.Supervisor or Role.Admin;
}
