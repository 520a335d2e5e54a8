using Accommodation.WebApp.Security;
using static Accommodation.WebApp.Apis.ApiClient;

namespace Accommodation.WebApp.Apis;

/// <summary>The notices sent to the signed-in customer (notification service), newest first.</summary>
public sealed class NoticesApi(HttpClient http, UserAccessToken token)
{
    public Task<Page<Notice>> ListAsync(int pageIndex, int pageSize, CancellationToken cancellationToken) =>
        http.ReadAsync<Page<Notice>>(token, Get($"/api/v1/notices?pageIndex={pageIndex}&pageSize={pageSize}"), cancellationToken);
}
