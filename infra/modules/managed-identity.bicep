// The one user-assigned identity every container app runs as: it pulls images from the registry and reads the
// Key Vault secrets. User-assigned (not system-assigned) so its roles exist before the apps are created.

param location string
param tags object
param name string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
