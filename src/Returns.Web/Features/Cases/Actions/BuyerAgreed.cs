using FluentValidation;
using Returns.Domain.Cases;

namespace Returns.Web.Features.Cases.Actions;

/// <summary>The buyer agreed to revise the review; the case waits for the revision.</summary>
public static class BuyerAgreed
{
    public sealed record Body(string? Note);

    public sealed record Command(Guid CaseId, string? Note, int? ExpectedVersion) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Note).MaximumLength(2000);
    }

    public sealed class Handler(CaseContext context) : CaseCommandHandler<Command>(context)
    {
        protected override ValueTask Apply(Case @case, Command command, CaseContext context, CancellationToken ct)
        {
            @case.BuyerAgreed(command.Note, context.Actor, context.Now);
            return ValueTask.CompletedTask;
        }
    }

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapCaseAction<Body>(CaseAction.BuyerAgreed, (id, body, version) => new Command(id, body.Note, version),
            "The buyer agreed to revise the review.");
}
