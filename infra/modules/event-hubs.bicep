// Event Hubs in place of the AppHost's embedded Kafka broker: the namespace's Kafka endpoint (port 9093, SASL_SSL)
// is what the services reach when ConnectionStrings__kafka is a namespace connection string (KafkaConnectionString
// in ServiceDefaults). Event hubs are Kafka topics; Event Hubs cannot create them on demand, so they are all here.

param location string
param tags object
param name string
param keyVaultName string

@description('Every topic the AppHost declares, dead-letter topics ("<name>.dlt") included, with its partition count.')
param topics { name: string, partitions: int }[]

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    // Basic has no Kafka endpoint; Standard has it and 20 consumer groups (Kafka groups) per event hub.
    name: 'Standard'
    tier: 'Standard'
    capacity: 1
  }
  properties: {
    kafkaEnabled: true
    minimumTlsVersion: '1.2'
  }
}

// One event hub per topic; the partition count is fixed once created on Standard.
resource eventHubs 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = [
  for topic in topics: {
    parent: namespace
    name: topic.name
    properties: {
      partitionCount: topic.partitions
      messageRetentionInDays: 7
    }
  }
]

// Send + Listen only (no Manage): the services produce and consume but never create topics.
resource servicesRule 'Microsoft.EventHub/namespaces/authorizationRules@2024-01-01' = {
  parent: namespace
  name: 'services'
  properties: {
    rights: [
      'Send'
      'Listen'
    ]
  }
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

// The namespace's connection string (no EntityPath): one string for every topic.
resource connectionString 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'kafka'
  properties: {
    contentType: 'Event Hubs namespace connection string (Kafka endpoint)'
    value: servicesRule.listKeys().primaryConnectionString
  }
}

output name string = namespace.name
output connectionStringUri string = connectionString.properties.secretUri
