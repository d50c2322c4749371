using FluentValidation;
using Returns.Domain.Cases;

namespace Returns.Web.Features.Cases.Actions;

/// <summary>One attempt to reach the buyer about their review; repeat as often as needed.</summary>
public static class ContactBuyer
{
    public sealed record Body(ContactChannel? Channel, ContactOutcome? Outcome, string? Note);

    public sealed record Command(Guid CaseId, ContactChannel? Channel, ContactOutcome? Outcome, string? Note, int? ExpectedVersion) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Channel).NotNull().WithMessage("Required: wangwang, phone or sms.");
            RuleFor(c => c.Outcome).NotNull().WithMessage("Required: reached, noAnswer or refused.");
            RuleFor(c => c.Note).MaximumLength(2000);
        }
    }

    public sealed class Handler(CaseContext context) : CaseCommandHandler<Command>(context)
    {
        protected override ValueTask Apply(Case @case, Command command, CaseContext context, CancellationToken ct)
        {
            @case.ContactBuyer(command.Channel!.Value, command.Outcome!.Value, command.Note, context.Actor, context.Now);
            return ValueTask.CompletedTask;
        }
    }

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapCaseAction<Body>(CaseAction.ContactBuyer, (id, body, version) => new Command(id, body.Channel, body.Outcome, body.Note, version),
            "Log an attempt to contact the buyer about the review.");
}
