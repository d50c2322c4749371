using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Returns.Domain.Cases;
using Returns.Domain.Deadlines;
using Returns.Domain.Notifications;
using Returns.Web.Features.Cases;
using Returns.Web.Infrastructure;

namespace Returns.Web.Features.Notifications;

public sealed record NotificationView(
    Guid Id, string Recipient, NotificationKind Kind, Guid CaseId, string CaseNumber, DeadlineKind Deadline, string Message,
    DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public static NotificationView Of(Notification n) =>
        new(n.Id, n.Recipient, n.Kind, n.CaseId, n.CaseNumber, n.Deadline, n.Message, n.CreatedAt, n.ReadAt);

    /// <summary>A person reads their own notifications; supervisors also read the supervisors' queue.</summary>
    public static IReadOnlyList<string> RecipientsFor(Actor actor) =>
        actor.IsSupervisor ? [actor.Name, Notification.Supervisors] : [actor.Name];
}

/// <summary>GET /notifications: the caller's reminders and escalations, newest first.</summary>
public static class ListNotifications
{
    public sealed record Result(IReadOnlyList<NotificationView> Items, int Unread);

    public sealed record Query(bool Unread, int? Limit) : IQuery<Result>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Limit).InclusiveBetween(1, 200);
    }

    public sealed class Handler(CaseContext context) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var recipients = NotificationView.RecipientsFor(context.Actor);
            var mine = context.Db.Notifications.AsNoTracking().Where(n => recipients.Contains(n.Recipient));
            var unread = await mine.CountAsync(n => n.ReadAt == null, ct);
            if (query.Unread) mine = mine.Where(n => n.ReadAt == null);
            var rows = await mine.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(query.Limit ?? 50).ToListAsync(ct);
            return new Result(rows.Select(NotificationView.Of).ToList(), unread);
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("notifications", async (bool? unread, int? limit, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Query(unread ?? false, limit), ct)))
            .WithName("ListNotifications")
            .WithSummary("The caller's notifications (and the supervisors' queue for supervisors), newest first.")
            .Produces<Result>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
}

/// <summary>POST /notifications/{id}/read.</summary>
public static class MarkNotificationRead
{
    public sealed record Command(Guid Id) : ICommand<NotificationView>;

    public sealed class Handler(CaseContext context) : ICommandHandler<Command, NotificationView>
    {
        public async ValueTask<NotificationView> Handle(Command command, CancellationToken ct)
        {
            var recipients = NotificationView.RecipientsFor(context.Actor);
            var notification = await context.Db.Notifications.SingleOrDefaultAsync(n => n.Id == command.Id && recipients.Contains(n.Recipient), ct)
                ?? throw ProblemException.NotFound($"Notification {command.Id}");
            notification.MarkRead(context.Now);
            return NotificationView.Of(notification);
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("notifications/{id:guid}/read", async (Guid id, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Command(id), ct)))
            .WithName("MarkNotificationRead")
            .WithSummary("Mark one of the caller's notifications read (idempotent).")
            .Produces<NotificationView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
