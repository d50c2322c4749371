using Returns.Domain.Cases;

namespace Returns.Domain.Tests.Cases;

/// <summary>Issue 19, item 8: the timeline's actor names the automatic steps, a key or a person, never one posing as another.</summary>
public sealed class ActorNameTests
{
    [Theory]
    [InlineData("system")]
    [InlineData("System")]
    [InlineData("SYSTEM")]
    [InlineData("sYsTeM")]
    [InlineData("key:erp")]
    [InlineData("KEY:erp")]
    [InlineData("Key:")]
    public void A_person_cannot_be_named_like_the_system_or_a_key(string name) =>
        Assert.True(Actor.IsReservedForPeople(name));

    [Theory]
    [InlineData("systems")]
    [InlineData("system.admin")]
    [InlineData("zhangsan")]
    [InlineData("keyholder")]
    [InlineData("key.erp")]
    public void Other_names_are_free_for_people(string name) =>
        Assert.False(Actor.IsReservedForPeople(name));

    [Fact]
    public void A_key_acts_under_the_reserved_prefix() =>
        Assert.True(Actor.IsReservedForPeople(Actor.KeyName("erp")));
}
