using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Accommodation.Testing;

public static class ProblemAssert
{
    /// <summary>Asserts an RFC 9457 problem with <paramref name="status"/> and returns its body.</summary>
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>Asserts a 400 validation problem that names <paramref name="field"/> among its errors, and returns its body.</summary>
    public static async Task<JsonElement> HasErrorForAsync(HttpResponseMessage response, string field)
    {
        var problem = await IsProblemAsync(response, 400);
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"No error for {field}: {problem}");
        return problem;
    }
}
