using Returns.Domain.Cases;
using Returns.Domain.Policies;

namespace Returns.Domain.Deadlines;

/// <summary>Which time a clock counts (docs/design.md §4).</summary>
public enum ClockCalendar
{
    /// <summary>The marketplace's clock: calendar time that stands still during platform freezes.</summary>
    Platform,

    /// <summary>An internal service target: the shop's business hours and holidays.</summary>
    BusinessHours,

    /// <summary>Plain elapsed time (our own targets that do not pause, the review windows).</summary>
    Elapsed,
}

/// <summary>What the system does when a clock warns or runs out.</summary>
public enum ClockOutcome
{
    /// <summary>Tell the assignee (the supervisors when nobody is assigned).</summary>
    Remind,

    /// <summary>Tell the supervisors and note it on the timeline.</summary>
    Escalate,

    /// <summary>The marketplace approves a request the seller left undecided.</summary>
    AutoApprove,

    /// <summary>The buyer let the case lapse: it closes as expired.</summary>
    Expire,

    /// <summary>The marketplace refunds the buyer itself: its refund is recorded.</summary>
    PlatformRefund,

    /// <summary>The review can no longer be revised: it is locked.</summary>
    Lock,
}

public enum DurationUnit
{
    Hours,
    Days,
}

/// <summary>A clock's length as a shop configured it, in the unit people read it in.</summary>
public readonly record struct ClockDuration(double Value, DurationUnit Unit)
{
    public TimeSpan Span => Unit == DurationUnit.Days ? TimeSpan.FromDays(Value) : TimeSpan.FromHours(Value);

    public string Zh => Unit == DurationUnit.Days ? $"{Value:0.##}天" : $"{Value:0.##}小时";

    public string En => Unit == DurationUnit.Days ? $"{Value:0.##} {(Value == 1 ? "day" : "days")}" : $"{Value:0.##} h";
}

/// <summary>One step a case just took: the transition a clock row starts on, is met by or is cancelled by.</summary>
public sealed record CaseStep(Case Case, CaseAction Action, CaseStatus? From, CaseStatus To, Actor Actor, DateTimeOffset At)
{
    public bool Moved => From != To;
}

/// <summary>A condition on a step, with the words /workflows shows for it.</summary>
public sealed record StepCondition(string Text, Func<CaseStep, bool> Matches)
{
    public static readonly StepCondition Created = new("create", s => s.Action == CaseAction.Create);

    /// <summary>Anything a person does to the case (the system's own steps, and syncing the platform's times, are not a touch).</summary>
    public static readonly StepCondition PersonActs = new("any action by a person",
        s => s.Action is not (CaseAction.Create or CaseAction.SyncPlatformDeadlines) && s.Actor.Role != Role.System);

    /// <summary>Completed, or rejected after a considered inspection: the case's money or goods question is answered.</summary>
    public static readonly StepCondition Resolved = new("completed (or rejected after inspection)",
        s => s.To == CaseStatus.Completed || (s.To == CaseStatus.Rejected && s.From == CaseStatus.InspectionFailed));

    public static StepCondition Entered(CaseStatus state) => new($"enter {state.Name()}", s => s.Moved && s.To == state);

    public static StepCondition On(params CaseAction[] actions) =>
        new(string.Join(", ", actions.Select(a => a.Name())), s => actions.Contains(s.Action));

    public static StepCondition On(CaseAction action, string when, Func<Case, bool> condition) =>
        new($"{action.Name()} ({when})", s => s.Action == action && condition(s.Case));
}

/// <summary>What a clock's texts may say: its name, its configured length, its due time in the shop's zone.</summary>
public sealed record ClockText(ClockRule Clock, ClockDuration Duration, string Due);

/// <summary>
/// One clock of a workflow's clock table: what starts it, how long it lasts (read from the shop's policy), on which
/// calendar, when it warns (fractions of its length, so the warnings stay inside a clock a shop shortens), what meets
/// or cancels it, and what happens when it warns and when it is due. Rows are built with <see cref="Clock"/>.
/// </summary>
public sealed class ClockRule
{
    internal ClockRule(DeadlineKind kind, string nameZh, string nameEn) => (Kind, NameZh, NameEn) = (kind, nameZh, nameEn);

    public DeadlineKind Kind { get; }
    public string NameZh { get; }
    public string NameEn { get; }
    public IReadOnlyList<StepCondition> StartsOn { get; internal set; } = [];
    public IReadOnlyList<StepCondition> MetBy { get; internal set; } = [];
    public IReadOnlyList<StepCondition> CancelledBy { get; internal set; } = [];
    public ClockCalendar Calendar { get; internal set; }
    internal Func<ShopPolicy, ClockDuration> Length { get; set; } = _ => default;

    /// <summary>When the clock counts from, if not the step (a review's windows run from its posting).</summary>
    internal Func<Case, DateTimeOffset?>? CountsFrom { get; set; }
    public string? CountsFromText { get; internal set; }

    /// <summary>Warnings as fractions of the clock's length, ascending.</summary>
    public IReadOnlyList<double> WarnAt { get; internal set; } = [];
    public ClockOutcome OnWarning { get; internal set; } = ClockOutcome.Remind;
    public ClockOutcome OnDue { get; internal set; } = ClockOutcome.Escalate;

    /// <summary>An outcome that depends on the case (the contact chaser escalates after enough unanswered calls).</summary>
    internal Func<Case, ShopPolicy, ClockOutcome>? OnDueFor { get; set; }
    public string? OnDueText { get; internal set; }
    internal Func<ClockText, string>? WarningMessage { get; set; }
    internal Func<ClockText, string>? DueMessage { get; set; }

    /// <summary>The timeline note of the automatic outcome (e.g. the platform's approval).</summary>
    internal Func<ClockText, string>? OutcomeNote { get; set; }

    public ClockDuration DurationFor(ShopPolicy policy) => Length(policy);

    /// <summary>The length on <paramref name="platform"/>: a marketplace clock takes that platform's length where the shop set one.</summary>
    public ClockDuration DurationFor(ShopPolicy policy, Platform platform) =>
        Calendar == ClockCalendar.Platform && policy.PlatformDuration(platform, Kind) is { } length ? length : Length(policy);

    /// <summary>Whether the marketplace runs this clock (so it may send its own due time for it).</summary>
    public bool IsPlatformClock => Calendar == ClockCalendar.Platform;

    public ClockOutcome OutcomeWhenDue(Case @case, ShopPolicy policy) => OnDueFor?.Invoke(@case, policy) ?? OnDue;

    /// <summary>The instant a span after <paramref name="start"/> ends on this clock's calendar.</summary>
    public DateTimeOffset After(DateTimeOffset start, TimeSpan span, ShopPolicy policy) => Calendar switch
    {
        ClockCalendar.Platform => PlatformCalendar.Add(start, span, policy.PlatformFreezes),
        ClockCalendar.BusinessHours => policy.Calendar().Add(start, span),
        _ => start + span,
    };

    /// <summary>The due time and warnings of this clock started at <paramref name="start"/> under <paramref name="policy"/>.</summary>
    public (DateTimeOffset Due, IReadOnlyList<DateTimeOffset> Warnings) Plan(DateTimeOffset start, ShopPolicy policy, Platform platform)
    {
        var span = DurationFor(policy, platform).Span;
        return (After(start, span, policy), WarnAt.Select(f => After(start, span * f, policy)).ToList());
    }

    /// <summary>
    /// The warnings of this clock when the marketplace says it is due at <paramref name="due"/>: the same fractions of
    /// the time it gives, on calendar time (its due time already counts its own freezes).
    /// </summary>
    public IReadOnlyList<DateTimeOffset> WarningsBefore(DateTimeOffset start, DateTimeOffset due) =>
        WarnAt.Select(f => start + (due - start) * f).ToList();

    internal string Message(DeadlineEvent what, ClockText text) => what == DeadlineEvent.Warning
        ? WarningMessage?.Invoke(text) ?? $"{NameZh}即将到期({text.Due}) / {NameEn}: due {text.Due}."
        : DueMessage?.Invoke(text) ?? $"{NameZh}已超时({text.Duration.Zh}时限,{text.Due}到期) / {NameEn} was due at {text.Due} ({text.Duration.En} limit).";
}

/// <summary>Builds the rows of a clock table: <c>Clock.Of(kind, "卖家处理", "seller decision").StartsOn(...)...</c>.</summary>
public sealed class Clock
{
    private readonly ClockRule _rule;

    private Clock(ClockRule rule) => _rule = rule;

    public static Clock Of(DeadlineKind kind, string nameZh, string nameEn) => new(new ClockRule(kind, nameZh, nameEn));

    public Clock StartsOn(params StepCondition[] conditions) { _rule.StartsOn = conditions; return this; }

    public Clock CountingFrom(string text, Func<Case, DateTimeOffset?> instant)
    {
        _rule.CountsFromText = text;
        _rule.CountsFrom = instant;
        return this;
    }

    public Clock LastsHours(Func<ShopPolicy, double> hours, ClockCalendar calendar)
    {
        _rule.Length = p => new ClockDuration(hours(p), DurationUnit.Hours);
        _rule.Calendar = calendar;
        return this;
    }

    public Clock LastsDays(Func<ShopPolicy, double> days, ClockCalendar calendar)
    {
        _rule.Length = p => new ClockDuration(days(p), DurationUnit.Days);
        _rule.Calendar = calendar;
        return this;
    }

    /// <summary>Warnings at these fractions of the clock's length (e.g. 3/7 and 6/7 of the buyer's 7 days).</summary>
    public Clock WarnsAt(params double[] fractions) { _rule.WarnAt = fractions.Order().ToList(); return this; }

    public Clock MetBy(params StepCondition[] conditions) { _rule.MetBy = conditions; return this; }

    public Clock CancelledBy(params StepCondition[] conditions) { _rule.CancelledBy = conditions; return this; }

    public Clock OnWarning(ClockOutcome outcome, Func<ClockText, string>? message = null)
    {
        _rule.OnWarning = outcome;
        _rule.WarningMessage = message;
        return this;
    }

    public Clock OnDue(ClockOutcome outcome, Func<ClockText, string>? message = null, Func<ClockText, string>? note = null)
    {
        _rule.OnDue = outcome;
        _rule.DueMessage = message;
        _rule.OutcomeNote = note;
        return this;
    }

    public Clock OnDue(string text, Func<Case, ShopPolicy, ClockOutcome> outcome, Func<ClockText, string>? message = null)
    {
        _rule.OnDueText = text;
        _rule.OnDueFor = outcome;
        _rule.DueMessage = message;
        return this;
    }

    public static implicit operator ClockRule(Clock clock) => clock._rule;
}
