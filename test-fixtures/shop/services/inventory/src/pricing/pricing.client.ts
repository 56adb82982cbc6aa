import type { PriceDto } from '@shop/contracts';
import axios from 'axios';

const PRICING_URL = 'http://pricing:3000';

/** The live price of an item (list prices in our table are only refreshed nightly). */
export async function getPrice(sku: string): Promise<PriceDto> {
  const { data } = await axios.get<PriceDto>(`${PRICING_URL}/prices/${encodeURIComponent(sku)}`);
  return data;
}
