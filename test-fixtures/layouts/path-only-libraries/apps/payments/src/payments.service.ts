import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { ChargeResult, CreateChargeDto } from '@app/common';

@Injectable()
export class PaymentsService {
  constructor(private readonly logger: Logger) {}

  async charge(dto: CreateChargeDto): Promise<ChargeResult> {
    const declined = dto.amountCents > 1_000_000;
    this.logger.log(`charge for order ${dto.orderId}: ${declined ? 'declined' : 'succeeded'}`);
    return { chargeId: `ch_${randomUUID()}`, status: declined ? 'declined' : 'succeeded' };
  }
}
