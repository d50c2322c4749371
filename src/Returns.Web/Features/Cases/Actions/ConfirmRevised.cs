using FluentValidation;
using Returns.Domain.Cases;

namespace Returns.Web.Features.Cases.Actions;

/// <summary>The buyer revised the review to a better rating: recovered.</summary>
public static class ConfirmRevised
{
    public sealed record Body(ReviewRating? NewRating);

    public sealed record Command(Guid CaseId, ReviewRating? NewRating, int? ExpectedVersion) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.NewRating).NotNull().WithMessage("Required: good or medium.");
    }

    public sealed class Handler(CaseContext context) : CaseCommandHandler<Command>(context)
    {
        protected override ValueTask Apply(Case @case, Command command, CaseContext context, CancellationToken ct)
        {
            @case.ConfirmRevised(command.NewRating!.Value, context.Actor, context.Now);
            return ValueTask.CompletedTask;
        }
    }

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapCaseAction<Body>(CaseAction.ConfirmRevised, (id, body, version) => new Command(id, body.NewRating, version),
            "Confirm the buyer revised the review, with the new rating.");
}
