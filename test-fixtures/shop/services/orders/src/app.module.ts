import { HttpModule } from '@nestjs/axios';
import { Module } from '@nestjs/common';
import { InventoryClient } from '@shop/inventory-client';
import { DataSource } from 'typeorm';
import { dataSource } from './database';
import { OrderEventsPublisher } from './messaging/order-events.publisher';
import { OrdersController } from './orders/orders.controller';
import { OrdersService } from './orders/orders.service';
import { PaymentsClient } from './payments/payments.client';

@Module({
  imports: [
    // HttpService is only used for payments; inventory has its own client library.
    HttpModule.register({
      baseURL: process.env.PAYMENTS_URL ?? 'http://payments:3000',
      timeout: 5_000,
      headers: { 'x-caller': 'orders' },
    }),
  ],
  controllers: [OrdersController],
  providers: [
    OrdersService,
    PaymentsClient,
    OrderEventsPublisher,
    { provide: DataSource, useFactory: () => dataSource.initialize() },
    {
      provide: InventoryClient,
      useFactory: () =>
        new InventoryClient({ baseUrl: process.env.INVENTORY_URL ?? 'http://inventory:3000', timeoutMs: 2_000 }),
    },
  ],
})
export class AppModule {}
