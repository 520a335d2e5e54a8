namespace Deploy.Tests.Shapes;

/// <summary>Where a deployment target differs from the AppHost: one sentence per difference, none when they agree.</summary>
internal static class ShapeComparison
{
    /// <param name="appHost">The services as the AppHost declares them.</param>
    /// <param name="target">The same services as a deployment target has them.</param>
    /// <param name="imagePorts">Per service, the ports its container image declares (ContainerPort).</param>
    /// <param name="compareReplicas">False for a target that scales down on purpose (the dev overlay).</param>
    public static IReadOnlyList<string> Differences(
        IReadOnlyList<ServiceShape> appHost,
        IReadOnlyList<ServiceShape> target,
        IReadOnlyDictionary<string, IReadOnlySet<int>> imagePorts,
        bool compareReplicas = true)
    {
        var differences = new List<string>();
        var targetByName = target.ToDictionary(service => service.Name);
        foreach (var extra in target.Where(service => appHost.All(expected => expected.Name != service.Name)))
        {
            differences.Add($"{extra.Name}: deployed, but not in the AppHost");
        }

        foreach (var expected in appHost)
        {
            if (!targetByName.TryGetValue(expected.Name, out var actual))
            {
                differences.Add($"{expected.Name}: in the AppHost, but not deployed");
                continue;
            }

            void Check(bool agrees, string what)
            {
                if (!agrees)
                {
                    differences.Add($"{expected.Name}: {what}");
                }
            }

            Check(SameSet(expected.Endpoints.Keys, actual.Endpoints.Keys), $"endpoints {Listed(actual.Endpoints.Keys)}, the AppHost has {Listed(expected.Endpoints.Keys)}");
            foreach (var (endpoint, port) in actual.Endpoints)
            {
                var declared = imagePorts.GetValueOrDefault(expected.Name) ?? new HashSet<int>();
                Check(port is { } value && declared.Contains(value), $"endpoint {endpoint} on port {port}, the image declares {Listed(declared)}");
            }

            Check(SameSet(expected.Connections, actual.Connections), $"connection strings {Listed(actual.Connections)}, the AppHost gives {Listed(expected.Connections)}");
            Check(SameSet(expected.References, actual.References), $"services {Listed(actual.References)}, the AppHost gives {Listed(expected.References)}");
            var missingSettings = expected.Settings.Except(actual.Settings).Order().ToList();
            Check(missingSettings.Count == 0, $"not given {Listed(missingSettings)}");
            Check(expected.External == actual.External, expected.External ? "not reachable from outside" : "reachable from outside, the AppHost keeps it inside");
            Check(expected.StartupPath == actual.StartupPath, $"start-up probe on {actual.StartupPath ?? "nothing"}, the AppHost waits on {expected.StartupPath}");
            Check(expected.ReadinessPath == actual.ReadinessPath, $"readiness probe on {actual.ReadinessPath ?? "nothing"}, the AppHost probes {expected.ReadinessPath}");
            Check(expected.LivenessPath == actual.LivenessPath, $"liveness probe on {actual.LivenessPath ?? "nothing"}, the AppHost probes {expected.LivenessPath}");
            if (compareReplicas)
            {
                Check(expected.MinReplicas == actual.MinReplicas, $"at least {actual.MinReplicas} replicas, the AppHost runs {expected.MinReplicas}");
                Check(expected.MaxReplicas is null || expected.MaxReplicas == actual.MaxReplicas, $"at most {actual.MaxReplicas?.ToString() ?? "a fixed count of"} replicas, the AppHost scales to {expected.MaxReplicas}");
            }
        }

        return differences;
    }

    private static bool SameSet(IEnumerable<string> expected, IEnumerable<string> actual) => expected.ToHashSet().SetEquals(actual);

    private static string Listed<T>(IEnumerable<T> items) => items.Any() ? "[" + string.Join(", ", items.Order()) + "]" : "none";
}
