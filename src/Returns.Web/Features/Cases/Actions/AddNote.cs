using FluentValidation;
using Returns.Domain.Cases;

namespace Returns.Web.Features.Cases.Actions;

/// <summary>A note on the case (插旗备注): what was said, promised or found. Stored as plain text.</summary>
public static class AddNote
{
    public sealed record Body(string? Text);

    public sealed record Command(Guid CaseId, string? Text, int? ExpectedVersion) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Text).RequiredText(4000);
    }

    public sealed class Handler(CaseContext context) : CaseCommandHandler<Command>(context)
    {
        protected override ValueTask Apply(Case @case, Command command, CaseContext context, CancellationToken ct)
        {
            @case.AddNote(command.Text!, context.Actor, context.Now);
            return ValueTask.CompletedTask;
        }
    }

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapCaseAction<Body>(CaseAction.AddNote, (id, body, version) => new Command(id, body.Text, version),
            "Add a note to the case.");
}
