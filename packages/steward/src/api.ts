// The API contract as the portal and other clients import it: schemas and their types.
export * from './modules/catalog/schemas.ts';
export * from './modules/identity/schemas.ts';
export * from './modules/ownership/schemas.ts';
export * from './platform/audit/schemas.ts';
export * from './platform/jobs/schemas.ts';
export * from './platform/realtime/protocol.ts';
