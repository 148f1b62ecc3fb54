// The integration screens' rules, apart from React so Vitest can check them.
import type { IntegrationKey } from './messages.en';

export type Errors<F extends string> = Partial<Record<F, IntegrationKey>>;

export const WEBHOOK_EVENTS = [
  'booking.created',
  'booking.rescheduled',
  'booking.cancelled',
  'booking.approved',
  'booking.declined',
  'booking.expired',
  'booking.no_show',
  'waitlist.offered',
] as const;
export const API_KEY_SCOPES = ['read', 'bookings', 'admin'] as const;

const wholeIn = (text: string, min: number, max: number) => /^\d+$/.test(text.trim()) && Number(text) >= min && Number(text) <= max;

/** An absolute http(s) URL of at most 2000 characters, without user information or fragment. */
export function isHttpUrl(text: string): boolean {
  const value = text.trim();
  if (!value || value.length > 2000) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password && !url.hash && !value.includes('#');
  } catch {
    return false;
  }
}

export function validateResource(v: { name: string; kind: string; quantity: string }): Errors<'name' | 'kind' | 'quantity'> {
  const e: Errors<'name' | 'kind' | 'quantity'> = {};
  if (!v.name.trim() || v.name.trim().length > 200) e.name = 'resources.nameMissing';
  if (!v.kind.trim() || v.kind.trim().length > 50) e.kind = 'resources.kindMissing';
  if (!wholeIn(v.quantity, 1, 100)) e.quantity = 'resources.quantityRange';
  return e;
}

export function validateWebhook(v: { url: string; events: readonly string[] }): Errors<'url' | 'events'> {
  const e: Errors<'url' | 'events'> = {};
  if (!isHttpUrl(v.url)) e.url = 'webhooks.urlInvalid';
  if (v.events.length === 0 || v.events.length > 20) e.events = 'webhooks.eventsMissing';
  return e;
}

export function validateApiKey(v: { name: string; scopes: readonly string[] }): Errors<'name' | 'scopes'> {
  const e: Errors<'name' | 'scopes'> = {};
  if (!v.name.trim() || v.name.trim().length > 200) e.name = 'apiKeys.nameMissing';
  if (v.scopes.length === 0) e.scopes = 'apiKeys.scopesMissing';
  return e;
}

export function validateCalDav(v: { url: string; username: string; password: string }): Errors<'url' | 'username' | 'password'> {
  const e: Errors<'url' | 'username' | 'password'> = {};
  if (!isHttpUrl(v.url)) e.url = 'caldav.urlInvalid';
  if (!v.username || v.username.length > 500) e.username = 'caldav.usernameMissing';
  if (!v.password || v.password.length > 500) e.password = 'caldav.passwordMissing';
  return e;
}

/** A service's resource needs as edited: resource id → units as typed ('' = not needed). */
export type ResourceDraft = Record<string, string>;

/** The `resources` of a service request: the needed ones with their units ('' = not needed). */
export function resourcesRequest(draft: ResourceDraft): { resourceId: string; units: number }[] {
  return Object.entries(draft)
    .filter(([, units]) => units.trim() !== '')
    .map(([resourceId, units]) => ({ resourceId, units: Number(units) }));
}

/** A service's requirements as a draft. */
export const resourcesDraft = (requirements: readonly { resourceId: string | null; units: number | string | null }[] | null | undefined): ResourceDraft =>
  Object.fromEntries((requirements ?? []).filter((r) => r.resourceId).map((r) => [r.resourceId!, String(r.units ?? 1)]));

/** The ids of the needed resources whose units are not 1 up to the resource's quantity. */
export function invalidUnits(draft: ResourceDraft, resources: readonly { id: string; quantity: number | string }[]): string[] {
  return resources.filter((r) => (draft[r.id] ?? '') !== '' && !wholeIn(draft[r.id]!, 1, Number(r.quantity))).map((r) => r.id);
}

/** Puts the delivery log's newest page first and appends older pages without repeating an entry. */
export function mergeDeliveries<T extends { id: string }>(current: readonly T[], page: readonly T[], older: boolean): T[] {
  const seen = new Set<string>();
  const merged = older ? [...current, ...page] : [...page, ...current];
  return merged.filter((d) => (seen.has(d.id) ? false : (seen.add(d.id), true)));
}

/** A delivery's answer, short: the status code, or the error when there was no answer. */
export function deliveryAnswer(d: { responseStatus: number | string | null; error: string | null }): string | null {
  if (d.responseStatus != null) return String(d.responseStatus);
  return d.error;
}

