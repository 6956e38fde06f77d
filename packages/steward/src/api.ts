// The API contract as the portal and other clients import it: schemas and their types.

export * from './modules/alerts/noise-schemas.ts';
export * from './modules/alerts/schemas.ts';
export * from './modules/catalog/schemas.ts';
export * from './modules/guardrails/schemas.ts';
export * from './modules/identity/schemas.ts';
export * from './modules/incidents/schemas.ts';
// Notifications: only the delivery log (its urgency is the alerts' own).
export { type DeliveryView, deliveryViewSchema } from './modules/notifications/schemas.ts';
export * from './modules/oncall/schemas.ts';
export * from './modules/ownership/schemas.ts';
export * from './modules/scorecards/schemas.ts';
export * from './modules/slo/schemas.ts';
export * from './platform/audit/schemas.ts';
export * from './platform/jobs/schemas.ts';
export * from './platform/realtime/protocol.ts';
