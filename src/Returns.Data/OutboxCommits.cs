using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Returns.Data;

/// <summary>Told after a transaction that wrote outbox rows has committed (the webhook dispatcher, to deliver at once).</summary>
public interface IOutboxListener
{
    /// <summary>Called on the committing thread: must return at once.</summary>
    void OutboxCommitted();
}

/// <summary>
/// Calls the <see cref="IOutboxListener"/> once the rows <see cref="ReturnsDbContext"/> added to the outbox are
/// committed, not before: a listener acting earlier would find nothing, or an event that is then rolled back.
/// </summary>
public sealed class OutboxCommits(IOutboxListener listener) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    // A save of a single statement runs without a transaction: it is committed when it returns.
    int ISaveChangesInterceptor.SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) Committed(eventData.Context);
        return result;
    }

    ValueTask<int> ISaveChangesInterceptor.SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) Committed(eventData.Context);
        return ValueTask.FromResult(result);
    }

    void ISaveChangesInterceptor.SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) Forget(eventData.Context);
    }

    Task ISaveChangesInterceptor.SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Committed(Microsoft.EntityFrameworkCore.DbContext? context)
    {
        if (context is not ReturnsDbContext { OutboxWritten: true } db) return;
        db.OutboxWritten = false;
        listener.OutboxCommitted();
    }

    private static void Forget(Microsoft.EntityFrameworkCore.DbContext? context)
    {
        if (context is ReturnsDbContext db) db.OutboxWritten = false;
    }
}
