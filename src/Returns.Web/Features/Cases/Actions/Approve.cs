using FluentValidation;
using Returns.Domain.Cases;

namespace Returns.Web.Features.Cases.Actions;

/// <summary>Approve a submitted return or exchange: the buyer may send the goods back.</summary>
public static class Approve
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
            @case.Approve(command.Note, context.PolicyFor(@case), context.Actor, context.Now);
            return ValueTask.CompletedTask;
        }
    }

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapCaseAction<Body>(CaseAction.Approve, (id, body, version) => new Command(id, body.Note, version),
            "Approve the case (quality reasons need evidence; outside the window a supervisor must approve).");
}
