using Accommodation.WebApp.Components;
using Accommodation.WebApp.Extensions;
using Accommodation.WebApp.Localization;
using Accommodation.WebApp.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddWebAuthentication();
builder.AddApplicationServices();

var app = builder.Build();

app.UseWebHardening();
app.UseRequestLocalization();
app.MapDefaultEndpoints();
// Pages, not problem details: a failure or an unknown address gets a page in the user's language.
app.UseExceptionHandler("/error", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();

app.MapStaticAssets();
app.MapSignInEndpoints();
app.MapCultureEndpoint();
// The policy above already says frame-ancestors 'none'; Blazor's own header would only repeat it, weaker.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(server => server.ContentSecurityFrameAncestorsPolicy = null);

app.Run();
