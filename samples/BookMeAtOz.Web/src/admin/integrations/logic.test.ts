import { describe, expect, it } from 'vitest';
import { deliveryAnswer, invalidUnits, isHttpUrl, mergeDeliveries, resourcesDraft, resourcesRequest, validateApiKey, validateCalDav, validateResource, validateWebhook } from './logic';

describe('resources', () => {
  it('needs a name, a kind and 1 to 100 units', () => {
    expect(validateResource({ name: 'Room 1', kind: 'room', quantity: '3' })).toEqual({});
    expect(validateResource({ name: ' ', kind: '', quantity: '0' })).toEqual({ name: 'resources.nameMissing', kind: 'resources.kindMissing', quantity: 'resources.quantityRange' });
    expect(validateResource({ name: 'x'.repeat(201), kind: 'k'.repeat(51), quantity: '101' })).toEqual({ name: 'resources.nameMissing', kind: 'resources.kindMissing', quantity: 'resources.quantityRange' });
    expect(validateResource({ name: 'Chair', kind: 'chair', quantity: '2.5' }).quantity).toBe('resources.quantityRange');
  });

  it('turns a service’s needs into its request and back', () => {
    const draft = resourcesDraft([
      { resourceId: 'a', units: 2 },
      { resourceId: 'b', units: '1' },
    ]);
    expect(draft).toEqual({ a: '2', b: '1' });
    expect(resourcesRequest({ ...draft, c: '' })).toEqual([
      { resourceId: 'a', units: 2 },
      { resourceId: 'b', units: 1 },
    ]);
    expect(resourcesDraft(null)).toEqual({});
  });

  it('flags units beyond a resource’s quantity', () => {
    const resources = [
      { id: 'a', quantity: 2 },
      { id: 'b', quantity: '5' },
      { id: 'c', quantity: 1 },
    ];
    expect(invalidUnits({ a: '3', b: '5', c: '' }, resources)).toEqual(['a']);
    expect(invalidUnits({ a: '0', b: 'x' }, resources)).toEqual(['a', 'b']);
  });
});

describe('webhooks', () => {
  it('takes absolute http(s) URLs only, without user information or fragment', () => {
    expect(isHttpUrl('https://hooks.example.com/bookings')).toBe(true);
    expect(isHttpUrl('http://127.0.0.1:8080/x')).toBe(true);
    for (const bad of ['', 'hooks.example.com', 'ftp://example.com', 'https://user:pw@example.com/', 'https://example.com/#x', `https://example.com/${'a'.repeat(2000)}`]) {
      expect(isHttpUrl(bad)).toBe(false);
    }
  });

  it('needs 1 to 20 events', () => {
    expect(validateWebhook({ url: 'https://example.com/h', events: ['booking.created'] })).toEqual({});
    expect(validateWebhook({ url: 'nope', events: [] })).toEqual({ url: 'webhooks.urlInvalid', events: 'webhooks.eventsMissing' });
  });

  it('keeps the newest page first and adds older pages without repeats', () => {
    const a = { id: 'a' }, b = { id: 'b' }, c = { id: 'c' };
    expect(mergeDeliveries([b, c], [a, b], false)).toEqual([a, b, c]);
    expect(mergeDeliveries([a, b], [b, c], true)).toEqual([a, b, c]);
  });

  it('shows the status code, else the error', () => {
    expect(deliveryAnswer({ responseStatus: 503, error: 'The receiver answered 503.' })).toBe('503');
    expect(deliveryAnswer({ responseStatus: null, error: 'Connection refused' })).toBe('Connection refused');
    expect(deliveryAnswer({ responseStatus: null, error: null })).toBeNull();
  });
});

describe('API keys and CalDAV', () => {
  it('needs a name and a scope', () => {
    expect(validateApiKey({ name: 'Sync', scopes: ['read'] })).toEqual({});
    expect(validateApiKey({ name: '', scopes: [] })).toEqual({ name: 'apiKeys.nameMissing', scopes: 'apiKeys.scopesMissing' });
  });

  it('needs the calendar’s URL, user name and password', () => {
    expect(validateCalDav({ url: 'https://dav.example.com/alex/work/', username: 'alex', password: 'pw' })).toEqual({});
    expect(validateCalDav({ url: 'dav.example.com', username: '', password: 'x'.repeat(501) })).toEqual({
      url: 'caldav.urlInvalid',
      username: 'caldav.usernameMissing',
      password: 'caldav.passwordMissing',
    });
  });
});
