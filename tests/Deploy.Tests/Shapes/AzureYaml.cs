using YamlDotNet.RepresentationModel;

namespace Deploy.Tests.Shapes;

/// <summary>One service of azd's azure.yaml.</summary>
public sealed record AzdService(string Name, string Project, string Language, string Host);

internal static class AzureYaml
{
    public static IReadOnlyList<AzdService> Services(string path)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(path))
        {
            stream.Load(reader);
        }

        var services = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["services"];
        return services.Children
            .Select(entry => (Name: ((YamlScalarNode)entry.Key).Value!, Settings: (YamlMappingNode)entry.Value))
            .Select(service => new AzdService(service.Name, Scalar(service.Settings, "project"), Scalar(service.Settings, "language"), Scalar(service.Settings, "host")))
            .ToList();
    }

    private static string Scalar(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value ?? "" : "";
}
