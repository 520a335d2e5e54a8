using Accommodation.Gateway.ApiReference;
using Accommodation.Gateway.Extensions;
using Accommodation.Gateway.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.AddGatewayHardening();
builder.AddGatewayRateLimits();
// The gateway checks every token it forwards, whichever service it is for; each service checks it again.
builder.AddServiceAuthentication("reservation", "roomview", "room", "payment", "notification");

var app = builder.Build();

app.UseGatewayHardening();
app.MapDefaultEndpoints(afterAuthentication: pipeline => pipeline.UseRateLimiter());
app.MapApiReference();
app.MapReverseProxy();

app.Run();
