using Returns.Domain.Cases;

namespace Returns.Domain.Tests.Support;

/// <summary>The people and integrations that act on cases in these tests.</summary>
internal static class Actors
{
    public static readonly Actor Agent = new("wang.fang", Role.Agent);
    public static readonly Actor Supervisor = new("zhao.lei", Role.Supervisor);
    public static readonly Actor Admin = new("admin", Role.Admin);
    public static readonly Actor Warehouse = new("cang.ku", Role.Warehouse);
    public static readonly Actor System = Actor.System;

    /// <summary>An active agent named <paramref name="userName"/>, as the people directory finds them.</summary>
    public static Person ActiveAgent(string userName) => new(userName, Role.Agent, true);
}
