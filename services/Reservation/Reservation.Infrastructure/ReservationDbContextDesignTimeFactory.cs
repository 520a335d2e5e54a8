using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Accommodation.Reservations.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a database or the app's configuration.</summary>
internal sealed class ReservationDbContextDesignTimeFactory : IDesignTimeDbContextFactory<ReservationDbContext>
{
    public ReservationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ReservationDbContext>().UseNpgsql("Host=localhost;Database=reservationdb").Options);
}
