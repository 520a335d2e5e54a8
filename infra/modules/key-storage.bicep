// Shared directories for keys that every replica must read, which the AppHost keeps in its data directory:
// identity's signing/encryption certificates and data-protection keys (Identity:Keys:Directory) and the web app's
// cookie keys (WebApp:KeysDirectory). A container's own disk is lost on restart and not shared between replicas, so
// these are Azure Files shares mounted into those two apps.

param location string
param tags object
param storageAccountName string
param environmentName string

@description('One file share, and one environment storage of the same name, per entry.')
param shareNames array

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource fileService 'Microsoft.Storage/storageAccounts/fileServices@2025-01-01' = {
  parent: storage
  name: 'default'
}

resource shares 'Microsoft.Storage/storageAccounts/fileServices/shares@2025-01-01' = [
  for shareName in shareNames: {
    parent: fileService
    name: shareName
    properties: {
      shareQuota: 1
    }
  }
]

resource environment 'Microsoft.App/managedEnvironments@2024-10-02-preview' existing = {
  name: environmentName
}

// Container Apps mounts Azure Files (SMB) with the account key; the key stays inside this deployment.
resource environmentStorages 'Microsoft.App/managedEnvironments/storages@2024-10-02-preview' = [
  for (shareName, i) in shareNames: {
    parent: environment
    name: shareName
    properties: {
      azureFile: {
        accountName: storage.name
        accountKey: storage.listKeys().keys[0].value
        shareName: shares[i].name
        accessMode: 'ReadWrite'
      }
    }
  }
]
