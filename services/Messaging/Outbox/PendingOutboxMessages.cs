using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace Accommodation.Messaging;

/// <summary>Remembers which context instances enqueued outbox rows not yet committed, without scanning the change tracker.</summary>
internal static class PendingOutboxMessages
{
    private static readonly ConditionalWeakTable<DbContext, object> Pending = [];
    private static readonly object Marker = new();

    public static void Mark(DbContext dbContext) => Pending.AddOrUpdate(dbContext, Marker);

    public static bool IsPending(DbContext dbContext) => Pending.TryGetValue(dbContext, out _);

    /// <summary>True once per marking: the caller then wakes the relay.</summary>
    public static bool TryClear(DbContext dbContext) => Pending.Remove(dbContext);
}
