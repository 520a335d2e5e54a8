// The Accommodation system on Azure Container Apps, for `azd up`. Mirrors Accommodation.AppHost/Program.cs: the same
// eight services under the same names, with Azure's managed PostgreSQL, Redis and Event Hubs (Kafka) in place of the
// AppHost's local ones. Subscription scope, so azd's environment gets a resource group of its own.
targetScope = 'subscription'

import { platformSettings } from 'app/container-app.bicep'

@minLength(1)
@maxLength(64)
@description('azd environment name (AZURE_ENV_NAME): names the resource group and seeds every resource name.')
param environmentName string

@minLength(1)
@description('Azure region for every resource (AZURE_LOCATION).')
param location string

@description('The user or service principal running azd (AZURE_PRINCIPAL_ID): may read the vault\'s secrets.')
param principalId string = ''

@description('PostgreSQL administrator login; the services connect with it (they migrate their own schemas).')
param postgresAdminLogin string = 'accommodation'

@secure()
@description('PostgreSQL administrator password. azd generates it once and then reads it back from the vault.')
param postgresAdminPassword string

@secure()
@description('The reservation client\'s secret at identity (client credentials for payment.pay).')
param reservationClientSecret string

@secure()
@description('Password of the first manager, user "manager" (registers rooms, checks guests out): MANAGER_PASSWORD in azd\'s environment. Empty: no manager.')
param managerPassword string = ''

// Set by azd (SERVICE_<NAME>_RESOURCE_EXISTS): whether each app already exists, so its deployed image is kept.
param identityExists bool = false
param paymentExists bool = false
param reservationExists bool = false
param roomExists bool = false
param notificationExists bool = false
param roomviewExists bool = false
param webExists bool = false
param gatewayExists bool = false

var tags = { 'azd-env-name': environmentName }

// Globally unique names (registry, vault, servers) from the subscription, environment and region.
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))

var databaseNames = ['roomdb', 'reservationdb', 'paymentdb', 'notificationdb', 'identitydb']
// The AppHost's topics (WithTopic): 4 partitions each, and a one-partition dead-letter topic beside each.
var topics = [
  { name: 'room-events', partitions: 4 }
  { name: 'reservation-events', partitions: 4 }
  { name: 'payment-events', partitions: 4 }
  { name: 'room-events.dlt', partitions: 1 }
  { name: 'reservation-events.dlt', partitions: 1 }
  { name: 'payment-events.dlt', partitions: 1 }
]

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-11-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
  }
}

module appsIdentity 'modules/managed-identity.bicep' = {
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    name: 'id-apps-${resourceToken}'
  }
}

module registry 'modules/container-registry.bicep' = {
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    name: 'cr${resourceToken}'
    pullPrincipalId: appsIdentity.outputs.principalId
  }
}

module keyVault 'modules/key-vault.bicep' = {
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    name: 'kv-${resourceToken}'
    appsPrincipalId: appsIdentity.outputs.principalId
    deployerPrincipalId: principalId
    reservationClientSecret: reservationClientSecret
    managerPassword: managerPassword
    createFirstManager: !empty(managerPassword)
  }
}

module postgres 'modules/postgres.bicep' = {
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    name: 'psql-${resourceToken}'
    keyVaultName: keyVault.outputs.name
    administratorLogin: postgresAdminLogin
    administratorPassword: postgresAdminPassword
    databaseNames: databaseNames
  }
}

module redis 'modules/redis.bicep' = {
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    name: 'redis-${resourceToken}'
    keyVaultName: keyVault.outputs.name
  }
}

module eventHubs 'modules/event-hubs.bicep' = {
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    name: 'evhns-${resourceToken}'
    keyVaultName: keyVault.outputs.name
    topics: topics
  }
}

module containerAppsEnvironment 'modules/container-apps-environment.bicep' = {
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    name: 'cae-${resourceToken}'
    logAnalyticsWorkspaceName: monitoring.outputs.logAnalyticsWorkspaceName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
  }
}

module keyStorage 'modules/key-storage.bicep' = {
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    storageAccountName: 'st${resourceToken}'
    environmentName: containerAppsEnvironment.outputs.name
    // Each is also the environment storage name the identity and web apps mount (they depend on this module).
    shareNames: ['identity-keys', 'web-keys']
  }
}

// Every Key Vault secret an app may reference, by the secret name the app uses. Depending on these outputs also
// makes each app wait until its secrets exist.
var secretUris = union(toObject(postgres.outputs.connectionStrings, db => db.name, db => db.uri), {
  kafka: eventHubs.outputs.connectionStringUri
  cache: redis.outputs.connectionStringUri
  'reservation-client-secret': keyVault.outputs.reservationClientSecretUri
}, empty(managerPassword) ? {} : { 'manager-password': keyVault.outputs.firstManagerSecretUri })

var defaultDomain = containerAppsEnvironment.outputs.defaultDomain

// The gateway's public address, from the environment's domain rather than the gateway app's own output: identity
// needs it, and the gateway references identity, so taking it from the app would be a cycle.
var gatewayUrl = 'https://gateway.${defaultDomain}'

// What every app shares; the AppHost's per-service settings follow in each module call.
var platform platformSettings = {
  location: location
  tags: tags
  environmentId: containerAppsEnvironment.outputs.id
  environmentDefaultDomain: defaultDomain
  identityId: appsIdentity.outputs.id
  // Implicit dependency on the registry module, so AcrPull is granted before any app pulls.
  registryServer: registry.outputs.loginServer
  secretUris: secretUris
}

// Identity: its issuer is the gateway's public address, and it sends the web app's sign-ins back through it.
module identity 'app/container-app.bicep' = {
  scope: resourceGroup
  params: {
    name: 'identity'
    exists: identityExists
    connectionStrings: ['identitydb']
    envFromVault: {
      Identity__Clients__reservation__Secret: 'reservation-client-secret'
      // Only when MANAGER_PASSWORD was set (see secretUris).
      Identity__DemoUsers__manager__Password: 'manager-password'
    }
    env: {
      Identity__Issuer: gatewayUrl
      Identity__Clients__web__RedirectUris__1: '${gatewayUrl}/signin-oidc'
      Identity__Clients__web__PostLogoutRedirectUris__1: '${gatewayUrl}/signout-callback-oidc'
      // Signing and encryption keys shared by every replica and kept across restarts (the AppHost's identity-keys).
      Identity__Keys__Directory: '/mnt/keys'
      // The first manager, so rooms can be registered: user "manager" with MANAGER_PASSWORD (kept in the vault).
      Identity__SeedDemoUsers: string(!empty(managerPassword))
      Identity__DemoUsers__manager__Role: 'manager'
    }
    keysStorageName: 'identity-keys'
    platform: platform
  }
  dependsOn: [keyStorage]
}

// Payment scales out under load as the requirements' HPA did (1 → 10), at 6 requests in flight per replica.
module payment 'app/container-app.bicep' = {
  scope: resourceGroup
  params: {
    name: 'payment'
    exists: paymentExists
    minReplicas: 1
    maxReplicas: 10
    concurrentRequests: 6
    connectionStrings: ['paymentdb', 'kafka']
    references: ['identity']
    platform: platform
  }
}

// Reservation also speaks gRPC as h2c on an endpoint of its own (Reservation__GrpcUrl, as in the AppHost): port 8081,
// reachable inside the environment as reservation:8081. REST stays on 8080 (the image's ASPNETCORE_HTTP_PORTS).
module reservation 'app/container-app.bicep' = {
  scope: resourceGroup
  params: {
    name: 'reservation'
    exists: reservationExists
    connectionStrings: ['reservationdb', 'kafka']
    references: ['payment', 'identity']
    extraEndpoints: [{ name: 'grpc', port: 8081, env: 'Reservation__GrpcUrl' }]
    envFromVault: {
      Identity__ClientSecret: 'reservation-client-secret'
    }
    platform: platform
  }
}

module room 'app/container-app.bicep' = {
  scope: resourceGroup
  params: {
    name: 'room'
    exists: roomExists
    connectionStrings: ['roomdb', 'kafka']
    references: ['identity']
    platform: platform
  }
}

// Two of each consumer, as the AppHost runs them; at most 4, the topics' partition count (a fifth would sit idle).
module notification 'app/container-app.bicep' = {
  scope: resourceGroup
  params: {
    name: 'notification'
    exists: notificationExists
    minReplicas: 2
    maxReplicas: 4
    connectionStrings: ['notificationdb', 'kafka']
    references: ['identity']
    platform: platform
  }
}

module roomview 'app/container-app.bicep' = {
  scope: resourceGroup
  params: {
    name: 'roomview'
    exists: roomviewExists
    minReplicas: 2
    maxReplicas: 4
    connectionStrings: ['cache', 'kafka']
    references: ['identity']
    platform: platform
  }
}

// The web app (Blazor Server): sticky sessions, because a user's circuit lives in one replica's memory.
module web 'app/container-app.bicep' = {
  scope: resourceGroup
  params: {
    name: 'web'
    exists: webExists
    stickySessions: true
    references: ['identity', 'room', 'roomview', 'reservation', 'notification']
    env: {
      // Cookie and antiforgery keys shared by every replica and kept across restarts (the AppHost's web-keys).
      WebApp__KeysDirectory: '/mnt/keys'
    }
    keysStorageName: 'web-keys'
    platform: platform
  }
  dependsOn: [keyStorage]
}

// The edge: the one app with external ingress.
module gateway 'app/container-app.bicep' = {
  scope: resourceGroup
  params: {
    name: 'gateway'
    exists: gatewayExists
    external: true
    references: ['identity', 'room', 'roomview', 'reservation', 'payment', 'notification', 'web']
    env: {
      // Container Apps' ingress terminates TLS and sends X-Forwarded-For/-Proto: trusting them gives the gateway the
      // browser's scheme (forwarded on to identity and web) and the client's address (its per-IP rate limit).
      ASPNETCORE_FORWARDEDHEADERS_ENABLED: 'true'
      // Identity and web build browser redirects from X-Forwarded-Proto, which Container Apps' ingress overwrites
      // with the scheme of the hop it received: via http://<name> that is http, and identity (RequireHttps) refuses.
      // Through the internal HTTPS address the hop is https. (Overrides the cluster addresses in appsettings.json.)
      ReverseProxy__Clusters__identity__Destinations__identity__Address: 'https://identity.internal.${defaultDomain}'
      ReverseProxy__Clusters__web__Destinations__web__Address: 'https://web.internal.${defaultDomain}'
    }
    platform: platform
  }
}

// azd reads these into the environment (.azure/<env>/.env).
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer
output AZURE_CONTAINER_REGISTRY_NAME string = registry.outputs.name
output AZURE_CONTAINER_APPS_ENVIRONMENT_ID string = containerAppsEnvironment.outputs.id
output AZURE_CONTAINER_APPS_ENVIRONMENT_NAME string = containerAppsEnvironment.outputs.name
output AZURE_CONTAINER_APPS_ENVIRONMENT_DEFAULT_DOMAIN string = defaultDomain
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = appsIdentity.outputs.clientId
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output GATEWAY_URL string = gatewayUrl
