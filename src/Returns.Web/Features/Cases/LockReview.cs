using Mediator;
using Returns.Domain.Cases;

namespace Returns.Web.Features.Cases;

/// <summary>
/// The revision window of a bad review passed unrevised: lock it. Sent by the deadline job as the system
/// (no endpoint: people cannot lock a review early).
/// </summary>
public static class LockReview
{
    public sealed record Command(Guid CaseId) : ICaseCommand
    {
        public int? ExpectedVersion => null;
    }

    public sealed class Handler(CaseContext context) : CaseCommandHandler<Command>(context)
    {
        protected override ValueTask Apply(Case @case, Command command, CaseContext context, CancellationToken ct)
        {
            @case.Lock(Actor.System, context.Now);
            return ValueTask.CompletedTask;
        }
    }
}
