namespace Accommodation.RoomView.Api.Model;

/// <summary>Customers' reservations and the nights they hold, kept from reservation and payment events.</summary>
public interface IReservationViewStore
{
    /// <summary>Applies one reservation event; a repeated event or one not newer than the stored version changes nothing.</summary>
    Task<ViewUpdate> ApplyAsync(Guid eventId, ReservationSnapshot reservation);

    /// <summary>Applies one payment event; a repeated event, or an approval after the refund, changes nothing.</summary>
    Task<ViewUpdate> ApplyAsync(Guid eventId, PaymentSnapshot payment);

    /// <summary>The reservation, or null until a reservation event of it arrived.</summary>
    Task<CustomerReservation?> FindAsync(string reservationNumber);

    /// <summary>The customer's reservations by check-in date.</summary>
    Task<IReadOnlyList<CustomerReservation>> ListAsync(string customerId);

    /// <summary>The nights in <c>[from, to)</c> that a live reservation holds in the room.</summary>
    Task<IReadOnlySet<DateOnly>> HeldNightsAsync(string roomNumber, DateOnly from, DateOnly to);

    /// <summary>Starts listening for changes to the customer's reservations, on every replica; dispose to stop.</summary>
    Task<IReservationChanges> WatchAsync(string customerId);
}

/// <summary>The numbers of a customer's reservations as they change.</summary>
public interface IReservationChanges : IAsyncDisposable
{
    /// <summary>Each changed reservation's number; ends when <paramref name="cancellationToken"/> fires.</summary>
    IAsyncEnumerable<string> ReadAllAsync(CancellationToken cancellationToken);
}

public enum ViewUpdate
{
    Applied,
    Duplicate,
    Stale,
}
