using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using ServiceDefaults.Tests.Support;

namespace ServiceDefaults.Tests;

public sealed class ProblemDetailsTests
{
    private const string ProblemJson = "application/problem+json";

    [Theory]
    [InlineData("{ \"number\": \"101\", ")]
    [InlineData("{ \"number\": 101, \"pricePerNight\": 80 }")]
    public async Task Malformed_json_is_a_400_problem_not_a_500(string body)
    {
        await using var app = await StartAsync();

        using var response = await app.Client.PostAsync("/rooms", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await ReadProblemAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Title));
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
    }

    [Fact]
    public async Task A_json_value_of_the_wrong_type_names_its_field_in_errors()
    {
        await using var app = await StartAsync();

        using var response = await app.Client.PostAsync("/rooms", new StringContent("""{ "number": "101", "pricePerNight": "eighty" }""", Encoding.UTF8, "application/json"));
        var problem = await ReadProblemAsync<HttpValidationProblemDetails>(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["pricePerNight"], problem.Errors.Keys);
        Assert.DoesNotContain("System.", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/rooms/not-a-guid", "id")]
    [InlineData("/rooms?pageIndex=x", "pageIndex")]
    [InlineData("/rooms?pageIndex=99999999999", "pageIndex")]
    public async Task A_route_or_query_value_that_does_not_bind_names_its_parameter_in_errors(string path, string field)
    {
        await using var app = await StartAsync();

        using var response = await app.Client.GetAsync(path);
        var problem = await ReadProblemAsync<HttpValidationProblemDetails>(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], problem.Errors.Keys);
    }

    [Fact]
    public async Task Json_that_does_not_parse_blames_no_field()
    {
        await using var app = await StartAsync();

        using var response = await app.Client.PostAsync("/rooms", new StringContent("""{ "number": "101", """, Encoding.UTF8, "application/json"));
        var problem = await ReadProblemAsync<HttpValidationProblemDetails>(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(problem.Errors);
    }

    [Theory]
    [InlineData("klingon")]
    [InlineData("")]
    public async Task A_charset_without_an_encoding_is_a_415_problem_not_a_500(string charset)
    {
        await using var app = await StartAsync();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{ "number": "101", "pricePerNight": 80 }"""));
        content.Headers.TryAddWithoutValidation("Content-Type", $"application/json; charset={charset}");

        using var response = await app.Client.PostAsync("/rooms", content);
        var problem = await ReadProblemAsync(response);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(415, problem.Status);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        await using var app = await StartAsync();

        using var response = await app.Client.GetAsync("/nowhere");
        var problem = await ReadProblemAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Title));
    }

    [Fact]
    public async Task An_unhandled_exception_is_a_500_problem_without_internals()
    {
        await using var app = await StartAsync();

        using var response = await app.Client.GetAsync("/crash");
        var problem = await ReadProblemAsync(response);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(500, problem.Status);
        Assert.DoesNotContain("secret internals", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_is_a_503_problem_with_retry_after_not_a_500()
    {
        await using var app = await StartAsync();

        using var response = await app.Client.GetAsync("/database");
        var problem = await ReadProblemAsync(response);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(503, problem.Status);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Validation_errors_from_data_annotations_are_keyed_by_the_json_field_names()
    {
        await using var app = await StartAsync();

        using var response = await app.Client.PostAsJsonAsync("/rooms", new { number = "101", pricePerNight = -5 });
        var problem = await ReadProblemAsync<HttpValidationProblemDetails>(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["pricePerNight"], problem.Errors.Keys);
    }

    [Fact]
    public async Task Validation_errors_written_by_the_service_are_keyed_by_the_json_field_names()
    {
        await using var app = await StartAsync();

        using var response = await app.Client.PostAsync("/prices", content: null);
        var problem = await ReadProblemAsync<HttpValidationProblemDetails>(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["pricePerNight", "roomType", "stay.checkIn"], problem.Errors.Keys.Order());
    }

    private static Task<TestApp> StartAsync()
    {
        var builder = TestApp.CreateBuilder();
        builder.AddServiceDefaults();
        builder.Services.AddValidation();
        return TestApp.StartAsync(builder, app =>
        {
            app.MapDefaultEndpoints();
            app.MapPost("/rooms", (RoomRequest room) => TypedResults.Created($"/rooms/{room.Number}", room));
            app.MapGet("/rooms/{id}", (Guid id) => TypedResults.Ok(id));
            app.MapGet("/rooms", (int pageIndex) => TypedResults.Ok(pageIndex));
            app.MapPost("/prices", () => TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["PricePerNight"] = ["Must be positive."],
                ["RoomType"] = ["Unknown room type."],
                ["Stay.CheckIn"] = ["Must be before check-out."],
            }));
            app.MapGet("/crash", IResult () => throw new InvalidOperationException("secret internals"));
            app.MapGet("/database", async () =>
            {
                // Nothing listens there: the connection fails as it does while PostgreSQL restarts.
                await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={DeadEndpoint.Port()};Username=x;Password=x;Timeout=2");
                await connection.OpenAsync();
                return TypedResults.Ok();
            });
        });
    }

    private static Task<ProblemDetails> ReadProblemAsync(HttpResponseMessage response) => ReadProblemAsync<ProblemDetails>(response);

    private static async Task<TProblem> ReadProblemAsync<TProblem>(HttpResponseMessage response) where TProblem : ProblemDetails
    {
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<TProblem>(JsonSerializerOptions.Web);
        return Assert.IsType<TProblem>(problem);
    }
}

public sealed record RoomRequest(string Number, [property: Range(0.01, 100_000)] decimal PricePerNight);
