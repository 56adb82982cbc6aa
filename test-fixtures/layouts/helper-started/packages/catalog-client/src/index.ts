export interface Product {
  sku: string;
  title: string;
  priceCents: number;
}

/** The catalog team's client: one place that knows catalog's routes and how long to wait for it. */
export class CatalogClient {
  constructor(
    private readonly baseUrl: string = process.env.CATALOG_URL ?? 'http://localhost:3001',
    private readonly timeoutMs = 2000,
  ) {}

  async getProduct(sku: string): Promise<Product | undefined> {
    const response = await fetch(`${this.baseUrl}/products/${encodeURIComponent(sku)}`, { signal: AbortSignal.timeout(this.timeoutMs) });
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`GET /products/${sku} failed: ${response.status}`);
    return (await response.json()) as Product;
  }

  async listProducts(): Promise<Product[]> {
    const response = await fetch(`${this.baseUrl}/products`, { signal: AbortSignal.timeout(this.timeoutMs) });
    if (!response.ok) throw new Error(`GET /products failed: ${response.status}`);
    return (await response.json()) as Product[];
  }
}
