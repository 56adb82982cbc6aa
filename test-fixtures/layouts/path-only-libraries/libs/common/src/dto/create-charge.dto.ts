import { IsInt, IsPositive, IsString } from 'class-validator';

export class CreateChargeDto {
  @IsString()
  orderId: string;

  @IsInt()
  @IsPositive()
  amountCents: number;
}

export interface ChargeResult {
  chargeId: string;
  status: 'succeeded' | 'declined';
}
