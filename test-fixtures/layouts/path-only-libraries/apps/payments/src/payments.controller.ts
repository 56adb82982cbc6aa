import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PaymentsPatterns, type ChargeResult, CreateChargeDto } from '@app/common';
import { PaymentsService } from './payments.service';

@Controller()
export class PaymentsController {
  constructor(private readonly paymentsService: PaymentsService) {}

  @MessagePattern(PaymentsPatterns.Charge)
  charge(@Payload() data: CreateChargeDto): Promise<ChargeResult> {
    return this.paymentsService.charge(data);
  }
}
