using Microsoft.Playwright;

namespace AppHost.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright for .NET (Playwright's own browser download needs the internet). Pages get a
/// desktop-sized viewport; screenshots go to <see cref="ScreenshotDirectory"/>, which the test log names.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ScreenshotDirectory { get; } = Environment.GetEnvironmentVariable("SCREENSHOT_DIRECTORY") is { Length: > 0 } directory
        ? directory
        : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: run ./scripts/setup.sh, which installs Debian's chromium.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true });
        // The system under test is busy on two cores: pages may take their time.
        Assertions.SetDefaultExpectTimeout(60_000);
    }

    /// <summary>A fresh browser context (no cookies) and a page in it.</summary>
    public Task<IPage> NewPageAsync() => NewPageAsync(1440, 900);

    /// <summary>A fresh browser context of this window size (390 × 844 is a phone) and language (en-US unless said).</summary>
    public async Task<IPage> NewPageAsync(int width, int height, string locale = "en-US")
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = locale });
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        return path;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
