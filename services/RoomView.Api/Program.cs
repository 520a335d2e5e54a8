using Accommodation.RoomView.Api.Apis;
using Accommodation.RoomView.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceAuthentication("roomview");
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapRoomInfosApi();
app.MapCustomerReservationsApi();

app.Run();
