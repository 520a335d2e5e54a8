using System.Net.Http.Headers;
using Accommodation.WebApp.Security;
using Microsoft.AspNetCore.Mvc;

namespace Accommodation.WebApp.Apis;

/// <summary>
/// What every API client does with a request: the user's access token on it, and a refusal turned into an
/// <see cref="ApiProblemException"/>. A service down or unreachable is a 503 problem too, so the page says so.
/// </summary>
public static class ApiClient
{
    public static async Task<HttpResponseMessage> SendAsync(
        this HttpClient http, UserAccessToken? token, HttpRequestMessage request, CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token.GetAsync(cancellationToken));
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, completion, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            throw new ApiProblemException(System.Net.HttpStatusCode.ServiceUnavailable, new ProblemDetails { Title = "Service unavailable", Detail = exception.Message });
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var problem = response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json"
                ? await response.Content.ReadFromJsonAsync<ProblemDetails>(cancellationToken)
                : null;
            throw new ApiProblemException(response.StatusCode, problem);
        }
    }

    public static async Task<T> ReadAsync<T>(this HttpClient http, UserAccessToken? token, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(token, request, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
            ?? throw new InvalidOperationException($"{request.RequestUri} answered an empty body.");
    }

    public static HttpRequestMessage Get(string uri) => new(HttpMethod.Get, uri);

    public static HttpRequestMessage Post(string uri, object? body = null) =>
        new(HttpMethod.Post, uri) { Content = body is null ? null : JsonContent.Create(body) };

    public static HttpRequestMessage Patch(string uri, object body) => new(HttpMethod.Patch, uri) { Content = JsonContent.Create(body) };

    /// <summary>A path segment or query value as it must be written in a URL.</summary>
    public static string Escape(string value) => Uri.EscapeDataString(value);
}
