import { describe, expect, it } from 'vitest';
import { resolveTenant, tenantOrigin } from './tenant';

const roots = ['bookmeatoz.online', 'localhost'];

describe('resolveTenant', () => {
  it('takes the tenant from a one-label subdomain of a root domain', () => {
    expect(resolveTenant('demo.localhost', null, roots)).toEqual({ slug: 'demo', source: 'host' });
    expect(resolveTenant('Acme.BookMeAtOz.online.', null, roots)).toEqual({ slug: 'acme', source: 'host' });
  });

  it('treats the root domain, reserved names and deeper names as the apex', () => {
    for (const host of ['localhost', 'bookmeatoz.online', 'www.bookmeatoz.online', 'api.localhost', 'a.b.localhost', '127.0.0.1']) {
      expect(resolveTenant(host, null, roots), host).toEqual({ slug: null, source: null });
    }
  });

  it('lets ?tenant= name it on a bare host (the dev server), sent as X-Tenant', () => {
    expect(resolveTenant('127.0.0.1', 'demo', roots)).toEqual({ slug: 'demo', source: 'query' });
    expect(resolveTenant('localhost', 'Not A Slug', roots)).toEqual({ slug: null, source: null });
  });
});

describe('tenantOrigin', () => {
  it('puts the new tenant on a subdomain of the apex page’s host', () => {
    expect(tenantOrigin('acme', { protocol: 'http:', hostname: 'localhost', port: '5285' })).toBe('http://acme.localhost:5285');
    expect(tenantOrigin('acme', { protocol: 'https:', hostname: 'www.bookmeatoz.online', port: '' })).toBe('https://acme.bookmeatoz.online');
    expect(tenantOrigin('acme', { protocol: 'http:', hostname: '127.0.0.1', port: '8080' })).toBe('http://127.0.0.1:8080');
  });
});
