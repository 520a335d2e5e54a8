using Accommodation.Notification.Api.Domain;

namespace Accommodation.Notification.Api.Infrastructure.Channels;

/// <summary>Where and as whom KakaoTalk messages are sent, bound from <c>Notification:KakaoTalk</c>.</summary>
public sealed class KakaoTalkOptions
{
    public const string SectionName = "Notification:KakaoTalk";
    public const string EndpointKey = $"{SectionName}:{nameof(Endpoint)}";

    /// <summary>The absolute URL messages are POSTed to; none means notices only go to the log.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The sender profile key the KakaoTalk business channel issued.</summary>
    public string? SenderKey { get; set; }

    /// <summary>The template registered for each kind of notice; a kind not listed uses its own name.</summary>
    public Dictionary<NoticeKind, string> TemplateCodes { get; } = [];

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint);

    public string TemplateCodeFor(NoticeKind kind) => TemplateCodes.GetValueOrDefault(kind) ?? kind.ToString();

    internal bool IsValid() =>
        !IsConfigured
        || (Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https"
            && !string.IsNullOrWhiteSpace(SenderKey));
}
