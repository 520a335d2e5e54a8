using k8s;
using k8s.Models;

namespace Deploy.Tests.Shapes;

/// <summary>
/// The services as a rendered kustomize overlay deploys them: a Deployment and a Service per service, an
/// HorizontalPodAutoscaler where it scales, and the Ingress for what the internet reaches.
/// </summary>
internal static class KubernetesShapes
{
    /// <summary>Every object of a rendered overlay, read strictly: an unknown field or a wrong type throws.</summary>
    public static IReadOnlyList<object> Load(string renderedYaml) => KubernetesYaml.LoadAllFromString(renderedYaml, strict: true);

    public static IReadOnlyList<ServiceShape> Read(IReadOnlyList<object> objects)
    {
        var services = objects.OfType<V1Service>().ToDictionary(service => service.Metadata.Name);
        var autoscalers = objects.OfType<V2HorizontalPodAutoscaler>().ToDictionary(autoscaler => autoscaler.Spec.ScaleTargetRef.Name);
        var publicServices = objects.OfType<V1Ingress>()
            .SelectMany(ingress => ingress.Spec.Rules ?? [])
            .SelectMany(rule => rule.Http?.Paths ?? [])
            .Select(path => path.Backend.Service.Name)
            .ToHashSet();

        return objects.OfType<V1Deployment>()
            .Select(deployment => Of(deployment, services.GetValueOrDefault(deployment.Metadata.Name), autoscalers.GetValueOrDefault(deployment.Metadata.Name), publicServices))
            .ToList();
    }

    private static ServiceShape Of(V1Deployment deployment, V1Service? service, V2HorizontalPodAutoscaler? autoscaler, HashSet<string> publicServices)
    {
        var name = deployment.Metadata.Name;
        var container = deployment.Spec.Template.Spec.Containers.SingleOrDefault(container => container.Name == name)
            ?? throw new InvalidOperationException($"Deployment {name} has no container named {name}.");
        var environment = (container.Env ?? []).Select(variable => variable.Name).ToList();
        var exposedPorts = (service?.Spec.Ports ?? []).Select(port => port.TargetPort?.Value).ToHashSet();

        return new ServiceShape
        {
            Name = name,
            // An endpoint is a named container port that the Service of the same name exposes.
            Endpoints = (container.Ports ?? [])
                .Where(port => port.Name is not null && (exposedPorts.Contains(port.Name) || exposedPorts.Contains(port.ContainerPort.ToString())))
                .ToDictionary(port => port.Name, port => (int?)port.ContainerPort),
            Connections = NamesBetween(environment, "ConnectionStrings__", ""),
            References = NamesBetween(environment, "services__", "__http__0"),
            Settings = environment.Where(variable => !variable.StartsWith("ConnectionStrings__") && !variable.StartsWith("services__")).ToHashSet(),
            External = publicServices.Contains(name),
            MinReplicas = autoscaler?.Spec.MinReplicas ?? deployment.Spec.Replicas ?? 1,
            MaxReplicas = autoscaler?.Spec.MaxReplicas,
            StartupPath = container.StartupProbe?.HttpGet?.Path,
            ReadinessPath = container.ReadinessProbe?.HttpGet?.Path,
            LivenessPath = container.LivenessProbe?.HttpGet?.Path,
        };
    }

    private static HashSet<string> NamesBetween(IEnumerable<string> variables, string prefix, string suffix) =>
        variables.Where(variable => variable.StartsWith(prefix) && variable.EndsWith(suffix))
            .Select(variable => variable[prefix.Length..^suffix.Length])
            .ToHashSet();
}
