// The booking flow inside another site's page (docs/embedding.md, "The booking widget"). public/embed.js frames
// /embed?origin=<the page's origin>; the page here tells that origin its height and each booking made, with
// postMessage aimed at that origin only, and only when the tenant lists it (embedOrigins): the server's CSP
// frame-ancestors lets no other site frame these pages, and a message aimed at an origin reaches no other.
import { useEffect } from 'react';
import type { Tenant } from '../api/types';

/**
 * The tenant's embedOrigins (GET/PATCH /api/v1/tenant). Read beside the Tenant type until schema.d.ts is regenerated
 * from a host that has the field (src/api/contract.ts checks Tenant against it).
 */
export type TenantEmbedding = Tenant & { embedOrigins?: string[] };
export const embedOriginsOf = (tenant: Tenant): string[] => (tenant as TenantEmbedding).embedOrigins ?? [];

export const RESIZE = 'bookmeatoz:resize';
export const BOOKED = 'bookmeatoz:booked';

// Read once at start-up: the flow moves on with pushState (/embed?service=… → /manage/…), keeping this module.
const claimed: string | null =
  typeof window !== 'undefined' && window.parent !== window && window.location.pathname === '/embed'
    ? new URLSearchParams(window.location.search).get('origin')
    : null;
let target: string | null = null;

/** The embedding page's origin when it is one the tenant allows; null otherwise (not framed, or not allowed). */
export function embeddingOrigin(allowed: readonly string[] | undefined): string | null {
  if (!claimed || !allowed) return null;
  let canonical: string;
  try {
    canonical = new URL(claimed).origin;
  } catch {
    return null;
  }
  return canonical === claimed && allowed.includes(canonical) ? canonical : null;
}

/** Whether the page runs framed by an allowed site (the booking flow then leaves out what the host page has). */
export const isEmbedded = () => target !== null;

/** Tells the embedding page of a booking: {type: "bookmeatoz:booked", bookingId, start}; nothing when not embedded. */
export function announceBooked(booking: { id: string; start: string; status?: string }) {
  if (!target) return;
  window.parent.postMessage({ type: BOOKED, bookingId: booking.id, start: booking.start, status: booking.status }, target);
}

/** While mounted (on /embed, with the tenant's list): keeps the embedding page told of this page's height. */
export function useEmbedding(allowed: readonly string[] | undefined) {
  useEffect(() => {
    const origin = embeddingOrigin(allowed);
    target = origin;
    if (!origin) return;
    document.documentElement.classList.add('embedded');
    let last = -1;
    const report = () => {
      const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height === last) return;
      last = height;
      window.parent.postMessage({ type: RESIZE, height }, origin);
    };
    const observer = new ResizeObserver(report);
    observer.observe(document.documentElement);
    report();
    return () => observer.disconnect();
  }, [allowed]);
}
