// The image a container app runs now, if it exists: re-provisioning keeps what `azd deploy` last put there instead of
// resetting the app to the placeholder (azd sets SERVICE_<NAME>_RESOURCE_EXISTS; see main.parameters.json).

param exists bool
param name string

resource existingApp 'Microsoft.App/containerApps@2025-01-01' existing = if (exists) {
  name: name
}

output containers array = exists ? existingApp!.properties.template.containers : []
