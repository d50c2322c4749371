using System.Globalization;

namespace Returns.Domain;

/// <summary>
/// How long a text is, as the person who typed it sees it: a limit of 500 fits 500 emoji or 500 汉字, not 250.
/// One rule for every text limit (the API's validators, the domain's own checks, the columns that store them).
/// </summary>
public static class Text
{
    /// <summary>
    /// A character may take up to this many UTF-16 units in storage: every emoji with a skin tone or a flag, and the
    /// common ZWJ sequences (👩🏽‍💻). A text that needs more per character (stacked combining marks) is too long
    /// once it outgrows the room its limit reserves, so a column of <see cref="StoredLength"/> always holds it.
    /// </summary>
    public const int MaxUnitsPerCharacter = 8;

    /// <summary>Characters as people see them: extended grapheme clusters (UAX #29).</summary>
    public static int Length(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary>At most <paramref name="max"/> characters (and at most the room they are stored in).</summary>
    public static bool FitsIn(string text, int max) =>
        text.Length <= max || (text.Length <= StoredLength(max) && Length(text) <= max);

    /// <summary>The UTF-16 units a column needs for a text of at most <paramref name="max"/> characters.</summary>
    public static int StoredLength(int max) => max * MaxUnitsPerCharacter;

    /// <summary>No NUL or other control characters (C0, DEL, C1): nobody types them, and some stores cannot hold NUL.</summary>
    public static bool HasControlCharacters(string text) => text.AsSpan().ContainsAnyInRange('\u0000', '\u001F')
        || text.AsSpan().ContainsAnyInRange('\u007F', '\u009F');
}
