import { INestApplication } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import * as request from 'supertest';
import { OrdersModule } from './../src/orders.module';

describe('OrdersController (e2e)', () => {
  let app: INestApplication;

  beforeEach(async () => {
    const moduleFixture: TestingModule = await Test.createTestingModule({
      imports: [OrdersModule],
    }).compile();

    app = moduleFixture.createNestApplication();
    await app.init();
  });

  it('/orders (POST)', () => {
    return request(app.getHttpServer()).post('/orders').send({ customerId: 'c-1', totalCents: 1000 }).expect(201);
  });

  it('payments answers on the compose network', async () => {
    const response = await fetch('http://payments:3001/health');
    expect(response.ok).toBe(true);
  });
});
