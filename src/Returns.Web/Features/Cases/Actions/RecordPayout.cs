using FluentValidation;
using Returns.Domain.Cases;

namespace Returns.Web.Features.Cases.Actions;

/// <summary>The discount reached the buyer: their marketplace refund request, or an Alipay transfer (打款记录).</summary>
public static class RecordPayout
{
    public sealed record Body(PayoutMethod? Method, string? Reference, decimal? Amount, Guid? ProofEvidenceId);

    public sealed record Command(Guid CaseId, PayoutMethod? Method, string? Reference, decimal? Amount, Guid? ProofEvidenceId, int? ExpectedVersion)
        : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Method).NotNull().WithMessage("Required: platformRefund or alipayTransfer.");
            RuleFor(c => c.Reference).RequiredText(128);
            RuleFor(c => c.Amount).GreaterThan(0m).WithMessage("Must be more than zero.").Amount();
        }
    }

    public sealed class Handler(CaseContext context) : CaseCommandHandler<Command>(context)
    {
        protected override ValueTask Apply(Case @case, Command command, CaseContext context, CancellationToken ct)
        {
            @case.RecordPayout(command.Method!.Value, command.Reference!, command.Amount, command.ProofEvidenceId, context.Actor, context.Now);
            return ValueTask.CompletedTask;
        }
    }

    public static void Map(RouteGroupBuilder cases) =>
        cases.MapCaseAction<Body>(CaseAction.RecordPayout,
            (id, body, version) => new Command(id, body.Method, body.Reference, body.Amount, body.ProofEvidenceId, version),
            "Record the discount's payout (never more than approved; amount defaults to the approved compensation).");
}
