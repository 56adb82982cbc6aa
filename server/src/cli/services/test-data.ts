// A hand-made `services` source for the in-process CLI tests: the graph tests' small system, with the evidence for each
// service and the packages that are not services.
import * as path from 'node:path';
import type { RunSummary } from '../../engine/analysis/run-summary.js';
import type { CliServicesSource } from '../cli-context.js';
import { GRAPH_ROOT, smallGraph } from '../graph/test-data.js';

export const SMALL_SUMMARY: RunSummary = { services: 4, edges: 4, unresolved: 1, files: 12 };

export function smallServices(): CliServicesSource {
  const root = (folder: string) => path.join(GRAPH_ROOT, folder);
  return {
    ...smallGraph(),
    summary: SMALL_SUMMARY,
    services: [
      { name: 'gateway', root: root('services/gateway'), packageName: '@shop/gateway', reasons: ['docker compose service "gateway"', 'http-server entrypoint (express) in src/main.ts'] },
      { name: 'notifications', root: root('services/notifications'), reasons: ['folder under services/'] },
      { name: 'orders', root: root('services/orders'), packageName: '@shop/orders', reasons: ['docker compose service "orders"', 'services/orders/Dockerfile'] },
      { name: 'payments', root: root('services/payments'), packageName: '@shop/payments', reasons: ['listed in seamlint.config.json'] },
    ],
    packages: [
      { name: '@shop/gateway', root: root('services/gateway'), kind: 'service', service: 'gateway' },
      { name: '@shop/orders', root: root('services/orders'), kind: 'service', service: 'orders' },
      { name: '@shop/payments', root: root('services/payments'), kind: 'service', service: 'payments' },
      { name: '@shop/logger', root: root('packages/logger'), kind: 'library' },
      { name: '@shop/contracts', root: root('packages/contracts'), kind: 'library', reasons: ['Nx library'] },
      { name: '@shop/web', root: root('apps/web'), kind: 'client-app', reasons: ['client app: depends on react-dom'] },
      { name: '@shop/e2e', root: root('e2e'), kind: 'test', reasons: ['test package: runs playwright'] },
    ],
  };
}
