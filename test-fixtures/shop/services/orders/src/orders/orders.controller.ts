import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CreateOrderRequestSchema, type OrderDto, type OrderSummaryDto } from '@shop/contracts';
import { Order } from '@shop/domain';
import { toOrderDto, toOrderSummary } from './order.mapper';
import { OrdersService } from './orders.service';

// Our own API: reject unknown fields so that client typos ("quantiy") fail loudly instead of being ignored.
const CreateOrderSchema = CreateOrderRequestSchema.strict();

@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post()
  @HttpCode(201)
  async create(@Body() body: unknown): Promise<OrderDto> {
    const parsed = CreateOrderSchema.safeParse(body);
    if (!parsed.success) {
      throw new BadRequestException({ error: 'invalid_request', issues: parsed.error.issues });
    }
    const order = await this.orders.placeOrder(parsed.data);
    return toOrderDto(order);
  }

  @Get()
  async list(@Query('customerId') customerId: string): Promise<OrderSummaryDto[]> {
    if (!customerId) throw new BadRequestException('customerId is required');
    const orders = await this.orders.listForCustomer(customerId);
    return orders.map(toOrderSummary);
  }

  @Get(':id')
  async findOne(@Param('id') id: string): Promise<Order> {
    return this.orders.getOrder(id);
  }
}
