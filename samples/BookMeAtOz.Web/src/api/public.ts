// The calls a customer's page makes: no sign-in, a booking's guest proves itself with its manage token.
import { request } from './http';
import type { Availability, Booking, Hold, Items, Service, Staff, Tenant } from './types';
import { fetchAllAvailability } from './availability';

export const getTenant = (signal?: AbortSignal) => request<Tenant>('/tenant', { signal });

export const listServices = (signal?: AbortSignal) => request<Items<Service>>('/services', { signal }).then((r) => r.items);

export const listStaff = (signal?: AbortSignal) => request<Items<Staff>>('/staff', { signal }).then((r) => r.items);

export interface AvailabilityQuery {
  serviceId: string;
  from: string;
  to: string;
  staffId?: string;
  timeZone: string;
}

/** One answer of `GET /availability`: the whole window, or up to its `truncatedAfter`. */
export function getAvailabilityPage(q: AvailabilityQuery, signal?: AbortSignal, token?: string) {
  const params = new URLSearchParams({ serviceId: q.serviceId, from: q.from, to: q.to, timeZone: q.timeZone });
  if (q.staffId) params.set('staffId', q.staffId);
  return request<Availability>(`/availability?${params}`, { signal, token });
}

/** The whole window: asks again from the day after `truncatedAfter` until an answer is complete. */
export function getAvailability(q: AvailabilityQuery, signal?: AbortSignal, token?: string) {
  return fetchAllAvailability(q, (from) => getAvailabilityPage({ ...q, from }, signal, token));
}

export interface NewBooking {
  serviceId: string;
  start: string;
  staffId?: string;
  customer: { name: string; email: string; phone?: string };
  notes?: string;
  answers?: Record<string, string | string[] | boolean | number>;
  /** A hold from `createHold` to book (the body repeats its service and start). */
  holdId?: string;
  /** The language the customer books in: their e-mails are written in it (en, de, fr; else the business's default). */
  locale?: string;
}

/** Keeps an offered slot for the guest while they fill in the form (the policy's `holdMinutes`). */
export const createHold = (body: { serviceId: string; start: string; staffId?: string }) => request<Hold>('/holds', { body });

/** Gives a hold's time back at once (idempotent: a lapsed or booked hold answers 204 too). */
export const releaseHold = (id: string) => request<void>(`/holds/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** Books a slot; the same idempotency key for a retry of the same request returns the first answer. */
export const createBooking = (body: NewBooking, idempotencyKey: string) =>
  request<Booking>('/bookings', { body, headers: { 'Idempotency-Key': idempotencyKey } });

export const getBooking = (id: string, manageToken: string, timeZone?: string, signal?: AbortSignal) =>
  request<Booking>(`/bookings/${encodeURIComponent(id)}${timeZone ? `?timeZone=${encodeURIComponent(timeZone)}` : ''}`, {
    manageToken,
    signal,
  });

export const cancelBooking = (id: string, manageToken: string, reason?: string) =>
  request<Booking>(`/bookings/${encodeURIComponent(id)}/cancel`, { body: reason ? { reason } : {}, manageToken });

export const rescheduleBooking = (id: string, manageToken: string, start: string, staffId?: string) =>
  request<Booking>(`/bookings/${encodeURIComponent(id)}/reschedule`, { body: staffId ? { start, staffId } : { start }, manageToken });

/** The booking as an .ics file (it needs the manage token header, so it is fetched, not linked). */
export const getBookingIcs = (id: string, auth: { manageToken?: string; token?: string }) =>
  request<Blob>(`/bookings/${encodeURIComponent(id)}/ics`, { ...auth, as: 'blob', headers: { Accept: 'text/calendar' } });

/** A booking that repeats (`POST /bookings/series`): the occurrences booked and those skipped, with why. */
export interface SeriesBooked {
  seriesId: string;
  seriesManageToken: string | null;
  bookings: Booking[];
  skipped: { start: string; code: string }[];
}

export const createSeries = (
  body: Omit<NewBooking, 'holdId'> & { recurrence: { frequency: 'weekly' | 'fortnightly' | 'monthly'; count: number }; mode: 'allOrNothing' | 'available' },
  idempotencyKey: string,
) => request<SeriesBooked>('/bookings/series', { body, headers: { 'Idempotency-Key': idempotencyKey } });
