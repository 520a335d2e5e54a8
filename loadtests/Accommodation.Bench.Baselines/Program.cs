using Npgsql;
using Yarp.ReverseProxy.Configuration;

// The bench's reference points, one per mode (the first argument); the other arguments are configuration.
//   endpoint --urls http://127.0.0.1:5100 [--ConnectionStrings:bench=Host=...]   GET / and POST /insert
//   proxy    --urls http://127.0.0.1:5101 --target http://127.0.0.1:5100        one YARP hop in front of the target
if (args is not ["endpoint" or "proxy", ..])
{
    Console.Error.WriteLine("usage: Accommodation.Bench.Baselines endpoint|proxy --urls <url> [--target <url>] [--ConnectionStrings:bench=<npgsql>]");
    return 2;
}

// Slim: Kestrel, configuration and logging, nothing else a request would pass through. Content root: our own folder,
// since the configuration's file watcher would otherwise watch the working directory, which may be / (seconds to start).
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args[1..], ContentRootPath = AppContext.BaseDirectory });
// A log line per request would be part of what is measured.
builder.Logging.SetMinimumLevel(LogLevel.Warning);

var app = args[0] == "proxy" ? BuildProxy(builder) : await BuildEndpointAsync(builder);
await app.RunAsync();
return 0;

static async Task<WebApplication> BuildEndpointAsync(WebApplicationBuilder builder)
{
    var app = builder.Build();
    app.MapGet("/", () => "Hello, World!");

    // Without a database only the minimal endpoint is served.
    if (builder.Configuration.GetConnectionString("bench") is { } connectionString)
    {
        // One pooled data source for the process, as a service would have.
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var create = dataSource.CreateCommand(
            "CREATE TABLE IF NOT EXISTS bench_rows (id bigserial PRIMARY KEY, payload text, created_at timestamptz DEFAULT now())"))
        {
            await create.ExecuteNonQueryAsync();
        }

        // The same statement pgbench runs, so the two figures compare.
        app.MapPost("/insert", async (CancellationToken cancellationToken) =>
        {
            await using var insert = dataSource.CreateCommand("INSERT INTO bench_rows(payload) VALUES ('x')");
            await insert.ExecuteNonQueryAsync(cancellationToken);
            return Results.Created();
        });
        app.Lifetime.ApplicationStopped.Register(dataSource.Dispose);
    }

    return app;
}

static WebApplication BuildProxy(WebApplicationBuilder builder)
{
    var target = builder.Configuration["target"] ?? throw new InvalidOperationException("proxy needs --target <url>.");
    // YARP's defaults throughout: one route, one cluster, one destination.
    builder.Services.AddReverseProxy().LoadFromMemory(
        [new RouteConfig { RouteId = "all", ClusterId = "target", Match = new RouteMatch { Path = "{**catch-all}" } }],
        [new ClusterConfig { ClusterId = "target", Destinations = new Dictionary<string, DestinationConfig> { ["target"] = new() { Address = target } } }]);
    var app = builder.Build();
    app.MapReverseProxy();
    return app;
}
