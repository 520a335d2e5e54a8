using Accommodation.Hosting;
using Accommodation.Hosting.Projects;

namespace AppHost.Tests.Model;

/// <summary>The model built by the AppHost's own Program.cs, with nothing started.</summary>
internal static class AppHostModel
{
    public static DistributedApplicationModel Load(params string[] args) =>
        DistributedApplication.LoadModel(typeof(Projects.Gateway).Assembly, args);

    public static ProjectResource Project(this DistributedApplicationModel model, string name) => (ProjectResource)model.Get(name);
}
