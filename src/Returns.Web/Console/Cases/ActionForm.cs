using System.Reflection;
using Returns.Domain.Cases;
using Returns.Web.Features.Cases;
using Returns.Web.Features.Cases.Actions;

namespace Returns.Web.Console.Cases;

/// <summary>
/// One field of an action's form, taken from the action's body record (the API's request): the form posts the JSON
/// names, so <see cref="ConsoleForms"/> reads it back into the same record.
/// </summary>
public sealed record ActionField(string Name, FieldKind Kind, IReadOnlyList<string> Options, string? Value);

public enum FieldKind
{
    Text,
    LongText,
    Number,
    Check,
    Choice,
    Evidence,
    CaseNumber,
    ReceivedItems,

    /// <summary>A date and time in the shop's time zone.</summary>
    DateTime,
}

public static class ActionForm
{
    private static readonly HashSet<string> LongTexts = ["reason", "message", "text", "note", "evidence"];

    /// <summary>The fields of <paramref name="route"/>'s body, with the defaults a person would type for this case.</summary>
    public static IReadOnlyList<ActionField> Fields(CaseActionRoute route, CaseView @case, string? me) =>
        route.Body.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p =>
        {
            var name = char.ToLowerInvariant(p.Name[0]) + p.Name[1..];
            var type = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            // A reject offers the codes the case may be refused with now (none on a discount, which has no code).
            if (type == typeof(RejectionCode))
                return @case.RejectionCodes.Count == 0 ? null
                    : new ActionField(name, FieldKind.Choice, @case.RejectionCodes.Select(c => ConsoleEnum.Camel(c)).ToList(), null);
            if (type.IsEnum)
                return new ActionField(name, FieldKind.Choice, Enum.GetValues(type).Cast<Enum>().Select(ConsoleEnum.Camel).ToList(), null);
            if (type == typeof(bool)) return new ActionField(name, FieldKind.Check, [], null);
            if (type == typeof(DateTimeOffset)) return new ActionField(name, FieldKind.DateTime, [], null);
            if (type == typeof(decimal) || type == typeof(int))
                return new ActionField(name, FieldKind.Number, [], Default(route, name, @case));
            if (type == typeof(Guid) && name == "caseId") return new ActionField(name, FieldKind.CaseNumber, [], null);
            if (type == typeof(Guid)) return new ActionField(name, FieldKind.Evidence, [], null);
            if (type != typeof(string)) return new ActionField(name, FieldKind.ReceivedItems, [], null);
            return new ActionField(name, LongTexts.Contains(name) ? FieldKind.LongText : FieldKind.Text, [], name == "assignee" ? me : null);
        }).OfType<ActionField>().ToList();

    private static string? Default(CaseActionRoute route, string name, CaseView @case) => (route.Name, name) switch
    {
        ("refund" or "refund-postage", "amount") => Math.Max(0m, @case.Amounts.RefundDue - @case.Amounts.Refunded).ToString("0.00"),
        ("record-payout", "amount") => @case.Amounts.Compensation?.ToString("0.00"),
        ("record-return-shipment", "postage") => "0.00",
        _ => null,
    };
}
