var builder = DistributedApplication.CreateBuilder(args);

// Infrastructure
var kafka = builder.AddKafka("kafka")
    .WithTopic("room-events", partitions: 4)
    .WithTopic("reservation-events", partitions: 4)
    .WithTopic("payment-events", partitions: 4);

var postgres = builder.AddPostgres("postgres");
var roomDb = postgres.AddDatabase("roomdb");
var reservationDb = postgres.AddDatabase("reservationdb");
var paymentDb = postgres.AddDatabase("paymentdb");
var notificationDb = postgres.AddDatabase("notificationdb");
var identityDb = postgres.AddDatabase("identitydb");

var cache = builder.AddRedis("cache");

// Services
// Identity issues the tokens every service checks. Its keys are made once and kept with the AppHost's data, so tokens
// and sign-ins outlive a restart; its issuer is the gateway's public address (set below).
var identity = builder.AddProject<Projects.Identity_Api>("identity")
    .WithReference(identityDb)
    .WaitFor(identityDb)
    .WithEnvironment("Identity__Keys__Directory", Path.Combine(builder.DataDirectory, "identity-keys"));

// Payment scales out under load as the requirements' HPA did (1 → 10); each replica approves 8 payments at once.
var payment = builder.AddProject<Projects.Payment_Api>("payment")
    .WithAutoscaling(minReplicas: 1, maxReplicas: 10, targetInFlight: 6)
    .WithReference(paymentDb)
    .WithReference(kafka)
    .WithReference(identity)
    .WaitFor(paymentDb)
    .WaitFor(kafka);

// Reservations are taken even while payment or room are down: reservation references payment but does not wait for it.
// Reservation also speaks gRPC (its second inbound adapter), as h2c on an endpoint of its own.
var reservation = builder.AddProject<Projects.Reservation_Api>("reservation")
    .WithEndpoint("grpc", env: "Reservation__GrpcUrl")
    .WithReference(reservationDb)
    .WithReference(kafka)
    .WithReference(payment)
    .WithReference(identity)
    .WaitFor(reservationDb)
    .WaitFor(kafka);

var room = builder.AddProject<Projects.Room_Api>("room")
    .WithReference(roomDb)
    .WithReference(kafka)
    .WithReference(identity)
    .WaitFor(roomDb)
    .WaitFor(kafka);

// Two of each consumer: Kafka splits the partitions between them, and the inbox keeps every effect single.
var notification = builder.AddProject<Projects.Notification_Api>("notification")
    .WithReplicas(2)
    .WithReference(notificationDb)
    .WithReference(kafka)
    .WithReference(identity)
    .WaitFor(notificationDb)
    .WaitFor(kafka);

var roomView = builder.AddProject<Projects.RoomView_Api>("roomview")
    .WithReplicas(2)
    .WithReference(cache)
    .WithReference(kafka)
    .WithReference(identity)
    .WaitFor(cache)
    .WaitFor(kafka);

// The web app: customer and manager pages, served through the gateway. It calls each service itself with the user's
// token, as the gateway would route it; it keeps its cookie keys with the AppHost's data so sign-ins outlive a restart.
var web = builder.AddProject<Projects.WebApp>("web")
    .WithReference(identity)
    .WithReference(room)
    .WithReference(roomView)
    .WithReference(reservation)
    .WithReference(notification)
    .WithEnvironment("WebApp__KeysDirectory", Path.Combine(builder.DataDirectory, "web-keys"))
    .WaitFor(identity);

// Edge
var gateway = builder.AddProject<Projects.Gateway>("gateway")
    .WithReference(identity)
    .WithReference(room)
    .WithReference(roomView)
    .WithReference(reservation)
    .WithReference(payment)
    .WithReference(notification)
    .WithReference(web)
    .WaitFor(room)
    .WaitFor(roomView)
    .WaitFor(reservation)
    .WaitFor(payment)
    .WaitFor(notification)
    .WaitFor(identity)
    .WaitFor(web)
    .WithExternalHttpEndpoints();

// Identity names the gateway as its issuer, and sends the web app's sign-ins back through it (besides the
// http://localhost:5000 of its own settings, so either name of this machine works in a browser).
identity.WithEnvironment("Identity__Issuer", gateway.GetEndpoint("http"))
    .WithEnvironment("Identity__Clients__web__RedirectUris__1", gateway.GetEndpoint("http"), "/signin-oidc")
    .WithEnvironment("Identity__Clients__web__PostLogoutRedirectUris__1", gateway.GetEndpoint("http"), "/signout-callback-oidc");

builder.Build().Run();
