using Accommodation.Payments.Api.Apis;
using Accommodation.Payments.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseRateLimiter();
app.MapOpenApi();
app.MapPaymentsApi();

app.Run();
