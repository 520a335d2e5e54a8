using Accommodation.Rooms.Api.Apis;
using Accommodation.Rooms.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceAuthentication("room");
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapRoomsApi();

app.Run();
