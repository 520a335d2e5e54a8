// One service as a container app. Everything the AppHost gives a project is mirrored as environment variables:
// ConnectionStrings__<name> (from Key Vault references), services__<name>__http__0 (Container Apps' internal DNS
// resolves an app by its name), plus what main.bicep adds per app.

@description('What every app shares: where it runs, as whom, and the secrets it may reference.')
@export()
type platformSettings = {
  location: string
  tags: object
  environmentId: string
  @description('The environment\'s default domain, for the internal HTTPS address of identity.')
  environmentDefaultDomain: string
  @description('Resource id of the user-assigned identity: pulls the image and reads the Key Vault secrets.')
  identityId: string
  registryServer: string
  @description('Key Vault secret URI (versionless) per secret name; each app gets only those it uses.')
  secretUris: object
}

@description('An endpoint besides HTTP on 8080 (the AppHost\'s WithEndpoint): its port, and the variable that gives the service its URL.')
@export()
type extraEndpoint = {
  name: string
  port: int
  env: string
}

param name string
param platform platformSettings

@description('Whether the app already exists (azd\'s SERVICE_<NAME>_RESOURCE_EXISTS): then its current image is kept.')
param exists bool

@description('Only the gateway is reachable from the internet; every other app only from inside the environment.')
param external bool = false

param minReplicas int = 1
param maxReplicas int = 5

@description('Concurrent requests per replica before another is added (the AppHost\'s targetInFlight).')
param concurrentRequests int = 10

@description('Session affinity: Blazor Server keeps each circuit in one replica\'s memory.')
param stickySessions bool = false

@description('Connection names the service references; each is ConnectionStrings__<name> from the secret <name>.')
param connectionStrings array = []

@description('Other apps the service calls (the AppHost\'s WithReference); each is services__<name>__http__0.')
param references array = []

@description('Further environment variables that come from secrets: variable name → secret name. One whose secret is not in the vault (an optional one left unset) is left out.')
param envFromVault object = {}

@description('Endpoints besides HTTP, reachable inside the environment only (e.g. reservation\'s gRPC, h2c).')
param extraEndpoints extraEndpoint[] = []

@description('Further plain environment variables: name → value.')
param env object = {}

@description('Environment storage (Azure Files) mounted at keysMountPath, for keys every replica shares; empty: none.')
param keysStorageName string = ''
param keysMountPath string = '/mnt/keys'

// Until `azd deploy` pushes the real image, a stand-in that listens on 8080 like the services.
var placeholderImage = 'mcr.microsoft.com/dotnet/samples:aspnetapp'

var vaultVariables = filter(items(envFromVault), entry => contains(platform.secretUris, entry.value))

var secretNames = union(connectionStrings, map(vaultVariables, entry => entry.value))

var environmentVariables = concat(
  [
    { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
    // The AppHost names each service's telemetry after its resource; so does this (cloud role name in App Insights).
    { name: 'OTEL_SERVICE_NAME', value: name }
  ],
  map(connectionStrings, connection => { name: 'ConnectionStrings__${connection}', secretRef: connection }),
  map(references, reference => { name: 'services__${reference}__http__0', value: 'http://${reference}' }),
  // Outside Development the services fetch identity's discovery document, keys and token endpoint over HTTPS only
  // (Identity:RequireHttpsMetadata) and they prefer services:identity:https:0: the internal ingress's TLS address.
  contains(references, 'identity')
    ? [{ name: 'services__identity__https__0', value: 'https://identity.internal.${platform.environmentDefaultDomain}' }]
    : [],
  map(extraEndpoints, endpoint => { name: endpoint.env, value: 'http://+:${endpoint.port}' }),
  map(vaultVariables, entry => { name: entry.key, secretRef: entry.value }),
  map(items(env), entry => { name: entry.key, value: entry.value })
)

var port = 8080

// /health is readiness (every dependency), /alive liveness (the process only), as ServiceDefaults maps them and the
// AppHost probes them. Startup allows ~2 minutes (the AppHost's ReadinessTimeout): migrations run at start-up.
var probes = [
  {
    type: 'Startup'
    httpGet: { path: '/health', port: port }
    // 10 + 10 × 10 s; failureThreshold stays within the 1–10 Container Apps documents for probes.
    initialDelaySeconds: 10
    periodSeconds: 10
    failureThreshold: 10
    timeoutSeconds: 5
  }
  {
    type: 'Readiness'
    httpGet: { path: '/health', port: port }
    periodSeconds: 10
    failureThreshold: 3
    timeoutSeconds: 5
  }
  {
    // The AppHost's Liveness:Period and FailureThreshold: 5 s, 3.
    type: 'Liveness'
    httpGet: { path: '/alive', port: port }
    periodSeconds: 5
    failureThreshold: 3
    timeoutSeconds: 3
  }
]

module currentImage 'fetch-container-image.bicep' = {
  name: '${name}-current-image'
  params: {
    exists: exists
    name: name
  }
}

resource app 'Microsoft.App/containerApps@2025-01-01' = {
  name: name
  location: platform.location
  // azd finds the app to deploy a service to by this tag.
  tags: union(platform.tags, { 'azd-service-name': name })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${platform.identityId}': {}
    }
  }
  properties: {
    environmentId: platform.environmentId
    workloadProfileName: 'Consumption'
    configuration: {
      // Single: sticky sessions require it, and azd deploys by replacing the one active revision.
      activeRevisionsMode: 'Single'
      ingress: {
        external: external
        targetPort: port
        // HTTP/1.1 and HTTP/2 (WebSockets for Blazor Server's circuits through the gateway).
        transport: 'auto'
        // Internal apps are called as http://<name> inside the environment; only the public gateway redirects to HTTPS.
        allowInsecure: !external
        stickySessions: {
          affinity: stickySessions ? 'sticky' : 'none'
        }
        // TCP inside the environment: callers reach <name>:<port> directly.
        additionalPortMappings: [
          for endpoint in extraEndpoints: {
            external: false
            targetPort: endpoint.port
            exposedPort: endpoint.port
          }
        ]
      }
      registries: [
        {
          server: platform.registryServer
          identity: platform.identityId
        }
      ]
      // Key Vault references: Container Apps reads each secret with the identity (and refreshes it every 30 minutes).
      secrets: [
        for secretName in secretNames: {
          name: secretName
          keyVaultUrl: platform.secretUris[secretName]
          identity: platform.identityId
        }
      ]
    }
    template: {
      containers: [
        {
          name: name
          image: currentImage.outputs.?containers[?0].?image ?? placeholderImage
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          env: environmentVariables
          // The placeholder has no /health or /alive: with these probes its revision never turns healthy and the
          // deployment times out. So the first provision runs on Container Apps' default TCP probes (port 8080), and
          // the next one (exists = true, after `azd deploy`) adds them; see infra/README.md.
          probes: exists ? probes : []
          volumeMounts: empty(keysStorageName)
            ? []
            : [
                {
                  volumeName: 'keys'
                  mountPath: keysMountPath
                }
              ]
        }
      ]
      volumes: empty(keysStorageName)
        ? []
        : [
            {
              name: 'keys'
              storageType: 'AzureFile'
              storageName: keysStorageName
              // The .NET images run as the non-root user `app` (1654); the files stay readable by it alone.
              mountOptions: 'uid=1654,gid=1654,dir_mode=0700,file_mode=0600'
            }
          ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'http-concurrency'
            http: {
              metadata: {
                concurrentRequests: string(concurrentRequests)
              }
            }
          }
        ]
      }
    }
  }
}

output name string = app.name
output fqdn string = app.properties.configuration.ingress.fqdn
