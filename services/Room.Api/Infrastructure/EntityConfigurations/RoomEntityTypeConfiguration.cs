using Accommodation.Rooms.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Accommodation.Rooms.Api.Infrastructure.EntityConfigurations;

internal sealed class RoomEntityTypeConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> builder)
    {
        builder.ToTable("rooms");
        builder.HasKey(room => room.Number);
        builder.Ignore(room => room.DomainEvents);

        builder.Property(room => room.Number)
            .HasColumnName("number")
            .HasConversion(number => number.Value, value => RoomNumber.Parse(value))
            .HasMaxLength(RoomNumber.MaxLength)
            // Byte order, so the list is ordered the same way whatever the server's locale.
            .UseCollation("C");
        builder.Property(room => room.Type).HasColumnName("type").HasConversion<string>().HasMaxLength(16);
        builder.Property(room => room.Name).HasColumnName("name").HasMaxLength(Room.NameMaxLength);
        builder.Property(room => room.PricePerNight).HasColumnName("price_per_night").HasPrecision(11, 2);
        builder.Property(room => room.Version).HasColumnName("version").IsConcurrencyToken();
        builder.Property(room => room.RegisteredAt).HasColumnName("registered_at");
        builder.Property(room => room.UpdatedAt).HasColumnName("updated_at");
    }
}
