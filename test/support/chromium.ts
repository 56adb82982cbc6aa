// How Chromium runs here (../shared/design/editor-testing.md, node.md): Debian's binary unless CHROMIUM_PATH says
// otherwise; no sandbox (root), and no background connections, which a closed network refuses. Shared by the browser
// suite (the service-graph page) and the editor suites (code-server's workbench).
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
