using System.Text.Json.Nodes;

namespace Deploy.Tests.Shapes;

/// <summary>
/// The services as infra/main.bicep deploys them, read from its compiled ARM template: one module deployment of
/// app/container-app.bicep per service, whose parameters say what the app gets and whose template says how it is probed.
/// </summary>
internal static class BicepShapes
{
    public static IReadOnlyList<ServiceShape> Read(JsonObject mainTemplate) =>
        ResourcesOf(mainTemplate)
            .Where(resource => (string?)resource["type"] == "Microsoft.Resources/deployments")
            .Select(deployment => deployment["properties"]!.AsObject())
            .Where(properties => ResourcesOf(properties["template"]!.AsObject()).Any(resource => (string?)resource["type"] == "Microsoft.App/containerApps"))
            .Select(Of)
            .ToList();

    private static ServiceShape Of(JsonObject module)
    {
        var template = module["template"]!.AsObject();
        string? Parameter(string name) => ParameterNode(module, name)?.ToJsonString();
        var extraEndpoints = ParameterNode(module, "extraEndpoints")!.AsArray().Select(endpoint => endpoint!.AsObject()).ToList();
        var probes = template["variables"]!["probes"]!.AsArray().ToDictionary(probe => (string)probe!["type"]!, probe => (string?)probe!["httpGet"]!["path"]);
        return new ServiceShape
        {
            Name = (string)ParameterNode(module, "name")!,
            Endpoints = extraEndpoints
                .Select(endpoint => KeyValuePair.Create((string)endpoint["name"]!, (int?)(int)endpoint["port"]!))
                .Append(KeyValuePair.Create("http", (int?)(int)template["variables"]!["port"]!))
                .ToDictionary(),
            Connections = Strings(ParameterNode(module, "connectionStrings")),
            References = Strings(ParameterNode(module, "references")),
            Settings = Keys(ParameterNode(module, "env"))
                .Concat(Keys(ParameterNode(module, "envFromVault")))
                .Concat(extraEndpoints.Select(endpoint => (string)endpoint["env"]!))
                .ToHashSet(),
            External = Parameter("external") == "true",
            MinReplicas = int.Parse(Parameter("minReplicas")!),
            MaxReplicas = int.Parse(Parameter("maxReplicas")!),
            StartupPath = probes.GetValueOrDefault("Startup"),
            ReadinessPath = probes.GetValueOrDefault("Readiness"),
            LivenessPath = probes.GetValueOrDefault("Liveness"),
        };
    }

    /// <summary>The value main.bicep passes, or else the module's default.</summary>
    private static JsonNode? ParameterNode(JsonObject module, string name) =>
        module["parameters"]?[name]?["value"] ?? module["template"]!["parameters"]![name]!["defaultValue"];

    /// <summary>Resources are an array, or an object by symbolic name in language version 2.0 templates.</summary>
    private static IEnumerable<JsonObject> ResourcesOf(JsonObject template) =>
        template["resources"] switch
        {
            JsonArray array => array.Select(resource => resource!.AsObject()),
            JsonObject byName => byName.Select(entry => entry.Value!.AsObject()),
            _ => [],
        };

    private static HashSet<string> Strings(JsonNode? array) =>
        array?.AsArray().Select(item => (string)item!).ToHashSet() ?? [];

    private static IEnumerable<string> Keys(JsonNode? map) =>
        map?.AsObject().Select(entry => entry.Key) ?? [];
}
