import type {
  InventoryItemDto,
  ItemPageDto,
  ReservationDto,
  ReservationRequest,
  StockLevelDto,
} from '@shop/contracts';

export interface InventoryClientOptions {
  /** e.g. process.env.INVENTORY_URL */
  baseUrl: string;
  /** Per-request timeout. */
  timeoutMs?: number;
}

export class InventoryRequestError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method} inventory${path} failed with ${status}`);
    this.name = 'InventoryRequestError';
  }
}

/** Typed client for the inventory service's HTTP API. Owned by the inventory team; used by orders and the gateway. */
export class InventoryClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(options: InventoryClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 2_000;
  }

  async getItem(sku: string): Promise<InventoryItemDto> {
    return this.request<InventoryItemDto>('GET', `/items/${encodeURIComponent(sku)}`);
  }

  async getStock(sku: string): Promise<StockLevelDto> {
    return this.request<StockLevelDto>('GET', `/items/${encodeURIComponent(sku)}/stock`);
  }

  async listItems(cursor?: string): Promise<ItemPageDto> {
    const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
    return this.request<ItemPageDto>('GET', `/items${query}`);
  }

  async reserve(reservation: ReservationRequest): Promise<ReservationDto> {
    return this.request<ReservationDto>('POST', '/reservations', reservation);
  }

  private async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!res.ok) {
      throw new InventoryRequestError(method, path, res.status, await res.text());
    }
    return (await res.json()) as T;
  }
}
