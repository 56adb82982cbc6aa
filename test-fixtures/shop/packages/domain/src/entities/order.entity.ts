import type { Currency, OrderStatus } from '@shop/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Customer } from './customer.entity';

@Entity('orders')
@Index(['customerId', 'placedAt'])
export class Order {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => Customer, { nullable: false })
  @JoinColumn({ name: 'customerId' })
  customer?: Customer;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status!: OrderStatus;

  @Column({ type: 'char', length: 3 })
  currency!: Currency;

  @Column({ type: 'integer' })
  totalCents!: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  paymentId!: string | null;

  /** Set by the fraud check; support staff only. */
  @Column({ type: 'real', nullable: true })
  fraudScore!: number | null;

  @Column({ type: 'text', nullable: true })
  internalNotes!: string | null;

  @OneToMany(() => OrderLine, (line) => line.order, { cascade: true, eager: true })
  lines!: OrderLine[];

  @CreateDateColumn({ type: 'timestamptz' })
  placedAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity('order_lines')
export class OrderLine {
  @PrimaryGeneratedColumn('increment')
  id!: number;

  @ManyToOne(() => Order, (order) => order.lines, { onDelete: 'CASCADE' })
  order!: Order;

  @Column({ type: 'varchar', length: 64 })
  sku!: string;

  @Column({ type: 'integer' })
  quantity!: number;

  @Column({ type: 'integer' })
  unitPriceCents!: number;
}
