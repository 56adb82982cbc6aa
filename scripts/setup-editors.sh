#!/usr/bin/env bash
# Installs what the editor suites (`npm run test:editors`) need, offline apart from Debian's packages and the npm registry:
# Debian's Chromium, Neovim and ripgrep, and code-server 4.100.3 (VS Code 1.100.3, the last line on Node 20) with
# playwright-core in their own folder, `.seamlint-editors/`, so none of it becomes a dependency of the extension.
# Idempotent: what is already installed is skipped. See ../shared/design/editor-testing.md for why each step is here.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EDITORS="${SEAMLINT_EDITORS_DIR:-$ROOT/.seamlint-editors}"
CODE_SERVER_VERSION=4.100.3

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

# --- Debian packages -------------------------------------------------------------------------------------------
# libkrb5-dev: headers for VS Code's kerberos native module; chromium shows the workbench; ripgrep stands in for the
# binary @vscode/ripgrep would download from GitHub; neovim is the second, independent LSP client.
missing=()
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
command -v chromium >/dev/null 2>&1 || missing+=(chromium fonts-liberation fonts-dejavu-core)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
command -v nvim >/dev/null 2>&1 || missing+=(neovim)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "apt: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "apt: libkrb5-dev chromium ripgrep neovim already installed"
fi

# --- code-server and playwright-core, in their own folder --------------------------------------------------------
installed_version() {
  node -e "try { process.stdout.write(require('$EDITORS/node_modules/$1/package.json').version) } catch { }"
}
has_ripgrep() {
  [ -n "$(find "$EDITORS/node_modules" -path '*/@vscode/ripgrep/bin/rg' -print -quit 2>/dev/null)" ]
}
if [ "$(installed_version code-server)" = "$CODE_SERVER_VERSION" ] && [ -n "$(installed_version playwright-core)" ] && has_ripgrep; then
  echo "code-server $CODE_SERVER_VERSION and playwright-core $(installed_version playwright-core) already in $EDITORS"
else
  mkdir -p "$EDITORS"
  [ -f "$EDITORS/package.json" ] || printf '{\n  "name": "seamlint-editors",\n  "private": true,\n  "description": "Editors for seamlint'"'"'s editor tests; installed by scripts/setup-editors.sh"\n}\n' >"$EDITORS/package.json"

  # @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable here; it skips the download when its
  # cache already holds the tarball, so build that tarball from Debian's rg.
  RG_TMP="$(mktemp -d)"
  trap 'rm -rf "$RG_TMP"' EXIT
  mkdir -p "$RG_TMP/vscode-ripgrep-cache-1.15.11" "$RG_TMP/rg-bin"
  cp "$(command -v rg)" "$RG_TMP/rg-bin/rg"
  for target in x86_64-unknown-linux-musl aarch64-unknown-linux-musl; do
    tar -czf "$RG_TMP/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-$target.tar.gz" -C "$RG_TMP/rg-bin" rg
  done

  echo "npm: installing code-server@$CODE_SERVER_VERSION and playwright-core into $EDITORS"
  # unsafe_perm: code-server's postinstall as root; yes: node-pty's postinstall runs `npx node-gyp` without asking.
  (cd "$EDITORS" && TMPDIR="$RG_TMP" npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" playwright-core)
fi

# Throwaway homes: code-server writes a default config file on every start (even for --version), and Neovim a cache dir.
VERSION_HOME="$(mktemp -d)"
export XDG_CONFIG_HOME="$VERSION_HOME" XDG_DATA_HOME="$VERSION_HOME" XDG_CACHE_HOME="$VERSION_HOME" XDG_STATE_HOME="$VERSION_HOME"
echo "chromium: $(chromium --version 2>/dev/null | head -1)"
echo "nvim: $(nvim --version | head -1)"
echo "code-server: $("$EDITORS/node_modules/.bin/code-server" --version 2>/dev/null | tail -1)"
rm -rf "$VERSION_HOME"
