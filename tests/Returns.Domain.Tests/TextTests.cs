using Returns.Domain;

namespace Returns.Domain.Tests;

/// <summary>Issue 19, item 17: a text limit counts characters as people see them, not UTF-16 units.</summary>
public sealed class TextTests
{
    private static string Repeat(string character, int times) => string.Concat(Enumerable.Repeat(character, times));

    [Theory]
    [InlineData("😀")]
    [InlineData("👍🏽")]
    [InlineData("🇨🇳")]
    [InlineData("👩🏽‍💻")]
    [InlineData("e\u0301")]
    [InlineData("字")]
    public void Five_hundred_characters_fit_a_limit_of_500_and_501_do_not(string character)
    {
        Assert.Equal(500, Text.Length(Repeat(character, 500)));
        Assert.True(Text.FitsIn(Repeat(character, 500), 500));
        Assert.False(Text.FitsIn(Repeat(character, 501), 500));
    }

    [Fact]
    public void A_character_stacked_past_the_room_its_limit_reserves_does_not_fit()
    {
        var stacked = "e" + new string('\u0301', Text.StoredLength(10));
        Assert.Equal(1, Text.Length(stacked));
        Assert.False(Text.FitsIn(stacked, 10));
    }

    [Theory]
    [InlineData("photo\0.jpg", true)]
    [InlineData("photo\u0007.jpg", true)]
    [InlineData("photo\u0085.jpg", true)]
    [InlineData("照片 1.jpg", false)]
    public void Control_characters_are_found(string text, bool found) => Assert.Equal(found, Text.HasControlCharacters(text));
}
