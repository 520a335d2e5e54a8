// Every test host joins the consumer group "reservation" on the same room-events topic (the group is the service's
// name, by design); hosts alive at the same time would split its partitions and miss each other's room events.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
