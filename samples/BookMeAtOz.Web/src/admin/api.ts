// The admin console's API calls, all as the signed-in user.
import { adminRequest } from './session';
import type { AuditEntry, Booking, BookingStatus, Closure, CustomerDetail, CustomerSummary, ClosureCreated, Invitation, InvitationRequest, Items, Page, Policy, Schedule, Service, ServiceRequest, Staff, Tenant, TimeOff, User, UserChange } from '../api/types';

export const adminApi = {
  tenant: () => adminRequest<Tenant>('/tenant'),
  updateTenant: (patch: { name?: string; timeZone?: string; currency?: string; policy?: Partial<Policy>; embedOrigins?: string[] }) =>
    adminRequest<Tenant>('/tenant', { method: 'PATCH', body: patch }),

  services: () => adminRequest<Items<Service>>('/services').then((r) => r.items),
  createService: (body: ServiceRequest) => adminRequest<Service>('/services', { body }),
  updateService: (id: string, body: ServiceRequest) => adminRequest<Service>(`/services/${id}`, { method: 'PATCH', body }),

  staff: () => adminRequest<Items<Staff>>('/staff').then((r) => r.items),
  createStaff: (body: { name: string; email?: string | null; timeZone?: string; maxBookingsPerDay?: number | null }) => adminRequest<Staff>('/staff', { body }),
  updateStaff: (id: string, body: Partial<Omit<Staff, 'id'>>) => adminRequest<Staff>(`/staff/${id}`, { method: 'PATCH', body }),
  schedule: (id: string) => adminRequest<Schedule>(`/staff/${id}/schedule`),
  setSchedule: (id: string, schedule: Schedule) => adminRequest<Schedule>(`/staff/${id}/schedule`, { method: 'PUT', body: schedule }),
  timeOff: (id: string) => adminRequest<Items<TimeOff>>(`/staff/${id}/time-off`).then((r) => r.items),
  addTimeOff: (id: string, body: { start: string; end: string; reason?: string }) => adminRequest<TimeOff>(`/staff/${id}/time-off`, { body }),
  deleteTimeOff: (id: string, timeOffId: string) => adminRequest<void>(`/staff/${id}/time-off/${timeOffId}`, { method: 'DELETE' }),

  closures: () => adminRequest<Items<Closure>>('/closures').then((r) => r.items),
  addClosure: (body: { from: string; to: string; reason?: string }) => adminRequest<ClosureCreated>('/closures', { body }),
  removeClosure: (id: string) => adminRequest<void>(`/closures/${id}`, { method: 'DELETE' }),

  users: () => adminRequest<Items<User>>('/users').then((r) => r.items),
  updateUser: (id: string, body: UserChange) => adminRequest<User>(`/users/${id}`, { method: 'PATCH', body }),
  removeUser: (id: string) => adminRequest<void>(`/users/${id}`, { method: 'DELETE' }),
  invite: (body: InvitationRequest) => adminRequest<Invitation>('/users/invitations', { body }),

  /** Every booking between two local dates (inclusive), following the pages. */
  async bookings(from: string | null, to: string | null, status?: BookingStatus): Promise<Booking[]> {
    const all: Booking[] = [];
    let cursor: string | null = null;
    do {
      const params = new URLSearchParams({ limit: '200' });
      if (from) params.set('from', from);
      if (to) params.set('to', to);
      if (status) params.set('status', status);
      if (cursor) params.set('cursor', cursor);
      const page: Page<Booking> = await adminRequest<Page<Booking>>(`/bookings?${params}`);
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && all.length < 5000);
    return all;
  },
  cancelBooking: (id: string, reason?: string) => adminRequest<Booking>(`/bookings/${id}/cancel`, { body: reason ? { reason } : {} }),
  rescheduleBooking: (id: string, start: string, staffId?: string) =>
    adminRequest<Booking>(`/bookings/${id}/reschedule`, { body: staffId ? { start, staffId } : { start } }),
  booking: (id: string) => adminRequest<Booking>(`/bookings/${id}`),
  /** The bookings awaiting approval (every date), soonest first. */
  pendingBookings: () => adminApi.bookings(null, null, 'pending'),
  approveBooking: (id: string) => adminRequest<Booking>(`/bookings/${id}/approve`, { body: {} }),
  declineBooking: (id: string, reason?: string) => adminRequest<Booking>(`/bookings/${id}/decline`, { body: reason ? { reason } : {} }),
  markNoShow: (id: string) => adminRequest<Booking>(`/bookings/${id}/no-show`, { method: 'POST' }),

  customers: (search: string, cursor: string | null) => {
    const params = new URLSearchParams({ limit: '50' });
    if (search) params.set('search', search);
    if (cursor) params.set('cursor', cursor);
    return adminRequest<Page<CustomerSummary>>(`/customers?${params}`);
  },
  customer: (email: string) => adminRequest<CustomerDetail>(`/customers/${encodeURIComponent(email)}`),
  exportCustomer: (email: string) => adminRequest<Blob>(`/customers/${encodeURIComponent(email)}/export`, { as: 'blob' }),
  eraseCustomer: (email: string) => adminRequest<void>(`/customers/${encodeURIComponent(email)}`, { method: 'DELETE' }),

  audit: (filter: AuditFilter, cursor: string | null) => {
    const params = new URLSearchParams({ limit: '50' });
    for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
    if (cursor) params.set('cursor', cursor);
    return adminRequest<Page<AuditEntry>>(`/audit?${params}`);
  },
};

/** `GET /audit` filters: an entity id, an actor (user id), inclusive local dates. */
export interface AuditFilter {
  entity?: string;
  actor?: string;
  from?: string;
  to?: string;
}
