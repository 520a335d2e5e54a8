namespace Accommodation.Hosting.ApplicationModel;

public abstract class Resource(string name) : IResource
{
    public string Name { get; } = name;

    public IList<IResourceAnnotation> Annotations { get; } = [];

    public override string ToString() => Name;
}
