using Accommodation.Gateway.ServiceDiscovery;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace Accommodation.Gateway.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Routes and clusters live in configuration ("ReverseProxy"); cluster addresses name services, not hosts.
        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        builder.Services.AddSingleton<IDestinationResolver, ServiceDiscoveryDestinationResolver>();
    }
}
