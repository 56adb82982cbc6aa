// Reading network addresses out of URL, connection-string and host:port literals.

export interface ParsedAddress {
  /** Scheme without ':' ('http', 'amqp', 'postgres'), or undefined for a bare host[:port]. */
  scheme?: string;
  host: string;
  port?: string;
  /** The leading text up to and including the port: what configuration should supply. */
  authority: string;
}

const SCHEME_URL = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[^\]]+\]|[^:/?#,]+)(?::(\d+))?/i;
const HOST_PORT = /^(\[[^\]]+\]|[a-z0-9][a-z0-9.-]*)(?::(\d+))?$/i;

export function parseAddress(value: string): ParsedAddress | undefined {
  const url = SCHEME_URL.exec(value);
  if (url) return { scheme: url[1]!.toLowerCase(), host: url[2]!.toLowerCase(), port: url[3], authority: url[0] };
  const bare = HOST_PORT.exec(value.trim());
  if (bare) return { host: bare[1]!.toLowerCase(), port: bare[2], authority: bare[0] };
  return undefined;
}

const INTERNAL_SUFFIXES = ['.local', '.internal', '.svc', '.cluster.local', '.lan', '.localdomain'];

/** Why an address belongs in configuration, or undefined when it may stay in code (a public host on its default port). */
export function whyHardcoded(address: ParsedAddress): string | undefined {
  const host = address.host.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'points at localhost';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':')) return 'is an IP address';
  if (!host.includes('.')) return `names the internal host \`${host}\``;
  const suffix = INTERNAL_SUFFIXES.find((s) => host.endsWith(s));
  if (suffix) return `names the internal host \`${host}\``;
  if (address.port) return `names port ${address.port}`;
  return undefined;
}

/** INVENTORY_URL for `http://inventory:3000`, ORDERS_DB_URL for `postgres://orders-db:5432`. */
export function envNameForHost(host: string, suffix = 'URL'): string | undefined {
  const label = host.replace(/^\[|\]$/g, '').split('.')[0]!;
  if (!/^[a-z]/i.test(label) || label === 'localhost') return undefined;
  return `${label.replace(/[^a-z0-9]+/gi, '_').toUpperCase()}_${suffix}`;
}
