import { Customer, Order, OrderLine } from '@shop/domain';
import { DataSource } from 'typeorm';

export const dataSource = new DataSource({
  type: 'postgres',
  url: process.env.DATABASE_URL,
  entities: [Order, OrderLine, Customer],
  migrations: ['dist/migrations/*.js'],
  synchronize: false,
  extra: { max: 10 },
});
