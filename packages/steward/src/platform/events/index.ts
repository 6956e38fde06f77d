// Domain events: typed facts a module emits in the transaction of its change, delivered to every server.
export { defineEvent, type EventDefinition } from './definition.ts';
export { createDomainEvents, type DomainEvents, type EventMeta } from './domain-events.ts';
export { emit, emitMany, maxEventDataBytes } from './emit.ts';
export { databaseEventLog, type EventLog, type StoredEvent } from './event-log.ts';
