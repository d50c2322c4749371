using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Returns.Web.Features.Cases;
using Returns.Web.Infrastructure;

namespace Returns.Web.Features.Privacy;

/// <summary>
/// POST /cases/{id}/reveal-contact {reason}: an agent or supervisor who must call the buyer gets the phone, and the access
/// log records who, when, which case and why (docs/business-rules.md §7). The case itself does not change.
/// </summary>
public static class RevealContact
{
    public const int MaxReasonLength = 500;

    /// <param name="Reason">Why the buyer's contact data is needed (e.g. "回访确认退货地址"); recorded in the access log.</param>
    public sealed record Body(string? Reason);

    /// <summary>The buyer's contact data, unmasked. The service keeps no address: a case holds the nickname and the phone.</summary>
    public sealed record Disclosure(Guid CaseId, string Number, string Nickname, string? Phone, DateTimeOffset RevealedAt);

    public sealed record Command(Guid CaseId, string? Reason) : ICommand<Disclosure>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).RequiredText(MaxReasonLength);
    }

    public sealed class Handler(CaseContext context) : ICommandHandler<Command, Disclosure>
    {
        public async ValueTask<Disclosure> Handle(Command command, CancellationToken ct)
        {
            var @case = await context.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.CaseId, ct)
                ?? throw ProblemException.NotFound($"Case {command.CaseId}");
            var access = @case.RevealContact(context.Actor, command.Reason!, context.Now);
            context.Db.ContactAccessLog.Add(access);
            return new Disclosure(@case.Id, @case.Number, @case.BuyerNickname, @case.BuyerPhone, access.At);
        }
    }

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapPost("{id:guid}/reveal-contact", async (Guid id, Body body, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Command(id, body.Reason), ct)))
            .WithName("RevealContact")
            .WithSummary("Reveal the buyer's phone, giving the reason; the access log records who, when and why (agents, supervisors).")
            .Produces<Disclosure>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
