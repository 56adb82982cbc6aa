import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readKubernetesDeployments } from './kubernetes.js';
import { createDiscoveryLog } from './manifest-io.js';
import { createTempWorkspace, removeTempWorkspaces } from './temp-workspace.js';

afterEach(removeTempWorkspaces);

const INVENTORY = `apiVersion: v1
kind: Service
metadata:
  name: inventory
  namespace: shop
spec:
  selector: { app: inventory }
  ports:
    - port: 80
      targetPort: 3000
    - port: 9090
---
# a comment-only document in between
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: inventory
spec:
  template:
    metadata:
      labels: { app: inventory }
    spec:
      containers:
        - name: app
          image: registry.example.com/shop/inventory:1.4
          ports:
            - containerPort: 3000
          env:
            - name: DATABASE_URL
              value: postgres://db/inventory
            - name: PORT
              value: "3000"
            - name: SECRET
              valueFrom: { secretKeyRef: { name: s, key: k } }
        - name: sidecar
          image: envoy:1
          ports:
            - containerPort: 15000
`;

const ORDERS = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Service
    metadata: { name: orders-svc }
    spec:
      selector: { app: orders, tier: api }
      ports:
        - port: 80
          targetPort: http
  - apiVersion: apps/v1
    kind: StatefulSet
    metadata: { name: orders }
    spec:
      template:
        metadata:
          labels: { app: orders, tier: api, extra: x }
        spec:
          containers:
            - image: shop/orders
              ports:
                - { name: http, containerPort: 8080 }
              env:
                - { name: INVENTORY_URL, value: "http://inventory.shop.svc.cluster.local" }
`;

const WORKER = `apiVersion: apps/v1
kind: Deployment
metadata: { name: worker, namespace: jobs }
spec:
  template:
    spec:
      containers:
        - image: shop/worker:2
---
apiVersion: v1
kind: Service
metadata: { name: other-namespace, namespace: elsewhere }
spec:
  selector: { app: nothing }
  ports: [{ port: 1234 }]
---
apiVersion: v1
kind: ConfigMap
metadata: { name: settings }
data: { A: "1" }
---
kind: Service
metadata: { name: no-api-version }
---
apiVersion: v1
kind: Service
metadata: {}
`;

describe('readKubernetesDeployments', () => {
  it('merges a Service and the Deployment of the same name, with DNS names, ports, image and env', () => {
    const root = createTempWorkspace({ 'k8s/inventory.yaml': INVENTORY });
    const log = createDiscoveryLog();
    const file = join(root, 'k8s/inventory.yaml');
    expect(readKubernetesDeployments([file], log)).toEqual([
      {
        name: 'inventory',
        source: 'kubernetes',
        file,
        hostnames: ['inventory', 'inventory.shop', 'inventory.shop.svc', 'inventory.shop.svc.cluster.local'],
        image: 'registry.example.com/shop/inventory:1.4',
        ports: [3000, 9090, 15000],
        servicePorts: [80, 9090],
        environment: { DATABASE_URL: 'postgres://db/inventory', PORT: '3000' },
      },
    ]);
    expect(log.problems).toEqual([]);
    expect([...log.manifestFiles]).toEqual([file]);
  });

  it('merges by selector across files, resolves a named targetPort, reads List items, defaults the namespace', () => {
    const root = createTempWorkspace({ 'deploy/orders.yml': ORDERS, 'deploy/worker.yaml': WORKER });
    const log = createDiscoveryLog();
    const orders = join(root, 'deploy/orders.yml');
    const worker = join(root, 'deploy/worker.yaml');
    expect(readKubernetesDeployments([orders, worker], log)).toEqual([
      {
        name: 'orders-svc',
        source: 'kubernetes',
        file: orders,
        hostnames: ['orders-svc', 'orders-svc.default', 'orders-svc.default.svc', 'orders-svc.default.svc.cluster.local'],
        image: 'shop/orders',
        ports: [8080],
        servicePorts: [80],
        environment: { INVENTORY_URL: 'http://inventory.shop.svc.cluster.local' },
      },
      {
        name: 'other-namespace',
        source: 'kubernetes',
        file: worker,
        hostnames: ['other-namespace', 'other-namespace.elsewhere', 'other-namespace.elsewhere.svc', 'other-namespace.elsewhere.svc.cluster.local'],
        ports: [1234],
        servicePorts: [1234],
        environment: {},
      },
      { name: 'worker', source: 'kubernetes', file: worker, hostnames: [], image: 'shop/worker:2', ports: [], environment: {} },
    ]);
    expect(log.problems).toEqual([]);
  });

  it('does not merge a Service and a Deployment of the same name in two explicit namespaces', () => {
    const root = createTempWorkspace({
      'a.yaml': 'apiVersion: v1\nkind: Service\nmetadata: { name: api, namespace: one }\nspec: { ports: [{ port: 80 }] }\n',
      'b.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api, namespace: two }\nspec: { template: { spec: { containers: [{ image: api:1 }] } } }\n',
    });
    const result = readKubernetesDeployments([join(root, 'a.yaml'), join(root, 'b.yaml')], createDiscoveryLog());
    expect(result.map((d) => [d.name, d.image, d.hostnames.length])).toEqual([
      ['api', undefined, 4],
      ['api', 'api:1', 0],
    ]);
  });

  it('reports a YAML syntax error as one problem and keeps the valid documents of the file', () => {
    const root = createTempWorkspace({
      'k8s/broken.yaml': 'apiVersion: v1\nkind: Service\nmetadata: { name: good }\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: bad\n   namespace: x\n',
    });
    const log = createDiscoveryLog();
    const file = join(root, 'k8s/broken.yaml');
    expect(readKubernetesDeployments([file], log).map((d) => d.name)).toEqual(['good']);
    // Line numbers count from the top of the file, not of the document.
    expect(log.problems).toEqual([{ file, message: 'Invalid YAML: Nested mappings are not allowed in compact mappings at line 8, column 9' }]);
    expect([...log.manifestFiles]).toEqual([file]);
  });

  it("renders a Helm template with its chart's values: names, images and env it can know, nothing it cannot", () => {
    const root = createTempWorkspace({
      'deploy/chart/Chart.yaml': 'apiVersion: v2\nname: orders\nversion: 0.1.0\n',
      'deploy/chart/values.yaml': 'image:\n  repository: acme/orders\n  tag: "1.4"\nport: 3000\n',
      'deploy/chart/templates/deployment.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: {{ include "orders.fullname" . }}',
        '  labels:',
        '    {{- include "orders.labels" . | nindent 4 }}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: {{ .Chart.Name }}',
        '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"',
        '          {{- if .Values.debug }}',
        '          args: ["--inspect"]',
        '          {{- end }}',
        '          env:',
        '            - name: PORT',
        '              value: "{{ .Values.port }}"',
        '            - name: SECRET',
        '              value: {{ .Values.secret | quote }}',
        '',
      ].join('\n'),
      'deploy/chart/templates/worker.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Values.worker.name }}\n',
    });
    const log = createDiscoveryLog();
    const files = ['deployment.yaml', 'worker.yaml'].map((f) => join(root, 'deploy/chart/templates', f));
    const [deployment, ...others] = readKubernetesDeployments(files, log);
    expect(others).toEqual([]);
    expect(deployment).toMatchObject({ name: 'orders', image: 'acme/orders:1.4', environment: { PORT: '3000' } });
    // A value Helm alone could render is left out, not guessed.
    expect(deployment!.environment).not.toHaveProperty('SECRET');
    expect(log.problems).toEqual([]);
  });

  it('leaves YAML that is not Kubernetes, and Helm templates outside a chart, unread and unreported', () => {
    const root = createTempWorkspace({
      'ci.yml': 'on: push\njobs: {}\n',
      'openapi.yaml': 'openapi: 3.0.0\ninfo: { title: x\n',
      'chart/templates/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Values.name }}\n  labels: {{- include "x" . | nindent 4 }}\n',
    });
    const log = createDiscoveryLog();
    const files = ['ci.yml', 'openapi.yaml', 'chart/templates/svc.yaml'].map((f) => join(root, f));
    expect(readKubernetesDeployments(files, log)).toEqual([]);
    expect(log.problems).toEqual([]);
    expect(log.manifestFiles.size).toBe(0);
  });
});
