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
    // The span the queries under test run in, from a source no other test class listens to.
    private static readonly ActivitySource ParentSource = new("ServiceDefaults.Tests.Npgsql");

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
    public async Task Queries_inside_a_span_are_traced_as_its_children_but_queries_outside_any_span_are_not()
    {
        var connectionString = await (await TestInfrastructure.GetAsync()).CreateDatabaseAsync("sd");
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        var spans = new CollectedActivities();
        await using var app = await StartAsync(
            ("ConnectionStrings:x", connectionString),
            builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(ParentSource.Name).AddProcessor(spans)));

        // As the outbox relay or a health check polls: no span around it, and the first use opens a connection.
        await QueryAsync(app, "SELECT 1");
        Activity parent;
        using (parent = ParentSource.StartActivity("register guest")
            ?? throw new InvalidOperationException($"The app does not listen to {ParentSource.Name}."))
        {
            await QueryAsync(app, "SELECT 42");
        }

        var ofThisDatabase = spans.Ended.Where(span => span.Source.Name == "Npgsql" && IsOf(span, database)).ToList();
        Assert.Contains(ofThisDatabase, span => span.Kind == ActivityKind.Client && span.ParentSpanId == parent.SpanId
            && Equals(span.GetTagItem("db.query.text"), "SELECT 42"));
        Assert.DoesNotContain(ofThisDatabase, span => span.TraceId != parent.TraceId);
    }

    private static async Task QueryAsync(TestApp app, string sql)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<GuestDbContext>().Database.ExecuteSqlRawAsync(sql);
    }

    // A command span names its database; a connection-open span only its data source, whose connection string names it.
    private static bool IsOf(Activity span, string database) =>
        Equals(span.GetTagItem("db.namespace"), database)
        || (span.GetTagItem("db.npgsql.data_source") as string)?.Contains($"Database={database}", StringComparison.OrdinalIgnoreCase) == true;

    private static Task<TestApp> StartAsync((string Key, string? Value) connectionString, Action<IHostApplicationBuilder>? configure = null)
    {
        var builder = TestApp.CreateBuilder(connectionString);
        builder.AddServiceDefaults();
        builder.AddNpgsqlDbContext<GuestDbContext>("x");
        configure?.Invoke(builder);
        return TestApp.StartAsync(builder, app => app.MapDefaultEndpoints());
    }
}
