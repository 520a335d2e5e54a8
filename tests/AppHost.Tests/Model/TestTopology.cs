using Accommodation.AppHost.Hosting;
using Accommodation.AppHost.Hosting.Projects;

namespace AppHost.Tests.Model;

/// <summary>The AppHost's topology (as in its Program.cs), built without running it.</summary>
internal static class TestTopology
{
    public static DistributedApplicationModel Build(params string[] args)
    {
        var builder = DistributedApplication.CreateBuilder(args);

        var kafka = builder.AddKafka("kafka").WithTopic("room-events", partitions: 4);
        var roomDb = builder.AddPostgres("postgres").AddDatabase("roomdb");
        var cache = builder.AddRedis("cache");

        var room = builder.AddProject<Projects.Room_Api>("room").WithReference(roomDb).WithReference(kafka).WaitFor(roomDb).WaitFor(kafka);
        var roomView = builder.AddProject<Projects.RoomView_Api>("roomview").WithReference(cache).WithReference(kafka).WaitFor(cache).WaitFor(kafka);
        builder.AddProject<Projects.Gateway>("gateway").WithReference(room).WithReference(roomView).WaitFor(room).WaitFor(roomView).WithExternalHttpEndpoints();

        return builder.Build().Model;
    }

    public static ProjectResource Project(this DistributedApplicationModel model, string name) => (ProjectResource)model.Get(name);
}
