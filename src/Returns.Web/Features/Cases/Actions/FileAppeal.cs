using FluentValidation;
using Returns.Domain.Cases;

namespace Returns.Web.Features.Cases.Actions;

/// <summary>The appeal (投诉翻案) was filed with the platform; record its reference.</summary>
public static class FileAppeal
{
    public sealed record Body(string? Reference);

    public sealed record Command(Guid CaseId, string? Reference, int? ExpectedVersion) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reference).RequiredText(128);
    }

    public sealed class Handler(CaseContext context) : CaseCommandHandler<Command>(context)
    {
        protected override ValueTask Apply(Case @case, Command command, CaseContext context, CancellationToken ct)
        {
            @case.FileAppeal(command.Reference!.Trim(), context.Actor, context.Now);
            return ValueTask.CompletedTask;
        }
    }

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapCaseAction<Body>(CaseAction.FileAppeal, (id, body, version) => new Command(id, body.Reference, version),
            "Record the platform appeal's reference.");
}
