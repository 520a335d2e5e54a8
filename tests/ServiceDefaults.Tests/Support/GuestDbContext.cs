using Microsoft.EntityFrameworkCore;

namespace ServiceDefaults.Tests.Support;

public sealed class GuestDbContext(DbContextOptions<GuestDbContext> options) : DbContext(options)
{
    public DbSet<Guest> Guests => Set<Guest>();
}

public sealed class Guest
{
    public int Id { get; set; }

    public required string Name { get; set; }
}
