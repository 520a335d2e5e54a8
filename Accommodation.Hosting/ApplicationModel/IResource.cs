namespace Accommodation.Hosting.ApplicationModel;

/// <summary>A named part of the distributed application; what it does is described by its annotations.</summary>
public interface IResource
{
    string Name { get; }

    IList<IResourceAnnotation> Annotations { get; }
}
