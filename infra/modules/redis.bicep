// Azure Cache for Redis, the AppHost's `cache` (roomview's read model). TLS only; its StackExchange.Redis connection
// string is the Key Vault secret `cache`.

param location string
param tags object
param name string
param keyVaultName string

resource redis 'Microsoft.Cache/redis@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'Basic'
      family: 'C'
      capacity: 0
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource connectionString 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'cache'
  properties: {
    contentType: 'StackExchange.Redis connection string'
    value: '${redis.properties.hostName}:${redis.properties.sslPort},password=${redis.listKeys().primaryKey},ssl=True,abortConnect=False'
  }
}

output hostName string = redis.properties.hostName
output connectionStringUri string = connectionString.properties.secretUri
