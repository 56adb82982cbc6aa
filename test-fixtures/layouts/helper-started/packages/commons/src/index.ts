export { startServer } from './server.js';
export { startConsumer, type ConsumerOptions } from './consumer.js';
export { logger } from './logger.js';
