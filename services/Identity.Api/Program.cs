using Accommodation.Identity.Api.Apis;
using Accommodation.Identity.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseGatewayForwardedHeaders();
app.MapDefaultEndpoints();
app.UseSecurityHeaders();
app.UseAntiforgery();
app.MapConnectApi();
app.MapAccountApi();

app.Run();
