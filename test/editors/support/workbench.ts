// Driving VS Code's workbench the way a person does: keyboard shortcuts, what is on screen, screenshots as evidence.
// Menus (quick fixes, quick open) are driven with arrow keys and Enter: an overlay blocks mouse clicks on their items.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { waitFor } from './code-server.js';
import { REPO_ROOT } from './environment.js';

export const SCREENSHOTS = join(REPO_ROOT, 'test-results');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `vscode-${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Ctrl+P, the file's workspace-relative path, Enter; resolves when its tab is active. */
export async function quickOpen(page: Page, relativePath: string): Promise<void> {
  const name = relativePath.split('/').at(-1)!;
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await page.keyboard.type(relativePath);
  // The first pick must be this file (not another clients.ts): its description is its folder.
  const folder = relativePath.split('/').slice(0, -1).join('/');
  const first = page.locator('.quick-input-list .monaco-list-row').first();
  await waitFor(`quick open to list ${relativePath} first`, async () => {
    const text = normalize(await first.textContent().catch(() => ''));
    return text.includes(name) && text.includes(folder) ? true : undefined;
  });
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[aria-label*="${name}"]`).waitFor({ state: 'visible' });
}

/** Ctrl+G, `line:column`, Enter once the picker offers that line; resolves when the cursor is there. */
export async function goToLine(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type(`${line}:${column}`);
  const offer = page.locator('.quick-input-list .monaco-list-row', { hasText: `Go to line ${line} and character ${column}` });
  await offer.first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await waitFor(`the cursor at Ln ${line}, Col ${column}`, async () => ((await cursorPosition(page)).includes(`Ln ${line}, Col ${column}`) ? true : undefined), 15_000);
}

/** F1, a command's title, Enter. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type(title);
  const first = page.locator('.quick-input-list .monaco-list-row').first();
  await waitFor(`the command palette to list "${title}"`, async () => (normalize(await first.textContent().catch(() => '')).includes(title) ? true : undefined));
  await page.keyboard.press('Enter');
}

/** The active editor's text as rendered (Monaco draws spaces as no-break spaces). */
export async function editorText(page: Page): Promise<string> {
  const lines = await page.locator('.editor-group-container.active .monaco-editor .view-lines .view-line').allTextContents();
  return lines.map(normalize).join('\n');
}

/** The status bar's "Ln x, Col y" of the active editor. */
export async function cursorPosition(page: Page): Promise<string> {
  return normalize(await page.locator('#status\\.editor\\.selection').textContent());
}

/**
 * In an open menu of `rows`, moves the focus with the arrow keys to the row whose text matches, and returns that text.
 * Fails with the rows on offer when none matches.
 */
export async function focusRowByKeyboard(page: Page, rows: Locator, wanted: RegExp): Promise<string> {
  const texts = (await rows.allTextContents()).map(normalize);
  const target = texts.findIndex((text) => wanted.test(text));
  if (target < 0) throw new Error(`no menu item matches ${wanted}; offered: ${JSON.stringify(texts)}`);
  const focusedIndex = async (): Promise<number> => {
    const classes = await rows.evaluateAll((elements) => elements.map((element) => element.className));
    return classes.findIndex((name) => /\bfocused\b/.test(name));
  };
  for (let step = 0; step <= texts.length; step++) {
    const focused = await focusedIndex();
    if (focused === target) return texts[target]!;
    await page.keyboard.press(focused < 0 || focused < target ? 'ArrowDown' : 'ArrowUp');
  }
  throw new Error(`could not move the focus to "${texts[target]}" with the arrow keys`);
}

export function normalize(text: string | null | undefined): string {
  return (text ?? '').replace(/\u00a0/g, ' ');
}
