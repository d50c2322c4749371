using FluentValidation;
using Returns.Domain.Cases;

namespace Returns.Web.Features.Cases.Actions;

/// <summary>The shop's public reply to the review (评价解释): once, ≤ 500 characters, within 15 days.</summary>
public static class PostExplanation
{
    public sealed record Body(string? Text);

    public sealed record Command(Guid CaseId, string? Text, int? ExpectedVersion) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Text).RequiredText(Case.ExplanationMaxLength);
    }

    public sealed class Handler(CaseContext context) : CaseCommandHandler<Command>(context)
    {
        protected override ValueTask Apply(Case @case, Command command, CaseContext context, CancellationToken ct)
        {
            @case.PostExplanation(command.Text!, context.Actor, context.Now);
            return ValueTask.CompletedTask;
        }
    }

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapCaseAction<Body>(CaseAction.PostExplanation, (id, body, version) => new Command(id, body.Text, version),
            "Post the shop's explanation of the review (refused after the explanation window with outside-window).");
}
