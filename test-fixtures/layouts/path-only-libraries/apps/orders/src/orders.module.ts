import { Module } from '@nestjs/common';
import { ClientsModule, Transport } from '@nestjs/microservices';
import { CommonModule, PAYMENTS_SERVICE } from '@app/common';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';

@Module({
  imports: [
    CommonModule,
    ClientsModule.register([
      {
        name: PAYMENTS_SERVICE,
        transport: Transport.TCP,
        options: {
          host: process.env.PAYMENTS_HOST ?? 'localhost',
          port: Number(process.env.PAYMENTS_PORT ?? 3001),
        },
      },
    ]),
  ],
  controllers: [OrdersController],
  providers: [OrdersService],
})
export class OrdersModule {}
