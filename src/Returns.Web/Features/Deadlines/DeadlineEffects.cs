using Mediator;
using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Returns.Domain.Notifications;
using Returns.Web.Features.Cases;

namespace Returns.Web.Features.Deadlines;

/// <summary>A clock is about to run out: tell whoever holds the case (the supervisors when nobody does).</summary>
public static class Remind
{
    public sealed record Command(Guid CaseId, DeadlineKind Kind, DeadlineEvent Event, DateTimeOffset DueAt) : ICommand<Unit>;

    public sealed class Handler(CaseContext context) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var @case = await context.Load(command.CaseId, ct);
            context.Db.Notifications.Add(new Notification(@case.Assignee ?? Notification.Supervisors, NotificationKind.Reminder, @case.Id,
                @case.Number, command.Kind.ToString(), DeadlineRules.Message(command.Kind, command.Event, command.DueAt, context.TimeZoneOf(@case)), context.Now));
            return Unit.Value;
        }
    }
}

/// <summary>A clock ran out (or a platform clock is near): the supervisors must step in; the timeline says so.</summary>
public static class Escalate
{
    public sealed record Command(Guid CaseId, DeadlineKind Kind, DeadlineEvent Event, DateTimeOffset DueAt, string? Why = null) : ICommand<Unit>;

    public sealed class Handler(CaseContext context) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var @case = await context.Load(command.CaseId, ct);
            var message = DeadlineRules.Message(command.Kind, command.Event, command.DueAt, context.TimeZoneOf(@case)) + (command.Why is null ? "" : " " + command.Why);
            @case.RecordSystemEvent("escalate", new { deadline = command.Kind, @event = command.Event, dueAt = command.DueAt, message }, context.Now);
            context.Db.Notifications.Add(new Notification(Notification.Supervisors, NotificationKind.Escalation, @case.Id, @case.Number,
                command.Kind.ToString(), message, context.Now));
            return Unit.Value;
        }
    }
}

/// <summary>Tells the case's holder what the system did on the marketplace's behalf.</summary>
public static class NotifyAutomaticOutcome
{
    public sealed record Command(Guid CaseId, DeadlineKind Kind, string Outcome) : ICommand<Unit>;

    public sealed class Handler(CaseContext context) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var @case = await context.Load(command.CaseId, ct);
            context.Db.Notifications.Add(new Notification(@case.Assignee ?? Notification.Supervisors, NotificationKind.AutomaticOutcome, @case.Id,
                @case.Number, command.Kind.ToString(), command.Outcome, context.Now));
            return Unit.Value;
        }
    }
}

/// <summary>The buyer let the case lapse (no evidence, no return parcel): the system closes it as expired.</summary>
public static class ExpireCase
{
    public sealed record Command(Guid CaseId, string Reason) : ICaseCommand
    {
        public int? ExpectedVersion => null;
    }

    public sealed class Handler(CaseContext context) : CaseCommandHandler<Command>(context)
    {
        protected override ValueTask Apply(Case @case, Command command, CaseContext context, CancellationToken ct)
        {
            @case.Expire(command.Reason, Actor.System, context.Now);
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>The marketplace refunded the buyer because receipt was not confirmed in time: record it.</summary>
public static class RecordPlatformRefund
{
    public sealed record Command(Guid CaseId) : ICaseCommand
    {
        public int? ExpectedVersion => null;
    }

    public sealed class Handler(CaseContext context) : CaseCommandHandler<Command>(context)
    {
        protected override ValueTask Apply(Case @case, Command command, CaseContext context, CancellationToken ct)
        {
            @case.PlatformRefund(Actor.System, context.Now);
            return ValueTask.CompletedTask;
        }
    }
}
