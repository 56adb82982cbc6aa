import { describe, expect, it } from 'vitest';
import { factsOf, slice } from '../facts/testing.js';

/** [sink, library, the sink span's text, the value's text] */
function sinks(text: string): Array<[string, string, string, string]> {
  return factsOf(text).endpointSinks.map((fact) => [fact.sink, fact.library, slice(text, fact), slice(text, fact.value)]);
}

describe('fetch', () => {
  it('finds the global fetch and its URL expression as written', () => {
    const text = [
      'const base = process.env.INVENTORY_URL;',
      'export async function getItem(id: string) {',
      '  const res = await fetch(`${base}/items/${id}`, { signal: AbortSignal.timeout(5000) });',
      "  await globalThis.fetch('http://pricing:8080/prices');",
      '  return res.json();',
      '}',
    ].join('\n');
    expect(sinks(text)).toEqual([
      ['http-call', 'fetch', 'fetch(`${base}/items/${id}`, { signal: AbortSignal.timeout(5000) })', '`${base}/items/${id}`'],
      ['http-call', 'fetch', "globalThis.fetch('http://pricing:8080/prices')", "'http://pricing:8080/prices'"],
    ]);
  });

  it('does not take a fetch shadowed by a local declaration, or a URL that is only logged', () => {
    const text = [
      'function fetch(key: string) { return cache.get(key); }',
      "fetch('http://inventory:3000/items');",
      "console.log('calling http://inventory:3000/items');",
      "const url = 'http://inventory:3000/items';",
    ].join('\n');
    expect(sinks(text)).toEqual([]);
  });

  it('takes a fetch parameter as local, not the global', () => {
    const text = "export function make(fetch: typeof globalThis.fetch) { return fetch('http://a:1/'); }";
    expect(sinks(text)).toEqual([]);
  });

  it('finds node-fetch and undici', () => {
    const text = [
      "import nodeFetch from 'node-fetch';",
      "import { request, fetch as undiciFetch, Pool } from 'undici';",
      "await nodeFetch('http://inventory:3000/items');",
      "await request('http://billing:3000/invoices', { method: 'POST' });",
      'await undiciFetch(url);',
      "const pool = new Pool('http://search:9200');",
    ].join('\n');
    expect(sinks(text).map(([sink, library, , value]) => [sink, library, value])).toEqual([
      ['http-call', 'node-fetch', "'http://inventory:3000/items'"],
      ['http-call', 'undici', "'http://billing:3000/invoices'"],
      ['http-call', 'undici', 'url'],
      ['http-client-base', 'undici', "'http://search:9200'"],
    ]);
  });
});

describe('axios', () => {
  it('finds axios calls, config objects, instances and their baseURL', () => {
    const text = [
      "import axios from 'axios';",
      "const client = axios.create({ baseURL: 'http://inventory:3000', timeout: 5000 });",
      'export class InventoryClient {',
      "  private readonly http = axios.create({ baseURL: process.env.INVENTORY_URL });",
      '  getItem(id: string) { return this.http.get(`/items/${id}`); }',
      '}',
      "await axios.get('http://pricing:8080/prices', { timeout: 1000 });",
      "await axios.post(`${BILLING}/invoices`, body);",
      "await axios({ method: 'put', url: 'http://orders:3000/orders/1', data: {} });",
      "await axios('http://orders:3000/health');",
      "await client.delete('/items/1');",
      "await client({ url: '/items', method: 'get' });",
    ].join('\n');
    expect(sinks(text).map(([sink, , , value]) => [sink, value])).toEqual([
      ['http-client-base', "'http://inventory:3000'"],
      ['http-client-base', 'process.env.INVENTORY_URL'],
      ['http-call', '`/items/${id}`'],
      ['http-call', "'http://pricing:8080/prices'"],
      ['http-call', '`${BILLING}/invoices`'],
      ['http-call', "'http://orders:3000/orders/1'"],
      ['http-call', "'http://orders:3000/health'"],
      ['http-call', "'/items/1'"],
      ['http-call', "'/items'"],
    ]);
    expect(sinks(text)[3]![2]).toBe("axios.get('http://pricing:8080/prices', { timeout: 1000 })");
  });

  it('finds axios from require() and from a local config object', () => {
    const text = [
      "const axios = require('axios').default;",
      "const settings = { baseURL: 'http://inventory:3000' };",
      'const api = axios.create(settings);',
      "api.get('/items');",
    ].join('\n');
    expect(sinks(text).map(([sink, , , value]) => [sink, value])).toEqual([
      ['http-client-base', "'http://inventory:3000'"],
      ['http-call', "'/items'"],
    ]);
  });

  it('finds calls on an instance known only by its AxiosInstance annotation', () => {
    const text = [
      "import type { AxiosInstance } from 'axios';",
      'export class PricingClient {',
      '  constructor(private readonly http: AxiosInstance) {}',
      '  price(sku: string) { return this.http.get(`/prices/${sku}`); }',
      '}',
    ].join('\n');
    expect(sinks(text).map(([sink, library, , value]) => [sink, library, value])).toEqual([['http-call', 'axios', '`/prices/${sku}`']]);
  });

  it('does not take an axios identifier that is not imported from axios', () => {
    const text = [
      "import axios from './my-http';",
      "axios.get('http://inventory:3000/items');",
      "const other = { get: (u: string) => u, create: (o: object) => o };",
      "other.get('http://inventory:3000/items');",
    ].join('\n');
    expect(sinks(text)).toEqual([]);
  });
});

describe('got, ky, superagent, node http', () => {
  it('finds got calls and got.extend({ prefixUrl }) instances', () => {
    const text = [
      "import got from 'got';",
      "const api = got.extend({ prefixUrl: 'http://inventory:3000', timeout: { request: 5000 } });",
      "await api.get('items/1').json();",
      "await got('http://pricing:8080/prices');",
      "await got.post('http://billing:3000/invoices', { json: {} });",
      "await got({ url: 'http://orders:3000/orders' });",
    ].join('\n');
    expect(sinks(text).map(([sink, library, , value]) => [sink, library, value])).toEqual([
      ['http-client-base', 'got', "'http://inventory:3000'"],
      ['http-call', 'got', "'items/1'"],
      ['http-call', 'got', "'http://pricing:8080/prices'"],
      ['http-call', 'got', "'http://billing:3000/invoices'"],
      ['http-call', 'got', "'http://orders:3000/orders'"],
    ]);
  });

  it('finds ky, superagent and node http(s).request/get', () => {
    const text = [
      "import ky from 'ky';",
      "import request from 'superagent';",
      "import http from 'node:http';",
      "import { get as httpsGet } from 'https';",
      "const api = ky.create({ prefixUrl: 'http://inventory:3000' });",
      "await ky.get('http://pricing:8080/prices').json();",
      "await request.post('http://billing:3000/invoices').send({});",
      "http.request({ host: 'inventory', port: 3000, path: '/items' }, () => {});",
      "httpsGet('https://api.stripe.com/v1/charges', () => {});",
    ].join('\n');
    const found = factsOf(text).endpointSinks;
    expect(found.map((fact) => [fact.sink, fact.library, slice(text, fact.value), fact.port && slice(text, fact.port)])).toEqual([
      ['http-client-base', 'ky', "'http://inventory:3000'", undefined],
      ['http-call', 'ky', "'http://pricing:8080/prices'", undefined],
      ['http-call', 'superagent', "'http://billing:3000/invoices'", undefined],
      ['http-call', 'node-http', "'inventory'", '3000'],
      ['http-call', 'node-https', "'https://api.stripe.com/v1/charges'", undefined],
    ]);
  });
});

describe('@nestjs/axios', () => {
  it('finds HttpService calls through the injected, typed constructor parameter', () => {
    const text = [
      "import { Injectable } from '@nestjs/common';",
      "import { HttpService } from '@nestjs/axios';",
      "import { firstValueFrom } from 'rxjs';",
      '@Injectable()',
      'export class InventoryClient {',
      '  constructor(private readonly http: HttpService) {}',
      '  async getItem(id: string) {',
      '    const { data } = await firstValueFrom(this.http.get(`http://inventory:3000/items/${id}`));',
      "    await this.http.axiosRef.post('http://billing:3000/invoices', {});",
      '    return data;',
      '  }',
      '}',
    ].join('\n');
    expect(sinks(text).map(([sink, library, , value]) => [sink, library, value])).toEqual([
      ['http-call', '@nestjs/axios', '`http://inventory:3000/items/${id}`'],
      ['http-call', '@nestjs/axios', "'http://billing:3000/invoices'"],
    ]);
  });

  it('falls back to the httpService property name when the injection is untyped', () => {
    const text = [
      "import { HttpModule } from '@nestjs/axios';",
      'class Client {',
      '  constructor(@Inject(TOKEN) private httpService) {}',
      "  ping() { return this.httpService.get('http://inventory:3000/health'); }",
      '}',
      "HttpModule.register({ baseURL: 'http://pricing:8080', timeout: 5000 });",
    ].join('\n');
    expect(sinks(text).map(([sink, , , value]) => [sink, value])).toEqual([
      ['http-call', "'http://inventory:3000/health'"],
      ['http-client-base', "'http://pricing:8080'"],
    ]);
  });
});
