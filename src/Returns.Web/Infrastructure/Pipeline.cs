using FluentValidation;
using Mediator;
using Returns.Data;

namespace Returns.Web.Infrastructure;

public sealed class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            return await next(message, ct);
        }
        finally
        {
            logger.LogDebug("{Message} handled in {Elapsed} ms", typeof(TMessage).FullName,
                System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}

/// <summary>FluentValidation before any handler: a 400 changes nothing.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
            failures.AddRange((await validator.ValidateAsync(message, ct)).Errors);
        if (failures.Count > 0) throw new ValidationException(failures);
        return await next(message, ct);
    }
}

/// <summary>
/// One transaction and one SaveChanges per command: the case, its timeline entries, its clocks and the outbox rows commit
/// together. Saving only persists: the case was complete when its domain call returned. A command sent inside another
/// joins the outer transaction.
/// </summary>
public sealed class TransactionBehavior<TMessage, TResponse>(ReturnsDbContext db)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : IBaseCommand
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null) return await next(message, ct);
        await using var writer = await SqliteWriteGate.EnterAsync(db.Database, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var response = await next(message, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return response;
    }
}
