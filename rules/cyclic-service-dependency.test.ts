import rule from './cyclic-service-dependency.js';
import { expressService, workspaceRoot } from './testing/express-system.js';
import { ruleTester } from './testing/rule-tester.js';

const payments = (body: string) => expressService('payments', [{ method: 'post', path: '/payments', body }]);
const orders = (body: string) => expressService('orders', [{ method: 'post', path: '/orders', body }, { method: 'get', path: '/orders/:id', body: 'res.json({ id: req.params.id });' }]);

const ordersCallsPayments = "const payment = await axios.post(`${process.env.PAYMENTS_URL}/payments`, req.body, { timeout: 1000 });\nres.status(201).json(payment.data);";

ruleTester(rule, {
  valid: [
    {
      name: 'one direction only',
      files: { ...workspaceRoot, ...orders(ordersCallsPayments), ...payments('res.status(201).json({ ok: true });') },
    },
    {
      name: 'the way back is a message, not a call',
      files: {
        ...workspaceRoot,
        ...orders(ordersCallsPayments),
        ...expressService(
          'payments',
          [{ method: 'post', path: '/payments', body: "const channel = await (await amqp.connect(process.env.AMQP_URL!)).createChannel();\nchannel.publish('orders', 'payment.done', Buffer.from('{}'));\nres.status(201).end();" }],
          "import amqp from 'amqplib';",
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'orders → payments → orders: both edges',
      files: {
        ...workspaceRoot,
        ...orders(ordersCallsPayments),
        ...payments("const order = await fetch(`${process.env.ORDERS_URL}/orders/${req.body.orderId}`, { signal: AbortSignal.timeout(1000) });\nres.status(201).json({ order: await order.json() });"),
      },
      errors: [
        { file: 'services/orders/src/main.ts', line: 6, column: 25, message: '`orders` calls `payments` (POST /payments) and the calls lead back to orders (cycle: orders → payments → orders)', related: ['services/payments/src/main.ts:6'] },
        { file: 'services/payments/src/main.ts', line: 6, column: 23, message: '`payments` calls `orders` (GET /orders/:id)', related: ['services/orders/src/main.ts:6'] },
      ],
    },
  ],
});
