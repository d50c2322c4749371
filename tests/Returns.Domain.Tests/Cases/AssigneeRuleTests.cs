using Returns.Domain.Cases;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Cases;

/// <summary>Issue 19, item 12: reminders go to the assignee, so only an active agent or supervisor can be one.</summary>
public sealed class AssigneeRuleTests
{
    public static TheoryData<Person?> NobodyToRemind => new()
    {
        null,
        new Person("li.na", Role.Agent, Active: false),
        new Person("cang.ku", Role.Warehouse, Active: true),
        new Person("admin", Role.Admin, Active: true),
    };

    [Theory]
    [MemberData(nameof(NobodyToRemind))]
    public void A_case_is_not_assigned_to_someone_who_cannot_work_it(Person? person)
    {
        var builder = new CaseBuilder();
        var @case = builder.Open();

        var error = Assert.Throws<PolicyViolationException>(() => @case.Assign("li.na", person, builder.At(Actors.Agent)));

        Assert.Equal(PolicyCodes.UnknownAssignee, error.Code);
        Assert.Null(@case.Assignee);
        Assert.Equal(1, @case.Version);
    }

    [Theory]
    [InlineData(Role.Agent)]
    [InlineData(Role.Supervisor)]
    public void An_active_agent_or_supervisor_is_assigned_under_their_own_user_name(Role role)
    {
        var builder = new CaseBuilder();
        var @case = builder.Open();

        @case.Assign("LI.NA", new Person("li.na", role, Active: true), builder.At(Actors.Agent));

        Assert.Equal("li.na", @case.Assignee);
    }

    [Fact]
    public void A_case_is_not_logged_for_an_unknown_assignee()
    {
        var builder = new CaseBuilder();
        var opening = builder.Opening() with { Assignee = "nobody-x" };

        var error = Assert.Throws<PolicyViolationException>(() => Case.Open(opening, 1, builder.At(Actors.Agent), assignee: null));

        Assert.Equal(PolicyCodes.UnknownAssignee, error.Code);
    }
}
