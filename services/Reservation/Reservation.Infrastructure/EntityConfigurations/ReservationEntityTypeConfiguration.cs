using Accommodation.Reservations.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Accommodation.Reservations.Infrastructure.EntityConfigurations;

internal sealed class ReservationEntityTypeConfiguration : IEntityTypeConfiguration<Reservation>
{
    /// <summary>Created by the InitialCreate migration (EF does not model exclusion constraints); violating it is SQLSTATE 23P01.</summary>
    public const string NoOverlapConstraint = "ex_reservations_live_room_nights";

    public void Configure(EntityTypeBuilder<Reservation> builder)
    {
        builder.ToTable("reservations", table =>
        {
            table.HasCheckConstraint("ck_reservations_stay", "check_in < check_out");
            table.HasCheckConstraint("ck_reservations_status",
                $"status IN ({string.Join(", ", Enum.GetNames<ReservationStatus>().Select(name => $"'{name}'"))})");
        });
        builder.HasKey(reservation => reservation.Number);
        builder.Ignore(reservation => reservation.DomainEvents);

        builder.Property(reservation => reservation.Number)
            .HasColumnName("number")
            .HasConversion(number => number.Value, value => ReservationNumber.Parse(value))
            .HasMaxLength(ReservationNumber.Length)
            .UseCollation("C");
        builder.Property(reservation => reservation.CustomerId)
            .HasColumnName("customer_id")
            .HasConversion(id => id.Value, value => CustomerId.Parse(value))
            .HasMaxLength(CustomerId.MaxLength)
            .UseCollation("C");
        builder.Property(reservation => reservation.RoomNumber)
            .HasColumnName("room_number")
            .HasConversion(number => number.Value, value => RoomNumber.Parse(value, "roomNumber"))
            .HasMaxLength(RoomNumber.MaxLength)
            .UseCollation("C");
        builder.ComplexProperty(reservation => reservation.Stay, stay =>
        {
            stay.Property(period => period.CheckIn).HasColumnName("check_in");
            stay.Property(period => period.CheckOut).HasColumnName("check_out");
        });
        builder.Property(reservation => reservation.PricePerNight).HasColumnName("price_per_night").HasPrecision(11, 2);
        builder.Property(reservation => reservation.TotalPrice).HasColumnName("total_price").HasPrecision(14, 2);
        builder.Property(reservation => reservation.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
        builder.Property(reservation => reservation.Version).HasColumnName("version").IsConcurrencyToken();
        builder.Property(reservation => reservation.PlacedAt).HasColumnName("placed_at");
        builder.Property(reservation => reservation.HoldExpiresAt).HasColumnName("hold_expires_at");
        builder.Property(reservation => reservation.PaymentAttempt).HasColumnName("payment_attempt").HasDefaultValue(1);
        builder.Property(reservation => reservation.PaymentId).HasColumnName("payment_id");
        builder.Property(reservation => reservation.ConfirmedAt).HasColumnName("confirmed_at");
        builder.Property(reservation => reservation.CancelledAt).HasColumnName("cancelled_at");
        builder.Property(reservation => reservation.ExpiredAt).HasColumnName("expired_at");
        builder.Property(reservation => reservation.CheckedOutAt).HasColumnName("checked_out_at");

        builder.HasIndex(reservation => new { reservation.CustomerId, reservation.PlacedAt })
            .HasDatabaseName("ix_reservations_customer");
        // The hold expiry scan reads only the held reservations, oldest hold first.
        builder.HasIndex(reservation => reservation.HoldExpiresAt)
            .HasDatabaseName("ix_reservations_held_until")
            .HasFilter("status = 'Held'");
    }
}
