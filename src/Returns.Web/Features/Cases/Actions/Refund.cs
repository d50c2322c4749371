using FluentValidation;
using Returns.Domain.Cases;

namespace Returns.Web.Features.Cases.Actions;

/// <summary>Pay the buyer back: full, or partial after a failed inspection. Above what is due needs a supervisor.</summary>
public static class Refund
{
    public sealed record Body(decimal? Amount, PayoutMethod? Method, string? Reference);

    public sealed record Command(Guid CaseId, decimal? Amount, PayoutMethod? Method, string? Reference, int? ExpectedVersion) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Amount).NotNull().WithMessage("Required.").GreaterThan(0m).WithMessage("Must be more than zero.").Amount();
            RuleFor(c => c.Method).NotNull().WithMessage("Required: platformRefund or alipayTransfer.");
            RuleFor(c => c.Reference).MaximumLength(128);
            RuleFor(c => c.Reference).NotEmpty().When(c => c.Method == PayoutMethod.AlipayTransfer)
                .WithMessage("An Alipay transfer needs the payment record (打款记录) reference.");
        }
    }

    public sealed class Handler(CaseContext context) : CaseCommandHandler<Command>(context)
    {
        protected override ValueTask Apply(Case @case, Command command, CaseContext context, CancellationToken ct)
        {
            @case.Refund(command.Amount!.Value, command.Method!.Value, command.Reference?.Trim(), context.Actor, context.Now);
            return ValueTask.CompletedTask;
        }
    }

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapCaseAction<Body>(CaseAction.Refund, (id, body, version) => new Command(id, body.Amount, body.Method, body.Reference, version),
            "Record the refund (platform refund or Alipay transfer) and complete the case.");
}
