import { HttpService } from '@nestjs/axios';
import { Injectable } from '@nestjs/common';
import type { ChargeRequest, PaymentDto } from '@shop/contracts';
import { firstValueFrom } from 'rxjs';

@Injectable()
export class PaymentsClient {
  constructor(private readonly http: HttpService) {}

  /** Charges the customer's card. Payments answers 201 with status `failed` for declined cards; other failures throw. */
  async charge(request: ChargeRequest): Promise<PaymentDto> {
    const { data } = await firstValueFrom(
      this.http.post<PaymentDto>('/payments/charges', request, {
        headers: { 'idempotency-key': `order-${request.orderId}` },
      }),
    );
    return data;
  }
}
