using Accommodation.Rooms.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Accommodation.Rooms.Api.Infrastructure.EntityConfigurations;

internal sealed class RoomReservationEntityTypeConfiguration : IEntityTypeConfiguration<RoomReservation>
{
    public void Configure(EntityTypeBuilder<RoomReservation> builder)
    {
        builder.ToTable("room_reservations");
        builder.HasKey(reservation => reservation.ReservationNumber);
        builder.Ignore(reservation => reservation.IsLive);

        builder.Property(reservation => reservation.ReservationNumber)
            .HasColumnName("reservation_number")
            .HasMaxLength(RoomReservation.ReservationNumberMaxLength);
        builder.Property(reservation => reservation.RoomNumber)
            .HasColumnName("room_number")
            .HasConversion(number => number.Value, value => RoomNumber.Parse(value))
            .HasMaxLength(RoomNumber.MaxLength)
            .UseCollation("C");
        builder.Property(reservation => reservation.CheckIn).HasColumnName("check_in");
        builder.Property(reservation => reservation.CheckOut).HasColumnName("check_out");
        builder.Property(reservation => reservation.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
        // Two deliveries racing on one reservation: the second one's update fails and is retried against the new version.
        builder.Property(reservation => reservation.Version).HasColumnName("version").IsConcurrencyToken();
        builder.Property(reservation => reservation.CheckedOutAt).HasColumnName("checked_out_at");

        builder.HasMany(reservation => reservation.Nights)
            .WithOne()
            .HasForeignKey(night => night.ReservationNumber)
            .OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(reservation => reservation.Nights).HasField("_nights");

        // Finding the stay to check out looks up a room's reservations.
        builder.HasIndex(reservation => new { reservation.RoomNumber, reservation.CheckIn }).HasDatabaseName("ix_room_reservations_room_number_check_in");
    }
}
