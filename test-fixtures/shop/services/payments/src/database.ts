import { Customer, Order, OrderLine } from '@shop/domain';
import { DataSource } from 'typeorm';
import { Payment } from './payment.entity';

// Orders are read straight from the shop database to check what a charge is for.
export const dataSource = new DataSource({
  type: 'postgres',
  url: process.env.DATABASE_URL,
  entities: [Payment, Order, OrderLine, Customer],
  synchronize: false,
  extra: { max: 10 },
});
