using Microsoft.EntityFrameworkCore;
using FluentValidation;
using Returns.Domain.Cases;

namespace Returns.Web.Features.Cases.Actions;

/// <summary>Link two cases (e.g. a bad review and its remedy); both sides show the link.</summary>
public static class Link
{
    public sealed record Body(Guid? CaseId);

    public sealed record Command(Guid CaseId, Guid? OtherCaseId, int? ExpectedVersion) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.OtherCaseId).NotNull().WithMessage("Required.").NotEqual(Guid.Empty);
    }

    public sealed class Handler(CaseContext context) : CaseCommandHandler<Command>(context)
    {
        protected override async ValueTask Apply(Case @case, Command command, CaseContext context, CancellationToken ct)
        {
            var other = command.OtherCaseId == @case.Id
                ? @case
                : await context.Cases.Include(c => c.Deadlines).SingleOrDefaultAsync(c => c.Id == command.OtherCaseId, ct)
                  ?? throw new PolicyViolationException(PolicyCodes.InvalidLink, $"Case {command.OtherCaseId} does not exist.");
            @case.Link(other, context.Actor, context.Now);
        }
    }

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapCaseAction<Body>(CaseAction.Link, (id, body, version) => new Command(id, body.CaseId, version),
            "Link another case to this one.");
}
