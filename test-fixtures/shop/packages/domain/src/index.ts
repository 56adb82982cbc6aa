// The shop's domain model: persistence entities and the business rules around them.
import 'reflect-metadata';

export { Customer } from './entities/customer.entity';
export { Order, OrderLine } from './entities/order.entity';
export { calculateOrderTotal, DEFAULT_TAX_RATE, type PricedLine } from './order-total';
