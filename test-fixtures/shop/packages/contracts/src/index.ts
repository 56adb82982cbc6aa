// Public contracts between shop services: request/response DTOs, event payloads, and the zod schemas that validate them.
// Types and schemas only: no behaviour lives here, so changing a service never forces a redeploy of its consumers.
export * from './catalog';
export * from './orders';
export * from './payments';
