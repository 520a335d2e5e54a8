var builder = DistributedApplication.CreateBuilder(args);

// Infrastructure
var kafka = builder.AddKafka("kafka").WithTopic("room-events", partitions: 4);
var postgres = builder.AddPostgres("postgres");
var roomDb = postgres.AddDatabase("roomdb");
var cache = builder.AddRedis("cache");

// Services
var room = builder.AddProject<Projects.Room_Api>("room")
    .WithReference(roomDb)
    .WithReference(kafka)
    .WaitFor(roomDb)
    .WaitFor(kafka);

var roomView = builder.AddProject<Projects.RoomView_Api>("roomview")
    .WithReference(cache)
    .WithReference(kafka)
    .WaitFor(cache)
    .WaitFor(kafka);

// Edge
builder.AddProject<Projects.Gateway>("gateway")
    .WithReference(room)
    .WithReference(roomView)
    .WaitFor(room)
    .WaitFor(roomView)
    .WithExternalHttpEndpoints();

builder.Build().Run();
