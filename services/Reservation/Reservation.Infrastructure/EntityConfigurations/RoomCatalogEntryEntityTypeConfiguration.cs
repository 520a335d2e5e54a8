using Accommodation.Reservations.Domain;
using Accommodation.Reservations.Infrastructure.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Accommodation.Reservations.Infrastructure.EntityConfigurations;

internal sealed class RoomCatalogEntryEntityTypeConfiguration : IEntityTypeConfiguration<RoomCatalogEntry>
{
    public void Configure(EntityTypeBuilder<RoomCatalogEntry> builder)
    {
        builder.ToTable("room_catalog");
        builder.HasKey(room => room.Number);
        builder.Property(room => room.Number).HasColumnName("number").HasMaxLength(RoomNumber.MaxLength).UseCollation("C");
        builder.Property(room => room.Type).HasColumnName("type").HasMaxLength(32);
        builder.Property(room => room.Name).HasColumnName("name").HasMaxLength(200);
        builder.Property(room => room.PricePerNight).HasColumnName("price_per_night").HasPrecision(11, 2);
        builder.Property(room => room.Version).HasColumnName("version");
        builder.Property(room => room.UpdatedAt).HasColumnName("updated_at");
    }
}
