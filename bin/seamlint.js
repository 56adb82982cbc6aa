#!/usr/bin/env node
// The bundle holds two compilers' worth of code (TypeScript and ts-morph): V8's code cache saves most of its
// compile time on every run after the first.
try {
  require('v8-compile-cache');
} catch {
  // Optional: without it seamlint only starts slower.
}
require('../dist/cli.js');
