using Accommodation.Testing;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Support;

/// <summary>A fresh PostgreSQL database with the test tables, one per test.</summary>
public sealed class TestDatabase
{
    private TestDatabase(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var database = new TestDatabase(await infrastructure.CreateDatabaseAsync("messaging"));
        await using var dbContext = database.CreateDbContext();
        await dbContext.Database.EnsureCreatedAsync();
        return database;
    }

    /// <summary>A context outside any host: no relay is woken by what it saves, as in a process that died after commit.</summary>
    public TestDbContext CreateDbContext() =>
        new(new DbContextOptionsBuilder<TestDbContext>()
            .UseNpgsql(ConnectionString, npgsql => npgsql.EnableRetryOnFailure())
            .Options);

    public async Task<int> CountUnsentAsync()
    {
        await using var dbContext = CreateDbContext();
        return await dbContext.OutboxMessages.CountAsync(m => m.SentAt == null);
    }
}
