namespace Accommodation.Hosting.ApplicationModel;

/// <summary>A resource others reach through a connection string, passed to them as ConnectionStrings__{Name}.</summary>
public interface IResourceWithConnectionString : IResource;
