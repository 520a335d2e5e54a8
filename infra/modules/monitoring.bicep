// Logs and telemetry: Log Analytics for the Container Apps environment's console and system logs, and Application
// Insights (backed by the same workspace) as the destination of the environment's managed OpenTelemetry agent.

param location string
param tags object
param logAnalyticsName string
param applicationInsightsName string

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

// Workspace-based, so traces, logs and the container logs can be queried side by side.
resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
  }
}

output logAnalyticsWorkspaceName string = logAnalytics.name
output applicationInsightsName string = applicationInsights.name

// Carries the instrumentation key: kept out of the deployment history.
@secure()
output applicationInsightsConnectionString string = applicationInsights.properties.ConnectionString
