using Deploy.Tests.Shapes;
using Deploy.Tests.Tools;
using k8s;
using k8s.Models;

namespace Deploy.Tests;

/// <summary>deploy/k8s: each overlay renders with Debian's kubectl, and every object is valid Kubernetes.</summary>
public sealed class KubernetesManifestTests
{
    public static TheoryData<string> Overlays => new() { "dev", "prod" };

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Renders_with_every_kubectl_here_into_known_kinds_with_only_fields_the_api_has(string overlay)
    {
        var yaml = await Kubectl.KustomizeAsync(Kubectl.Debian, overlay);

        // KubernetesClient's models are generated from the API's OpenAPI schema; strict reading refuses any other field.
        var objects = KubernetesShapes.Load(yaml);

        Assert.Contains(objects, item => item is V1Deployment);
        Assert.DoesNotContain(objects, item => item is not IKubernetesObject);

        // Debian's kubectl is the oldest kustomize these files must work with; a newer one here must agree with it.
        if (await Kubectl.NewerOnPathAsync() is { } newer)
        {
            var newerObjects = KubernetesShapes.Load(await Kubectl.KustomizeAsync(newer, overlay));
            Assert.Equal(objects.Select(item => KubernetesJson.Serialize(item)).Order(), newerObjects.Select(item => KubernetesJson.Serialize(item)).Order());
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_object_has_the_fields_the_api_requires(string overlay)
    {
        var yaml = await Kubectl.KustomizeAsync(Kubectl.Debian, overlay);

        var validation = await CommandLine.RunAsync("node", ["validate.mjs"], yaml, Repository.PathOf("tests/Deploy.Tests/KubernetesSchemas"));

        Assert.True(validation.ExitCode == 0, validation.ToString());
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Rolling_updates_never_take_a_serving_replica_away_and_every_container_has_requests_and_limits(string overlay)
    {
        var objects = KubernetesShapes.Load(await Kubectl.KustomizeAsync(Kubectl.Debian, overlay));

        foreach (var deployment in objects.OfType<V1Deployment>())
        {
            Assert.Equal("RollingUpdate", deployment.Spec.Strategy?.Type);
            Assert.Equal("0", deployment.Spec.Strategy!.RollingUpdate?.MaxUnavailable?.Value);
            foreach (var container in deployment.Spec.Template.Spec.Containers)
            {
                Assert.True(container.Resources?.Requests?.ContainsKey("cpu") == true && container.Resources.Requests.ContainsKey("memory"), $"{deployment.Metadata.Name}: requests");
                Assert.True(container.Resources.Limits?.ContainsKey("memory") == true, $"{deployment.Metadata.Name}: memory limit");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_deployment_has_a_disruption_budget_that_selects_its_pods(string overlay)
    {
        var objects = KubernetesShapes.Load(await Kubectl.KustomizeAsync(Kubectl.Debian, overlay));
        var budgets = objects.OfType<V1PodDisruptionBudget>().ToList();

        foreach (var deployment in objects.OfType<V1Deployment>())
        {
            var labels = deployment.Spec.Template.Metadata.Labels;
            Assert.True(
                budgets.Any(budget => budget.Spec.Selector.MatchLabels.All(label => labels.TryGetValue(label.Key, out var value) && value == label.Value)),
                $"{deployment.Metadata.Name} has no PodDisruptionBudget");
        }
    }

    [Fact]
    public async Task Payment_scales_out_at_15_percent_cpu_to_at_most_10_replicas_as_the_requirements_say()
    {
        var objects = KubernetesShapes.Load(await Kubectl.KustomizeAsync(Kubectl.Debian, "prod"));

        var autoscaler = Assert.Single(objects.OfType<V2HorizontalPodAutoscaler>(), item => item.Spec.ScaleTargetRef.Name == "payment");
        Assert.Equal(10, autoscaler.Spec.MaxReplicas);
        var cpu = Assert.Single(autoscaler.Spec.Metrics, metric => metric.Resource?.Name == "cpu");
        Assert.Equal(15, cpu.Resource.Target.AverageUtilization);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task No_secret_is_in_the_repository_and_every_secret_a_pod_reads_is_in_the_example(string overlay)
    {
        var objects = KubernetesShapes.Load(await Kubectl.KustomizeAsync(Kubectl.Debian, overlay));
        var example = KubernetesYaml.Deserialize<V1Secret>(await File.ReadAllTextAsync(Repository.PathOf("deploy/k8s/base/secret.example.yaml")), strict: true);
        var exampleKeys = (example.StringData?.Keys ?? []).Concat(example.Data?.Keys ?? []).ToHashSet();

        Assert.DoesNotContain(objects, item => item is V1Secret);
        var references = objects.OfType<V1Deployment>()
            .SelectMany(deployment => deployment.Spec.Template.Spec.Containers)
            .SelectMany(container => container.Env ?? [])
            .Select(variable => variable.ValueFrom?.SecretKeyRef)
            .OfType<V1SecretKeySelector>()
            .ToList();
        Assert.NotEmpty(references);
        Assert.All(references, reference => Assert.True(reference.Name == example.Metadata.Name && exampleKeys.Contains(reference.Key), $"{reference.Name}/{reference.Key}"));
    }
}
