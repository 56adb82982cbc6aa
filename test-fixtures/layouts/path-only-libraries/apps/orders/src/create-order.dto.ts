import { IsInt, IsPositive, IsString } from 'class-validator';

export class CreateOrderDto {
  @IsString()
  customerId: string;

  @IsInt()
  @IsPositive()
  totalCents: number;
}
