using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Accommodation.Rooms.Api.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a database or the app's configuration.</summary>
internal sealed class RoomDbContextDesignTimeFactory : IDesignTimeDbContextFactory<RoomDbContext>
{
    public RoomDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<RoomDbContext>().UseNpgsql("Host=localhost;Database=roomdb").Options);
}
