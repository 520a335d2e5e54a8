using System.Diagnostics;
using System.Net;
using Accommodation.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry.Trace;
using ServiceDefaults.Tests.Support;

namespace ServiceDefaults.Tests;

public sealed class NpgsqlDbContextTests
{
    [Fact]
    public async Task DbContext_uses_the_named_connection_string_against_the_real_database()
    {
        var connectionString = await (await TestInfrastructure.GetAsync()).CreateDatabaseAsync("sd");
        await using var app = await StartAsync(("ConnectionStrings:x", connectionString));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GuestDbContext>();
            await db.Database.EnsureCreatedAsync();
            db.Guests.Add(new Guest { Name = "Ada" });
            await db.SaveChangesAsync();
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GuestDbContext>();
            Assert.Equal(
                new NpgsqlConnectionStringBuilder(connectionString).Database,
                new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).Database);
            Assert.Equal(["Ada"], await db.Guests.Select(guest => guest.Name).ToListAsync());
        }
    }

    [Fact]
    public async Task Health_is_ready_when_the_database_answers()
    {
        var connectionString = await (await TestInfrastructure.GetAsync()).CreateDatabaseAsync("sd");
        await using var app = await StartAsync(("ConnectionStrings:x", connectionString));

        await app.WaitUntilHealthyAsync();
    }

    [Fact]
    public async Task Health_is_not_ready_when_the_database_is_unreachable()
    {
        var unreachable = $"Host=127.0.0.1;Port={DeadEndpoint.Port()};Database=sd;Username=postgres";
        await using var app = await StartAsync(("ConnectionStrings:x", unreachable));

        // A probe must answer while the caller still waits, not after the execution strategy's retries.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await app.StatusOfAsync("/health").WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(HttpStatusCode.OK, await app.StatusOfAsync("/alive"));
    }

    [Fact]
    public void A_missing_connection_string_fails_at_start_up_naming_the_key_to_set()
    {
        var builder = TestApp.CreateBuilder();

        var exception = Assert.Throws<InvalidOperationException>(() => builder.AddNpgsqlDbContext<GuestDbContext>("x"));

        Assert.Contains("ConnectionStrings:x", exception.Message);
    }

    [Fact]
    public async Task Queries_are_traced()
    {
        var connectionString = await (await TestInfrastructure.GetAsync()).CreateDatabaseAsync("sd");
        var spans = new CollectedActivities();
        await using var app = await StartAsync(
            ("ConnectionStrings:x", connectionString),
            builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(spans)));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<GuestDbContext>().Database.ExecuteSqlRawAsync("SELECT 42");
        }

        Assert.Contains(spans.Ended, span => span.Source.Name == "Npgsql" && span.Kind == ActivityKind.Client);
    }

    private static Task<TestApp> StartAsync((string Key, string? Value) connectionString, Action<IHostApplicationBuilder>? configure = null)
    {
        var builder = TestApp.CreateBuilder(connectionString);
        builder.AddServiceDefaults();
        builder.AddNpgsqlDbContext<GuestDbContext>("x");
        configure?.Invoke(builder);
        return TestApp.StartAsync(builder, app => app.MapDefaultEndpoints());
    }
}
