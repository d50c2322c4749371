using FluentValidation;
using Returns.Domain.Cases;

namespace Returns.Web.Features.Cases.Actions;

/// <summary>The review is malicious (恶意评价): record why and what proves it, to appeal to the platform.</summary>
public static class MarkMalicious
{
    public sealed record Body(string? Reason, string? Evidence);

    public sealed record Command(Guid CaseId, string? Reason, string? Evidence, int? ExpectedVersion) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason).RequiredText(2000);
            RuleFor(c => c.Evidence).MaximumLength(4000);
        }
    }

    public sealed class Handler(CaseContext context) : CaseCommandHandler<Command>(context)
    {
        protected override ValueTask Apply(Case @case, Command command, CaseContext context, CancellationToken ct)
        {
            @case.MarkMalicious(command.Reason!, command.Evidence, context.Actor, context.Now);
            return ValueTask.CompletedTask;
        }
    }

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapCaseAction<Body>(CaseAction.MarkMalicious, (id, body, version) => new Command(id, body.Reason, body.Evidence, version),
            "Mark the review as malicious, with the reason and evidence (chat logs, photos: upload them as evidence too).");
}
