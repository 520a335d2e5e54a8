// The vault holding every connection string and secret the apps use. RBAC mode: the apps' identity reads secrets
// (Key Vault Secrets User); the Bicep deployment writes them through the control plane, which needs no data role.

param location string
param tags object
param name string

@description('Principal id of the apps\' user-assigned identity, granted Key Vault Secrets User.')
param appsPrincipalId string

@description('The user or service principal running azd (AZURE_PRINCIPAL_ID); may read secrets so azd\'s secretOrRandomPassword finds the stored passwords again. Empty: no assignment.')
param deployerPrincipalId string = ''

@secure()
@description('Shared by identity (Identity:Clients:reservation:Secret) and reservation (Identity:ClientSecret) for the payment.pay client-credentials grant.')
param reservationClientSecret string

@secure()
@description('The first manager\'s password (user "manager"), stored when createFirstManager.')
param managerPassword string = ''

param createFirstManager bool = false

// Built-in role Key Vault Secrets User.
var secretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    // Short, so an `azd down` / `azd up` cycle with the same name is not blocked for 90 days (or use azd down --purge).
    softDeleteRetentionInDays: 7
    // No VNet here: Container Apps (Consumption) reach the vault over its public endpoint, with Entra ID auth.
    publicNetworkAccess: 'Enabled'
  }
}

resource appsCanReadSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, appsPrincipalId, secretsUserRoleId)
  properties: {
    principalId: appsPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
  }
}

resource deployerCanReadSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  scope: vault
  name: guid(vault.id, deployerPrincipalId, secretsUserRoleId)
  properties: {
    principalId: deployerPrincipalId
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
  }
}

// Stored under the name main.parameters.json asks azd to read back, so re-provisioning keeps the same secret.
resource reservationClientSecretSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'reservationClientSecret'
  properties: {
    value: reservationClientSecret
  }
}

resource managerPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (createFirstManager) {
  parent: vault
  name: 'managerPassword'
  properties: {
    value: managerPassword
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
output reservationClientSecretUri string = reservationClientSecretSecret.properties.secretUri
output firstManagerSecretUri string = createFirstManager ? managerPasswordSecret!.properties.secretUri : ''
