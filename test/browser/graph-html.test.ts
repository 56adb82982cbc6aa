// The HTML service graph as a person sees it: rendered in headless Chromium, every service and arrow drawn inside the
// window, no box on another box, no label on another label, names inside their boxes; clicking shows the details; in a
// VS Code webview clicking asks to open the code; nothing is fetched. Screenshots land in test-results/graph-*.png.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphSourceOf } from '../../server/src/cli/graph/from-analysis.js';
import { renderHtml } from '../../server/src/cli/graph/html.js';
import { graphLinks } from '../../server/src/cli/graph/links.js';
import { shopGraph } from '../../server/src/cli/graph/test-data.js';
import { endpointLabel, toGraphJson, type GraphJson } from '../../server/src/cli/graph/view.js';
import { analyze } from '../../server/src/engine/analyze.js';
import { REPO_ROOT } from '../support/cli.js';

const VIEWPORT = { width: 1440, height: 900 };
const RESULTS = join(REPO_ROOT, 'test-results');
const SHOP = join(REPO_ROOT, 'test-fixtures', 'shop');

// The browser APIs the page callbacks use. The project type-checks without the DOM library (it is a Node program), and
// these callbacks run in the page, so they are described here rather than pulled in for every file.
interface SvgPath {
  getTotalLength(): number;
  getPointAtLength(distance: number): { x: number; y: number };
  getScreenCTM(): { a: number; b: number; c: number; d: number; e: number; f: number } | null;
}
interface PageGlobals {
  getComputedStyle(element: unknown): { stroke: string; strokeDasharray: string };
  posted: unknown[];
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

let browser: Browser | undefined;
let browserProblem: string | undefined;
let workDir: string;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'seamlint-graph-html-'));
  mkdirSync(RESULTS, { recursive: true });
  // A missing browser fails every test here, with the way to get one; it never turns into a silent skip.
  if (!existsSync(CHROMIUM_PATH)) {
    browserProblem = `Chromium not found at ${CHROMIUM_PATH}. Install it with \`apt-get install -y chromium\` (Debian), or point CHROMIUM_PATH at a Chromium binary.`;
    return;
  }
  // playwright-core brings no browser of its own: launch the system Chromium (user data dir: a fresh temporary one).
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  } catch (error) {
    browserProblem = `Chromium at ${CHROMIUM_PATH} did not start (${error instanceof Error ? error.message.split('\n')[0] : String(error)}). Install it with \`apt-get install -y chromium\`.`;
  }
});

afterAll(async () => {
  await browser?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

function theBrowser(): Browser {
  if (!browser) throw new Error(browserProblem ?? 'Chromium was not started');
  return browser;
}

/** Writes the page, opens it from disk, and records every request other than the page itself and every script error. */
async function openGraph(view: GraphJson, name: string, init?: () => void): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const file = join(workDir, `${name}.html`);
  writeFileSync(file, renderHtml(view));
  const page = await theBrowser().newPage({ viewport: VIEWPORT });
  const requests: string[] = [];
  const errors: string[] = [];
  const url = pathToFileURL(file).href;
  page.on('request', (request) => {
    if (request.url() !== url) requests.push(request.url());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  if (init) await page.addInitScript(init);
  await page.goto(url);
  return { page, requests, errors };
}

function insideViewport(box: Rect): boolean {
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= VIEWPORT.width && box.y + box.height <= VIEWPORT.height;
}

function overlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The checks every drawing must pass, whatever graph it shows. */
async function expectReadableDrawing(page: Page, view: GraphJson): Promise<void> {
  const links = graphLinks(view);
  const names = new Set([...view.services.map((service) => service.name), ...links.flatMap((link) => [link.from, link.to])]);
  const nodes = page.locator('#graph [data-service]');
  const edges = page.locator('#graph [data-edge]');
  expect(await nodes.count()).toBe(names.size);
  expect(await edges.count()).toBe(links.length);
  expect(new Set(await nodes.evaluateAll((all) => all.map((node) => node.getAttribute('data-service'))))).toEqual(names);
  expect((await edges.evaluateAll((all) => all.map((edge) => edge.getAttribute('data-edge')))).sort()).toEqual(
    links.map((link) => `${link.from}->${link.to}`).sort(),
  );

  const nodeBoxes: Rect[] = [];
  for (const node of await nodes.all()) {
    const box = (await node.boundingBox())!;
    expect(box.width > 0 && box.height > 0, `${await node.getAttribute('data-service')} has an empty box`).toBe(true);
    expect(insideViewport(box), `${await node.getAttribute('data-service')} lies outside the window: ${JSON.stringify(box)}`).toBe(true);
    nodeBoxes.push(box);
  }
  for (let a = 0; a < nodeBoxes.length; a++) {
    for (let b = a + 1; b < nodeBoxes.length; b++) expect(overlap(nodeBoxes[a]!, nodeBoxes[b]!), `services ${a} and ${b} overlap`).toBe(false);
  }
  for (const edge of await edges.all()) {
    const box = (await edge.boundingBox())!;
    const name = await edge.getAttribute('data-edge');
    // A straight arrow has a flat box; what matters is that something is drawn, and where.
    expect(box.width + box.height > 0, `${name} is not drawn`).toBe(true);
    expect(insideViewport(box), `${name} lies outside the window: ${JSON.stringify(box)}`).toBe(true);
    expect(await edge.locator('.edge-line').evaluate((path) => (path as unknown as SvgPath).getTotalLength())).toBeGreaterThan(20);
  }

  // Readable: every name inside its box (the layout sized the boxes before any font was measured), labels apart.
  const textOverflow = await page.$$eval('#graph [data-service]', (all) =>
    all.flatMap((node) => {
      const rect = node.querySelector('rect')!.getBBox();
      return [...node.querySelectorAll('text')].flatMap((text) => {
        const box = text.getBBox();
        const fits = box.x >= rect.x && box.x + box.width <= rect.x + rect.width && box.y >= rect.y && box.y + box.height <= rect.y + rect.height;
        return fits ? [] : [`${node.getAttribute('data-service')}: "${text.textContent}"`];
      });
    }),
  );
  expect(textOverflow).toEqual([]);
  const labelBoxes = await page.$$eval('#graph .edge-label rect', (all) =>
    all.map((rect) => {
      const box = rect.getBoundingClientRect();
      return { x: box.x, y: box.y, width: box.width, height: box.height };
    }),
  );
  for (let a = 0; a < labelBoxes.length; a++) {
    expect(insideViewport(labelBoxes[a]!)).toBe(true);
    for (let b = a + 1; b < labelBoxes.length; b++) expect(overlap(labelBoxes[a]!, labelBoxes[b]!), `labels ${a} and ${b} overlap`).toBe(false);
    for (const node of nodeBoxes) expect(overlap(labelBoxes[a]!, node), `label ${a} covers a service`).toBe(false);
  }
}

/** Clicks the arrow a quarter of the way along its line, where a person would, rather than at its box's centre. */
async function clickEdge(page: Page, edge: string): Promise<void> {
  const point = await page.locator(`#graph [data-edge="${edge}"] .edge-line`).first().evaluate((element) => {
    const path = element as unknown as SvgPath;
    const local = path.getPointAtLength(path.getTotalLength() / 4);
    const m = path.getScreenCTM()!;
    return { x: m.a * local.x + m.c * local.y + m.e, y: m.b * local.x + m.d * local.y + m.f };
  });
  await page.mouse.click(point.x, point.y);
}

async function expectServiceDetails(page: Page, view: GraphJson, name: string): Promise<void> {
  await page.locator(`#graph [data-service="${name}"]`).click();
  const details = page.locator('#details');
  await expect.poll(() => details.locator('h3').textContent()).toContain(name);
  const service = view.services.find((entry) => entry.name === name)!;
  const text = (await details.textContent())!;
  expect(text).toContain(`${service.endpoints.length} endpoint`);
  for (const endpoint of service.endpoints) {
    expect(text).toContain(endpointLabel(endpoint));
    expect(text).toContain(`${endpoint.file}:${endpoint.line}`);
  }
  expect(await page.locator(`#graph [data-service="${name}"]`).getAttribute('class')).toContain('selected');
}

describe('the HTML graph in Chromium', () => {
  it('draws a hand-made six-service graph with a chain, a cycle and messages, readably', async () => {
    const view = toGraphJson(shopGraph(), shopGraph().root);
    const { page, requests, errors } = await openGraph(view, 'hand-made');
    try {
      await expectReadableDrawing(page, view);
      expect(await page.locator('#graph [data-edge="orders->payments"]').getAttribute('data-role')).toBe('cycle');
      expect(await page.locator('#graph [data-edge="inventory->pricing"]').getAttribute('data-role')).toBe('chain');
      expect(await page.locator('#graph [data-edge="orders->notifications"]').getAttribute('data-kind')).toBe('async');
      expect(await page.locator('#graph [data-edge="orders->notifications"] .edge-line').evaluate((path) => (globalThis as unknown as PageGlobals).getComputedStyle(path).strokeDasharray)).not.toBe('none');
      expect(await page.locator('#graph [data-edge="orders->payments"] .edge-line').evaluate((path) => (globalThis as unknown as PageGlobals).getComputedStyle(path).stroke)).toBe('rgb(221, 51, 51)');
      await page.screenshot({ path: join(RESULTS, 'graph-hand-made.png') });

      await expectServiceDetails(page, view, 'orders');
      await page.screenshot({ path: join(RESULTS, 'graph-hand-made-orders.png') });

      await clickEdge(page, 'payments->orders');
      const details = page.locator('#details');
      await expect.poll(() => details.locator('h3').textContent()).toContain('payments → orders');
      expect(await details.textContent()).toContain('services/payments/src/payments.router.ts:130:5');

      // Zoom in and back to the fitted drawing.
      const width = async (): Promise<number> => (await page.locator('#graph').boundingBox())!.width;
      const fitted = await width();
      await page.locator('.zoom [data-zoom="in"]').click();
      expect(await width()).toBeCloseTo(fitted * 1.25, 0);
      await page.locator('.zoom [data-zoom="fit"]').click();
      expect(await width()).toBeCloseTo(fitted, 0);
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('in a VS Code webview, clicking a service or an arrow posts an open message with its file and line', async () => {
    const view = toGraphJson(shopGraph(), shopGraph().root);
    const { page, errors } = await openGraph(view, 'webview', () => {
      const posted: unknown[] = [];
      Object.assign(globalThis, { posted, acquireVsCodeApi: () => ({ postMessage: (message: unknown) => posted.push(message) }) });
    });
    try {
      await page.locator('#graph [data-service="inventory"]').click();
      await clickEdge(page, 'inventory->pricing');
      await page.locator('#details button.loc').first().click();
      await page.locator('.service-list .loc').first().click();
      const posted = await page.evaluate(() => (globalThis as unknown as PageGlobals).posted);
      expect(posted).toEqual([
        { type: 'open', file: 'services/inventory/src/items/items.router.ts', line: 10 },
        { type: 'open', file: 'services/inventory/src/pricing/pricing.client.ts', line: 8 },
        { type: 'open', file: 'services/inventory/src/pricing/pricing.client.ts', line: 8 },
        { type: 'open', file: 'services/gateway/src/routes/catalog.ts', line: 8 },
      ]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('draws the example system test-fixtures/shop as the real engine sees it', async () => {
    const source = graphSourceOf(await analyze({ paths: [SHOP], onlyRules: [] }));
    const view = toGraphJson(source, SHOP);
    expect(view.services.map((service) => service.name).sort()).toEqual(['gateway', 'inventory', 'notifications', 'orders', 'payments', 'pricing']);
    const { page, requests, errors } = await openGraph(view, 'shop');
    try {
      await expectReadableDrawing(page, view);
      await page.screenshot({ path: join(RESULTS, 'graph-shop.png') });
      await expectServiceDetails(page, view, 'orders');
      await page.screenshot({ path: join(RESULTS, 'graph-shop-orders.png') });
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
