// Small express systems for the synchronous-coupling rules: each service is an npm-workspace package whose main.ts
// listens, with routes whose handlers call other services.
import type { Files } from './rule-tester.js';

export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  /** Body of the async (req, res) handler. */
  body: string;
}

export function expressService(name: string, routes: RouteSpec[], extraImports = ''): Files {
  const lines = [
    "import express from 'express';",
    "import axios from 'axios';",
    extraImports,
    '',
    'const app = express();',
    ...routes.flatMap((route) => [`app.${route.method}('${route.path}', async (req, res) => {`, ...route.body.split('\n').map((l) => `  ${l}`), '});']),
    'app.listen(3000);',
    '',
  ].filter((line, index) => index !== 2 || line !== '');
  return {
    [`services/${name}/package.json`]: JSON.stringify({ name: `@shop/${name}`, version: '1.0.0' }),
    [`services/${name}/src/main.ts`]: lines.join('\n'),
  };
}

export const workspaceRoot: Files = {
  'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['services/*', 'packages/*'] }),
};
