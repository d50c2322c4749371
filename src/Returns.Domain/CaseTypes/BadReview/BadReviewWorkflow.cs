using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Stateless;
using static Returns.Domain.Deadlines.StepCondition;

namespace Returns.Domain.Workflows;

/// <summary>中差评: reach the buyer, fix the cause, or appeal a malicious review (docs/design.md §2, docs/business-rules.md §3.7).</summary>
public sealed class BadReviewWorkflow : WorkflowDefinition
{
    public override CaseType Type => CaseType.BadReview;

    public override IReadOnlyList<CaseStatus> States =>
    [
        CaseStatus.Open, CaseStatus.Contacting, CaseStatus.AwaitingRevision, CaseStatus.Appealing, CaseStatus.AppealFiled,
        CaseStatus.Completed, CaseStatus.Cancelled, CaseStatus.Locked,
    ];

    public override CaseStatus InitialStatus => CaseStatus.Open;

    /// <summary>A review may be logged before its cause is known.</summary>
    public override bool NeedsReason => false;

    public override bool HasWindow => false;

    public override IReadOnlyDictionary<CaseAction, IReadOnlyList<Role>> Roles { get; } = new Dictionary<CaseAction, IReadOnlyList<Role>>
    {
        [CaseAction.ContactBuyer] = Workflow.Desk,
        [CaseAction.BuyerAgreed] = Workflow.Desk,
        [CaseAction.ConfirmRevised] = Workflow.Desk,
        [CaseAction.PostExplanation] = Workflow.Desk,
        [CaseAction.MarkMalicious] = Workflow.Desk,
        [CaseAction.FileAppeal] = Workflow.Desk,
        [CaseAction.AppealUpheld] = Workflow.Desk,
        [CaseAction.AppealRejected] = Workflow.Desk,
        [CaseAction.Lock] = Workflow.SystemOnly,
    };

    public override IReadOnlyList<ClockRule> Clocks { get; } =
    [
        Workflow.FirstTouch,
        Clock.Of(DeadlineKind.BadReviewFirstContact, "中差评首次联系", "first contact about the review")
            .StartsOn(Created)
            .LastsHours(p => p.Deadlines.BadReviewFirstContactHours, ClockCalendar.Elapsed)
            .WarnsAt(0.75)
            .MetBy(On(CaseAction.ContactBuyer, CaseAction.MarkMalicious))
            .OnDue(ClockOutcome.Escalate),
        // F0-l Q11: the shop may explain a review until 15 days after it was posted.
        Clock.Of(DeadlineKind.BadReviewExplanation, "中差评解释", "review explanation")
            .StartsOn(Created)
            .CountingFrom("the review's posting", c => c.Review?.PostedAt)
            .LastsDays(p => p.ReviewExplanationDays, ClockCalendar.Elapsed)
            .WarnsAt(0.8)
            .MetBy(On(CaseAction.PostExplanation))
            .OnDue(ClockOutcome.Escalate),
        // F0-l Q14: the buyer may revise until 30 days after posting; then the review is locked.
        Clock.Of(DeadlineKind.BadReviewRevision, "中差评修改", "review revision")
            .StartsOn(Created)
            .CountingFrom("the review's posting", c => c.Review?.PostedAt)
            .LastsDays(p => p.ReviewRevisionDays, ClockCalendar.Elapsed)
            .WarnsAt(2.0 / 3, 0.9)
            .MetBy(Resolved)
            // Taken to the platform: the buyer's revision no longer decides the case.
            .CancelledBy(On(CaseAction.MarkMalicious))
            .OnDue(ClockOutcome.Lock,
                t => $"评价修改期({t.Duration.Zh})已过,评价已锁定 / The {t.Duration.En} revision window passed: the review is locked."),
        // A buyer who did not answer is tried again the next day; after enough unanswered calls a supervisor steps in.
        Clock.Of(DeadlineKind.ContactChaser, "再次联系买家", "contact the buyer again")
            .StartsOn(On(CaseAction.ContactBuyer, "the buyer did not answer", c => c.ContactAttempts.LastOrDefault()?.Outcome == ContactOutcome.NoAnswer))
            .LastsHours(p => p.Deadlines.ContactChaserHours, ClockCalendar.Elapsed)
            .MetBy(On(CaseAction.ContactBuyer))
            .CancelledBy(On(CaseAction.MarkMalicious))
            .OnDue("escalate after ContactChaserEscalateAfter unanswered attempts, else remind",
                (c, p) => c.UnansweredContactAttempts >= p.Deadlines.ContactChaserEscalateAfter ? ClockOutcome.Escalate : ClockOutcome.Remind,
                t => $"买家未接听,请再次联系({t.Due}前) / The buyer did not answer: try again (due {t.Due})."),
    ];

    protected override void Configure(StateMachine<CaseStatus, CaseAction> machine, CaseFacts facts)
    {
        // post-explanation is a flag, not a state: allowed while open, refused after the 15-day limit.
        foreach (var state in States.Where(s => s.IsOpen()))
            machine.Configure(state).InternalTransition(CaseAction.PostExplanation, () => { });
        // Exam Q16: a review the platform would not remove is exactly the one to explain to later buyers, so a locked
        // review (appeal rejected) can still be explained until the 15-day limit (Case.PostExplanation checks it).
        machine.Configure(CaseStatus.Locked).InternalTransition(CaseAction.PostExplanation, () => { });

        machine.Configure(CaseStatus.Open)
            .Permit(CaseAction.ContactBuyer, CaseStatus.Contacting)
            .Permit(CaseAction.MarkMalicious, CaseStatus.Appealing)
            .Permit(CaseAction.Lock, CaseStatus.Locked);

        machine.Configure(CaseStatus.Contacting)
            .InternalTransition(CaseAction.ContactBuyer, () => { })
            .Permit(CaseAction.BuyerAgreed, CaseStatus.AwaitingRevision)
            .Permit(CaseAction.MarkMalicious, CaseStatus.Appealing)
            .Permit(CaseAction.Lock, CaseStatus.Locked);

        machine.Configure(CaseStatus.AwaitingRevision)
            .InternalTransition(CaseAction.ContactBuyer, () => { })
            .Permit(CaseAction.ConfirmRevised, CaseStatus.Completed)
            .Permit(CaseAction.Lock, CaseStatus.Locked);

        machine.Configure(CaseStatus.Appealing)
            .Permit(CaseAction.FileAppeal, CaseStatus.AppealFiled);

        machine.Configure(CaseStatus.AppealFiled)
            .Permit(CaseAction.AppealUpheld, CaseStatus.Completed)
            .Permit(CaseAction.AppealRejected, CaseStatus.Locked);
    }

    internal override (CaseStatus Status, object Data) Open(Case @case, Case.Opening opening, Reason? reason, ActionContext at)
    {
        @case.OpenBadReview(opening.Review, at.Policy);
        return (InitialStatus, new { @case.Review, @case.ExplanationDueAt, @case.RevisionDueAt });
    }
}
