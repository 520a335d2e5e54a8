using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class OpenApiExtensions
{
    /// <summary>
    /// The service's OpenAPI document at /openapi/v1.json, naming no server: readers get it through the gateway
    /// (/openapi/{service}.json), and the paths are the gateway's, so a "try it" goes where the reader is.
    /// </summary>
    public static IServiceCollection AddServiceOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            // Left in, it would be this replica's own loopback address, which no reader can reach.
            document.Servers?.Clear();
            return Task.CompletedTask;
        }));
}
