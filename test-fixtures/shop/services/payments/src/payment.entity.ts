import type { Currency, PaymentStatus } from '@shop/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('payments')
export class Payment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  orderId!: string;

  @Index()
  @Column({ type: 'uuid' })
  customerId!: string;

  @Column({ type: 'integer' })
  amountCents!: number;

  @Column({ type: 'char', length: 3 })
  currency!: Currency;

  @Column({ type: 'varchar', length: 20 })
  status!: PaymentStatus;

  @Column({ type: 'varchar', length: 64, nullable: true })
  providerChargeId!: string | null;

  /** Raw processor answer, kept for disputes. */
  @Column({ type: 'jsonb', nullable: true })
  providerResponse!: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
