import { Inject, Injectable } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { lastValueFrom, timeout } from 'rxjs';
import { PAYMENTS_SERVICE, PaymentsPatterns, type ChargeResult, type CreateChargeDto } from '@app/common';
import { CreateOrderDto } from './create-order.dto';

export interface PlacedOrder {
  id: string;
  status: 'paid' | 'payment_declined';
}

@Injectable()
export class OrdersService {
  constructor(@Inject(PAYMENTS_SERVICE) private readonly payments: ClientProxy) {}

  async place(dto: CreateOrderDto): Promise<PlacedOrder> {
    const id = randomUUID();
    const charge: CreateChargeDto = { orderId: id, amountCents: dto.totalCents };
    const result = await lastValueFrom(this.payments.send<ChargeResult, CreateChargeDto>(PaymentsPatterns.Charge, charge).pipe(timeout(5000)));
    return { id, status: result.status === 'succeeded' ? 'paid' : 'payment_declined' };
  }
}
