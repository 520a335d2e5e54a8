using Accommodation.Hosting.ApplicationModel;

namespace Accommodation.Hosting;

/// <summary>Fluent access to one resource of the model, as Aspire's IResourceBuilder&lt;T&gt;.</summary>
public interface IResourceBuilder<out T>
    where T : IResource
{
    DistributedApplicationBuilder ApplicationBuilder { get; }

    T Resource { get; }

    IResourceBuilder<T> WithAnnotation(IResourceAnnotation annotation);
}
