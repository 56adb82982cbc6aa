import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger } from '@shop/logger';
import { AppModule } from './app.module';

const log = createLogger('orders');

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  app.enableShutdownHooks();
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port);
  log.info('orders listening', { port });
}

bootstrap().catch((err: unknown) => {
  log.error('orders failed to start', { err });
  process.exit(1);
});
