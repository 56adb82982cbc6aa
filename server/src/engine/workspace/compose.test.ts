import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isComposeFileName, readComposeFile } from './compose.js';
import { createDiscoveryLog } from './manifest-io.js';
import { createTempWorkspace, removeTempWorkspaces } from './temp-workspace.js';

afterEach(removeTempWorkspaces);

const COMPOSE = `
x-common: &common
  image: shop/common:1
  environment:
    SHALLOW_MERGE: replaced-by-the-service-own-environment
services:
  orders:
    build: ./services/orders
    ports:
      - "8080:3000"
      - "127.0.0.1:9229:9229/tcp"
    environment:
      - INVENTORY_URL=http://inventory:3000
      - PASSTHROUGH
      - EQUALS_IN_VALUE=a=b
    env_file: ./config/orders.env
  inventory:
    <<: *common
    build:
      context: services/inventory
      dockerfile: Dockerfile.dev
    hostname: stock
    container_name: shop-inventory
    expose: ["3000", 3001, "4000-4002/udp"]
    ports:
      - target: 5000
        published: 15000
    networks:
      backend:
        aliases: [inventory-api, warehouse]
      frontend:
    env_file:
      - path: ./config/missing.env
        required: false
      - ./config/inventory.env
    environment:
      PORT: 3000
      DEBUG: false
      FROM_HOST:
      SHARED: from-environment
  redis:
    image: redis:7
    networks: [backend]
  worker:
    build: {}
  remote:
    build: https://github.com/acme/remote.git#main
  empty:
`;

describe('readComposeFile', () => {
  it('reads names, build contexts, host names, ports, environment and images', () => {
    const root = createTempWorkspace({
      'docker-compose.yml': COMPOSE,
      'config/orders.env': 'INVENTORY_URL=overridden-by-environment\nORDERS_DB=postgres://db/orders\n',
      'config/inventory.env': '# shared\nSHARED=from-env-file\nFILE_ONLY="yes"\n',
    });
    const log = createDiscoveryLog();
    const file = join(root, 'docker-compose.yml');
    const services = readComposeFile(file, log);
    expect(services).toEqual([
      {
        name: 'orders',
        source: 'compose',
        file,
        buildContext: join(root, 'services/orders'),
        hostnames: ['orders'],
        ports: [3000, 9229],
        environment: { INVENTORY_URL: 'http://inventory:3000', EQUALS_IN_VALUE: 'a=b', ORDERS_DB: 'postgres://db/orders' },
      },
      {
        name: 'inventory',
        source: 'compose',
        file,
        buildContext: join(root, 'services/inventory'),
        dockerfile: join(root, 'services/inventory/Dockerfile.dev'),
        hostnames: ['inventory', 'stock', 'shop-inventory', 'inventory-api', 'warehouse'],
        ports: [3000, 3001, 4000, 4001, 4002, 5000],
        environment: { PORT: '3000', DEBUG: 'false', SHARED: 'from-environment', FILE_ONLY: 'yes' },
        image: 'shop/common:1',
      },
      { name: 'redis', source: 'compose', file, image: 'redis:7', hostnames: ['redis'], ports: [], environment: {} },
      { name: 'worker', source: 'compose', file, buildContext: root, hostnames: ['worker'], ports: [], environment: {} },
      { name: 'remote', source: 'compose', file, hostnames: ['remote'], ports: [], environment: {} },
      { name: 'empty', source: 'compose', file, hostnames: ['empty'], ports: [], environment: {} },
    ]);
    expect(log.problems).toEqual([]);
    expect([...log.manifestFiles].sort()).toEqual([join(root, 'config/inventory.env'), join(root, 'config/orders.env'), file]);
  });

  it('resolves build contexts against the folder of a nested compose file', () => {
    const root = createTempWorkspace({ 'deploy/compose.yaml': 'services:\n  api:\n    build: ../services/api\n' });
    const [api] = readComposeFile(join(root, 'deploy/compose.yaml'), createDiscoveryLog());
    expect(api?.buildContext).toBe(join(root, 'services/api'));
  });

  it('reports a missing required env_file and still reads the service', () => {
    const root = createTempWorkspace({ 'compose.yml': 'services:\n  api:\n    env_file: api.env\n    environment: [A=1]\n' });
    const log = createDiscoveryLog();
    const file = join(root, 'compose.yml');
    expect(readComposeFile(file, log).map((s) => s.environment)).toEqual([{ A: '1' }]);
    expect(log.problems).toEqual([{ file, message: 'env_file not found: api.env (in compose.yml)' }]);
  });

  it('turns a YAML syntax error into one problem with a one-line message', () => {
    const root = createTempWorkspace({ 'docker-compose.yml': 'services:\n  api:\n    build: [unclosed\n  db: x\n' });
    const log = createDiscoveryLog();
    const file = join(root, 'docker-compose.yml');
    expect(readComposeFile(file, log)).toEqual([]);
    expect(log.problems).toHaveLength(1);
    expect(log.problems[0]!.file).toBe(file);
    expect(log.problems[0]!.message).toMatch(/^Invalid YAML: .+ at line \d+, column \d+$/);
    expect(log.problems[0]!.message).not.toContain('\n');
  });

  it('reads nothing from a YAML file without a services map', () => {
    const root = createTempWorkspace({ 'compose.yml': 'version: "3"\nvolumes: {}\n' });
    expect(readComposeFile(join(root, 'compose.yml'), createDiscoveryLog())).toEqual([]);
  });
});

describe('isComposeFileName', () => {
  it('accepts compose file names and rejects look-alikes', () => {
    const accepted = ['docker-compose.yml', 'docker-compose.yaml', 'docker-compose.override.yml', 'docker-compose-dev.yaml', 'compose.yml', 'compose.prod.yaml'];
    const rejected = ['composer.yml', 'docker-compose.json', 'my-compose.yml', 'compose.yml.bak'];
    expect(accepted.filter(isComposeFileName)).toEqual(accepted);
    expect(rejected.filter(isComposeFileName)).toEqual([]);
  });
});
