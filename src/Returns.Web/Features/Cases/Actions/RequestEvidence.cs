using FluentValidation;
using Returns.Domain.Cases;

namespace Returns.Web.Features.Cases.Actions;

/// <summary>Ask the buyer for photos of the problem before deciding.</summary>
public static class RequestEvidence
{
    public sealed record Body(string? Message);

    public sealed record Command(Guid CaseId, string? Message, int? ExpectedVersion) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Message).RequiredText(2000);
    }

    public sealed class Handler(CaseContext context) : CaseCommandHandler<Command>(context)
    {
        protected override ValueTask Apply(Case @case, Command command, CaseContext context, CancellationToken ct)
        {
            @case.RequestEvidence(command.Message!, context.Actor, context.Now);
            return ValueTask.CompletedTask;
        }
    }

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapCaseAction<Body>(CaseAction.RequestEvidence, (id, body, version) => new Command(id, body.Message, version),
            "Ask the buyer for evidence (photos); the case waits for it.");
}
