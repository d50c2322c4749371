using FluentValidation;
using Returns.Domain.Cases;

namespace Returns.Web.Features.Cases.Actions;

/// <summary>Close an open case without an outcome (e.g. the buyer withdrew the request).</summary>
public static class Cancel
{
    public sealed record Body(string? Reason);

    public sealed record Command(Guid CaseId, string? Reason, int? ExpectedVersion) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).RequiredText(2000);
    }

    public sealed class Handler(CaseContext context) : CaseCommandHandler<Command>(context)
    {
        protected override ValueTask Apply(Case @case, Command command, CaseContext context, CancellationToken ct)
        {
            @case.Cancel(command.Reason!, context.Actor, context.Now);
            return ValueTask.CompletedTask;
        }
    }

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapCaseAction<Body>(CaseAction.Cancel, (id, body, version) => new Command(id, body.Reason, version),
            "Cancel the case.");
}
