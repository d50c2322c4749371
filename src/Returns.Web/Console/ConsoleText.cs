using System.Globalization;

namespace Returns.Web.Console;

/// <summary>
/// The console's words: Simplified Chinese first, English second (resource files Console/Resources/*.resx).
/// The type is the key of IStringLocalizer&lt;ConsoleText&gt;.
/// </summary>
public sealed class ConsoleText
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];
}

/// <summary>Times are stored in UTC and shown to people in the shop's time zone (Asia/Shanghai by default).</summary>
public sealed class ShopClock(IConfiguration configuration)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(configuration["Returns:Policies:Default:TimeZone"] ?? "Asia/Shanghai");

    public string Format(DateTimeOffset? at) => at is null ? "—" : TimeZoneInfo.ConvertTime(at.Value, _zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public string Zone => _zone.Id;

    /// <summary>The zone as people call it (北京时间 for Asia/Shanghai); its id when the console has no name for it.</summary>
    public string Name(Microsoft.Extensions.Localization.IStringLocalizer localizer) =>
        localizer["Zone." + Zone] is { ResourceNotFound: false } name ? name.Value : Zone;
}
