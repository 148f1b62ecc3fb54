import { RESERVED_SLUGS } from '../lib/reserved';
// Which tenant a page belongs to. Like the API (SPEC §4), the subdomain of a root domain names it
// (acme.bookmeatoz.online, acme.localhost); the root domain itself is the apex page (sign-up). For a dev
// server on a bare host, `?tenant=acme` names it instead and the API calls carry `X-Tenant`.

export const ROOT_DOMAINS: readonly string[] = (import.meta.env?.VITE_ROOT_DOMAINS ?? 'bookmeatoz.online,localhost')
  .split(',')
  .map((d: string) => d.trim().toLowerCase())
  .filter(Boolean);

const RESERVED = new Set(RESERVED_SLUGS);

export interface TenantRef {
  /** The tenant's slug, or null on the apex (no tenant). */
  slug: string | null;
  /** 'host' when the subdomain names it (the browser's Host does the work), 'query' when `?tenant=` does. */
  source: 'host' | 'query' | null;
}

/** The tenant a hostname (and optional `?tenant=` override) names. */
export function resolveTenant(hostname: string, override: string | null, roots: readonly string[] = ROOT_DOMAINS): TenantRef {
  if (override && /^[a-z0-9-]{3,63}$/.test(override)) return { slug: override, source: 'query' };
  const host = hostname.toLowerCase().replace(/\.$/, '');
  for (const root of roots) {
    if (host.length > root.length + 1 && host.endsWith(`.${root}`)) {
      const label = host.slice(0, -(root.length + 1));
      return label.includes('.') || RESERVED.has(label) ? { slug: null, source: null } : { slug: label, source: 'host' };
    }
  }
  return { slug: null, source: null };
}

/** The address of a tenant's pages from the apex page's location: acme.localhost:5285 from localhost:5285. */
export function tenantOrigin(slug: string, location: { protocol: string; hostname: string; port: string }): string {
  const host = location.hostname.replace(/^www\./, '');
  const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.includes(':');
  const port = location.port ? `:${location.port}` : '';
  return isIp ? `${location.protocol}//${location.hostname}${port}` : `${location.protocol}//${slug}.${host}${port}`;
}

let current: TenantRef | undefined;

/** The page's tenant (computed once; a `?tenant=` override is remembered for the tab). */
export function currentTenant(): TenantRef {
  if (current) return current;
  let override = new URLSearchParams(window.location.search).get('tenant');
  try {
    if (override) sessionStorage.setItem('bookmeatoz.tenant', override);
    else override = sessionStorage.getItem('bookmeatoz.tenant');
  } catch {
    // Storage may be off; the query parameter still works for this page.
  }
  current = resolveTenant(window.location.hostname, override);
  return current;
}
