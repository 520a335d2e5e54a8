using Accommodation.Reservations.Api.Apis;
using Accommodation.Reservations.Api.Extensions;
using Accommodation.Reservations.Api.Grpc;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceAuthentication("reservation");
builder.AddApplicationServices();
builder.ListenForGrpcBesideRest();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapReservationsApi();
app.MapGrpcService<ReservationsGrpcService>();

app.Run();
