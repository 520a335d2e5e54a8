// Azure Database for PostgreSQL Flexible Server: one server, one database per service (as the AppHost's `postgres`
// with roomdb, reservationdb, …). Each database's Npgsql connection string is a Key Vault secret named after it.

param location string
param tags object
param name string
param keyVaultName string

param administratorLogin string

@secure()
param administratorPassword string

@description('The services\' databases; each is also the connection name (ConnectionStrings__<name>) and the secret name.')
param databaseNames array

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard_B1ms'
    tier: 'Burstable'
  }
  properties: {
    version: '16'
    administratorLogin: administratorLogin
    administratorLoginPassword: administratorPassword
    authConfig: {
      activeDirectoryAuth: 'Disabled'
      passwordAuth: 'Enabled'
    }
    storage: {
      storageSizeGB: 32
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
  }
}

// 0.0.0.0–0.0.0.0 is Azure's convention for "allow Azure services": the Consumption environment has no fixed
// outbound address to allow instead. Any Azure tenant's resource may then try to connect (the password still guards).
resource allowAzureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: server
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

// One at a time: the server refuses concurrent database operations (ServerIsBusy).
@batchSize(1)
resource databases 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = [
  for databaseName in databaseNames: {
    parent: server
    name: databaseName
    properties: {
      charset: 'UTF8'
      collation: 'en_US.utf8'
    }
  }
]

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

// The services run EF Core migrations at start-up, so they connect as the administrator (see infra/README.md).
resource connectionStrings 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = [
  for (databaseName, i) in databaseNames: {
    parent: vault
    name: databaseName
    properties: {
      contentType: 'Npgsql connection string'
      value: 'Host=${server.properties.fullyQualifiedDomainName};Port=5432;Database=${databases[i].name};Username=${administratorLogin};Password=${administratorPassword};Ssl Mode=Require'
    }
  }
]

// Read back by azd's secretOrRandomPassword (main.parameters.json), so the next `azd provision` keeps this password.
resource administratorPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'postgresAdminPassword'
  properties: {
    value: administratorPassword
  }
}

output fullyQualifiedDomainName string = server.properties.fullyQualifiedDomainName

@description('Per database: its name and its secret\'s URI (versionless, so the apps follow a rotation).')
output connectionStrings array = [
  for (databaseName, i) in databaseNames: {
    name: databaseName
    uri: connectionStrings[i].properties.secretUri
  }
]
