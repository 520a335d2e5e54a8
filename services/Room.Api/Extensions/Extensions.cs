using System.Text.Json.Serialization;
using Accommodation.Messaging;
using Accommodation.Rooms.Api.Apis;
using Accommodation.Rooms.Api.Domain;
using Accommodation.Rooms.Api.Infrastructure;
using Microsoft.AspNetCore.Http.Json;

namespace Accommodation.Rooms.Api.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<RoomDbContext>("roomdb");
        // Registered before the relay so the outbox table exists when the relay starts.
        builder.Services.AddDatabaseMigration<RoomDbContext>();
        builder.AddKafkaOutboxRelay<RoomDbContext>("kafka");

        builder.Services.AddScoped<IRoomRepository, RoomRepository>();
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddHttpConventions();
        builder.Services.AddOpenApi();
    }

    // How requests are read and how every refusal is written: validation, JSON and problem details.
    private static void AddHttpConventions(this IServiceCollection services)
    {
        services.AddValidation();
        services.AddExceptionHandler<RoomExceptionHandler>();
        services.Configure<JsonOptions>(options =>
        {
            // Room types travel as names ("Deluxe", any case), never as numbers.
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            // A price sent as a string is a wrong type, not a number to guess.
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
    }
}
