using FluentValidation;
using Returns.Domain.Cases;

namespace Returns.Web.Features.Cases.Actions;

/// <summary>Give the case to an agent.</summary>
public static class Assign
{
    public sealed record Body(string? Assignee);

    public sealed record Command(Guid CaseId, string? Assignee, int? ExpectedVersion) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Assignee).RequiredText(128);
    }

    public sealed class Handler(CaseContext context) : CaseCommandHandler<Command>(context)
    {
        protected override ValueTask Apply(Case @case, Command command, CaseContext context, CancellationToken ct)
        {
            @case.Assign(command.Assignee!.Trim(), context.Actor, context.Now);
            return ValueTask.CompletedTask;
        }
    }

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapCaseAction<Body>(CaseAction.Assign, (id, body, version) => new Command(id, body.Assignee, version),
            "Assign the case to an agent.");
}
