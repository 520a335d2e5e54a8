using Accommodation.Rooms.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Accommodation.Rooms.Api.Infrastructure.EntityConfigurations;

internal sealed class RoomNightEntityTypeConfiguration : IEntityTypeConfiguration<RoomNight>
{
    public void Configure(EntityTypeBuilder<RoomNight> builder)
    {
        builder.ToTable("room_nights");
        // Not unique per (room, night): a cancellation arriving after the next reservation of that night briefly leaves two.
        builder.HasKey(night => new { night.RoomNumber, night.Night, night.ReservationNumber });

        builder.Property(night => night.RoomNumber)
            .HasColumnName("room_number")
            .HasConversion(number => number.Value, value => RoomNumber.Parse(value))
            .HasMaxLength(RoomNumber.MaxLength)
            .UseCollation("C");
        builder.Property(night => night.Night).HasColumnName("night");
        builder.Property(night => night.ReservationNumber)
            .HasColumnName("reservation_number")
            .HasMaxLength(RoomReservation.ReservationNumberMaxLength);
        builder.Property(night => night.ReservationVersion).HasColumnName("reservation_version");

        builder.HasIndex(night => night.ReservationNumber).HasDatabaseName("ix_room_nights_reservation_number");
    }
}
