using System.Linq.Expressions;
using Returns.Domain.Cases;

namespace Returns.Domain.Privacy;

/// <summary>
/// docs/business-rules.md §7: the buyer's phone is shown masked to everyone; a person who needs it reveals it with a reason
/// (logged), and it is removed once the case has been closed for the retention period.
/// </summary>
public static class BuyerContact
{
    /// <summary>
    /// The phone as lists and case views show it: the middle four digits hidden, as the marketplaces show it
    /// (<c>13812345678</c> → <c>138****5678</c>, <c>+86 138 1234 5678</c> → <c>+86 138 **** 5678</c>). A short number
    /// (5–7 digits) shows its last two only, one of 4 digits or fewer nothing; separators and <c>+</c> stay.
    /// </summary>
    public static string? Mask(string? phone)
    {
        if (string.IsNullOrEmpty(phone)) return phone;
        var digits = phone.Count(char.IsAsciiDigit);
        var (hidden, keptAtEnd) = digits >= 8 ? (4, 4) : digits >= 5 ? (digits - 2, 2) : (digits, 0);
        var keptAtStart = digits - hidden - keptAtEnd;
        var chars = phone.ToCharArray();
        var seen = 0;
        for (var i = 0; i < chars.Length; i++)
        {
            if (!char.IsAsciiDigit(chars[i])) continue;
            if (seen >= keptAtStart && seen < keptAtStart + hidden) chars[i] = '*';
            seen++;
        }
        return new string(chars);
    }

    /// <summary>The buyer as everyone but a <c>buyer-contact</c> integration sees them.</summary>
    public static Buyer Masked(Buyer buyer) => buyer with { Phone = Mask(buyer.Phone) };
}

/// <summary>
/// How long a closed case keeps the buyer's contact data (docs/business-rules.md §7: kept for the follow-up it was collected
/// for, F1 "记录客户的基本信息…以便后续跟踪", then not kept beyond it, F1 "确保顾客的个人信息安全").
/// </summary>
public static class BuyerDataRetention
{
    public const int DefaultDays = 365;

    /// <summary>The timeline action that records the removal (a system event: no state change).</summary>
    public const string Removed = "remove-buyer-data";

    private static readonly CaseStatus[] Closed = [.. CaseStatuses.Terminal];

    /// <summary>
    /// Due for removal: closed, unchanged for <paramref name="retainDays"/> days (a closed case changes only when it is
    /// linked, so its last change is when it closed or later), and still holding a phone.
    /// </summary>
    public static Expression<Func<Case, bool>> Due(DateTimeOffset now, int retainDays)
    {
        var cutoff = now.AddDays(-retainDays);
        return c => Closed.Contains(c.Status) && c.UpdatedAt <= cutoff && c.BuyerPhone != null;
    }

    /// <summary>The same rule for a case in memory.</summary>
    public static bool IsDue(Case @case, DateTimeOffset now, int retainDays) =>
        @case.Status.IsTerminal() && @case.UpdatedAt <= now.AddDays(-retainDays) && @case.BuyerPhone is not null;
}
