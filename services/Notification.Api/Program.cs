using Accommodation.Notification.Api.Apis;
using Accommodation.Notification.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapNoticesApi();

app.Run();
