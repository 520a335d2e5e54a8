using Accommodation.Payments.Api.Apis;
using Accommodation.Payments.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceAuthentication("payment");
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseRateLimiter();
app.MapOpenApi().AllowAnonymous();
app.MapPaymentsApi();

app.Run();
