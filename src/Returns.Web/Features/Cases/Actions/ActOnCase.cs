using FluentValidation;
using Returns.Domain.Cases;

namespace Returns.Web.Features.Cases.Actions;

/// <summary>
/// The JSON body of one case action: one record per action, named <c>{Action}Body</c>, next to its validator, carrying
/// its one domain call. The bound body is the request; there is no second copy of its fields.
/// </summary>
public abstract record CaseActionBody
{
    internal abstract ValueTask ApplyTo(Case @case, CaseContext context, CancellationToken ct);
}

/// <summary>Every case action goes through here: load, let the case decide (clocks included), answer the case as stored.</summary>
public static class ActOnCase
{
    public sealed record Command(Guid CaseId, CaseActionBody Body, int? ExpectedVersion) : ICaseCommand
    {
        public CaseAction Action => CaseActionRoutes.ActionOf(Body);
    }

    /// <summary>Runs the body's own validator, so the error paths are the body's (<c>items[0].sku</c>, <c>caseId</c>).</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IServiceProvider services) =>
            RuleFor(c => c.Body).CustomAsync(async (body, context, ct) =>
            {
                if (services.GetService(typeof(IValidator<>).MakeGenericType(body.GetType())) is not IValidator validator) return;
                var result = await validator.ValidateAsync(new ValidationContext<object>(body), ct);
                foreach (var failure in result.Errors) context.AddFailure(failure);
            });
    }

    public sealed class Handler(CaseContext context) : CaseCommandHandler<Command>(context)
    {
        protected override ValueTask Apply(Case @case, Command command, CaseContext context, CancellationToken ct) =>
            command.Body.ApplyTo(@case, context, ct);
    }
}
