// The Container Apps environment (Consumption): its logs go to Log Analytics, and its managed OpenTelemetry agent
// sends the services' traces and logs to Application Insights.
//
// Why the agent and not APPLICATIONINSIGHTS_CONNECTION_STRING: ServiceDefaults exports only over OTLP, and only when
// OTEL_EXPORTER_OTLP_ENDPOINT is set (it has no Azure Monitor exporter). The agent sets that variable in every app,
// so the services export unchanged. (The agent does not forward metrics to Application Insights.)
// openTelemetryConfiguration exists only in preview API versions, hence 2024-10-02-preview here.

param location string
param tags object
param name string
param logAnalyticsWorkspaceName string

@secure()
param applicationInsightsConnectionString string

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-02-01' existing = {
  name: logAnalyticsWorkspaceName
}

resource environment 'Microsoft.App/managedEnvironments@2024-10-02-preview' = {
  name: name
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logAnalytics.properties.customerId
        sharedKey: logAnalytics.listKeys().primarySharedKey
      }
    }
    appInsightsConfiguration: {
      connectionString: applicationInsightsConnectionString
    }
    openTelemetryConfiguration: {
      tracesConfiguration: {
        destinations: [
          'appInsights'
        ]
      }
      logsConfiguration: {
        destinations: [
          'appInsights'
        ]
      }
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
  }
}

output id string = environment.id
output name string = environment.name
output defaultDomain string = environment.properties.defaultDomain
