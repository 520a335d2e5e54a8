using Accommodation.Gateway.ApiReference;
using Accommodation.Gateway.Extensions;
using Accommodation.Gateway.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.AddGatewayHardening();

var app = builder.Build();

app.UseGatewayHardening();
app.MapDefaultEndpoints();
app.MapApiReference();
app.MapReverseProxy();

app.Run();
