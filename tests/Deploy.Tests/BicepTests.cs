using System.Text.Json.Nodes;
using Accommodation.Hosting;
using Accommodation.Hosting.Kafka;
using Accommodation.Hosting.Postgres;
using Deploy.Tests.Tools;

namespace Deploy.Tests;

/// <summary>infra/ compiles and lints with the Bicep CLI, and provisions what the AppHost runs locally.</summary>
public sealed class BicepTests
{
    private static readonly string MainBicep = Repository.PathOf("infra/main.bicep");

    [Fact]
    public async Task Main_bicep_compiles_without_a_warning()
    {
        var build = await Bicep.BuildAsync(MainBicep);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.True(build.Error.Trim().Length == 0, build.Error);
    }

    [Fact]
    public async Task Every_bicep_file_lints_clean()
    {
        var files = Directory.GetFiles(Repository.PathOf("infra"), "*.bicep", SearchOption.AllDirectories);
        Assert.NotEmpty(files);

        foreach (var file in files)
        {
            var lint = await Bicep.LintAsync(file);
            Assert.True(lint.ExitCode == 0 && (lint.Output + lint.Error).Trim().Length == 0, $"{Path.GetRelativePath(Repository.Root, file)}: {lint}");
        }
    }

    [Fact]
    public async Task The_parameters_file_sets_every_required_parameter_and_only_parameters_main_bicep_has()
    {
        var template = await Bicep.CompileAsync(MainBicep);
        var declared = template["parameters"]!.AsObject();
        var given = JsonNode.Parse(await File.ReadAllTextAsync(Repository.PathOf("infra/main.parameters.json")))!["parameters"]!.AsObject();

        Assert.All(given, parameter => Assert.True(declared.ContainsKey(parameter.Key), $"{parameter.Key} is not a parameter of main.bicep"));
        var required = declared.Where(parameter => parameter.Value!["defaultValue"] is null);
        Assert.All(required, parameter => Assert.True(given.ContainsKey(parameter.Key), $"{parameter.Key} is required but not given"));
    }

    [Fact]
    public async Task One_database_per_AppHost_database_and_one_event_hub_per_AppHost_topic()
    {
        var model = DistributedApplication.LoadModel(typeof(Projects.Gateway).Assembly);
        var variables = (await Bicep.CompileAsync(MainBicep))["variables"]!;

        var databases = variables["databaseNames"]!.AsArray().Select(name => (string)name!);
        Assert.Equal(model.Resources.OfType<PostgresDatabaseResource>().Select(database => database.DatabaseName).Order(), databases.Order());

        var eventHubs = variables["topics"]!.AsArray().Select(topic => new KafkaTopic((string)topic!["name"]!, (int)topic["partitions"]!));
        Assert.Equal(model.Resources.OfType<KafkaResource>().Single().Topics.OrderBy(topic => topic.Name), eventHubs.OrderBy(topic => topic.Name));
    }

    [Fact]
    public async Task Azd_gets_the_gateways_url_and_the_registry_it_pushes_images_to()
    {
        var outputs = (await Bicep.CompileAsync(MainBicep))["outputs"]!.AsObject();

        Assert.Contains("GATEWAY_URL", outputs.Select(output => output.Key));
        Assert.Contains("AZURE_CONTAINER_REGISTRY_ENDPOINT", outputs.Select(output => output.Key));
    }
}
