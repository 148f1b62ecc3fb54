// The API's wire types (src/BookMeAtOz.Client/Contracts): JSON, camelCase, instants as ISO strings with
// an offset, local dates 'YYYY-MM-DD', local times 'HH:mm', money in cents.

export interface Policy {
  minNoticeMinutes: number;
  maxAdvanceDays: number;
  slotIntervalMinutes: number | null;
  cancellationNoticeMinutes: number;
  /** null = cancellationNoticeMinutes. */
  rescheduleNoticeMinutes: number | null;
  /** null = unlimited. */
  maxReschedules: number | null;
  /** null = unlimited. */
  maxActiveBookings: number | null;
  /** How long a pending booking waits for approval (default 24). */
  approvalHours?: number;
  /** How long a checkout hold keeps a slot (default 10). */
  holdMinutes?: number;
}

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  currency: string;
  policy: Policy;
}

export interface Service {
  id: string;
  name: string;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  priceCents: number;
  capacity: number;
  slotIntervalMinutes: number | null;
  staffIds: string[];
  active: boolean;
  questions: Question[];
  location: ServiceLocation | null;
}

export const QUESTION_TYPES = ['text', 'longText', 'choice', 'multiChoice', 'checkbox', 'phone', 'number', 'email'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** A question the service asks when booking (the server assigns `id`). */
export interface Question {
  id: string;
  label: string;
  type: QuestionType;
  required: boolean;
  choices: string[] | null;
  maxLength: number | null;
}

export interface ServiceLocation {
  kind: 'inPerson' | 'phone' | 'video';
  address: string | null;
  phone: string | null;
  url: string | null;
}

/** A location in a request: the kind and its own field only. */
export type LocationRequest = { kind: ServiceLocation['kind']; address?: string; phone?: string; url?: string };

export type ServiceRequest = Partial<Omit<Service, 'id' | 'questions' | 'location'>> & {
  questions?: (Omit<Question, 'id'> & { id?: string })[];
  location?: LocationRequest | null;
};

export interface Staff {
  id: string;
  name: string;
  email: string | null;
  timeZone: string;
  active: boolean;
  /** null = unlimited. */
  maxBookingsPerDay: number | null;
}

export interface Interval {
  start: string;
  end: string;
}

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Schedule {
  weekly: Record<Weekday, Interval[]>;
  overrides: { date: string; intervals: Interval[] }[];
}

export interface TimeOff {
  id: string;
  staffId: string;
  start: string;
  end: string;
  reason: string | null;
}

/** A staff member as an availability answer lists them (once per answer). */
export interface AvailabilityStaff {
  id: string;
  name: string;
}

export interface Slot {
  start: string;
  end: string;
  /** The staff free then: indexes into the answer's `staff`. */
  staff: number[];
  seatsLeft: number;
}

/**
 * At most 2 MiB: a window that would be larger holds every slot up to and including the local date
 * `truncatedAfter`; ask again from the day after it (`getAvailability` in `public.ts` does).
 */
export interface Availability {
  serviceId: string;
  timeZone: string;
  staff: AvailabilityStaff[];
  slots: Slot[];
  truncatedAfter?: string;
}

export interface Customer {
  name: string;
  email: string;
  phone?: string | null;
}

export interface Booking {
  id: string;
  serviceId: string;
  staffId: string;
  start: string;
  end: string;
  status: BookingStatus;
  customer: Customer;
  notes: string | null;
  createdAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  /** Only in the answer to `POST /bookings` (null elsewhere). */
  manageToken: string | null;
  /** The answers to the service's questions as asked when it was booked (`[]` when none). */
  answers?: BookingAnswer[];
  /** The approval deadline: on a `pending` or `expired` booking only. */
  expiresAt?: string | null;
}

export const BOOKING_STATUSES = ['held', 'pending', 'confirmed', 'cancelled', 'declined', 'expired', 'no_show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** `POST /holds`: a slot kept for the guest until `expiresAt` while they fill in the form. */
export interface Hold {
  id: string;
  start: string;
  end: string;
  staffId: string;
  expiresAt: string;
}

/** `GET /customers`: everyone who booked with one e-mail address. */
export interface CustomerSummary {
  email: string;
  name: string;
  phone: string | null;
  bookingCounts: Record<string, number>;
  lastBooking: { id: string; serviceId: string; start: string; status: string };
}

export interface CustomerDetail {
  customer: CustomerSummary;
  bookings: Booking[];
}

/** One entry of `GET /audit`; `before`/`after` are the entity as JSON objects (or null). */
export interface AuditEntry {
  id: string;
  at: string;
  actorType: string;
  actorId: string | null;
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}

export interface BookingAnswer {
  questionId: string;
  label: string;
  type: string;
  value: string | number | boolean | string[] | null;
}

export type Role = 'owner' | 'admin' | 'staff';

export interface User {
  id: string;
  tenantId: string;
  name: string;
  email: string;
  role: Role;
  staffId: string | null;
}

/** `PATCH /users/{id}`: absent fields keep their values (the staff link goes when the role becomes owner or admin). */
export interface UserChange {
  role?: Role;
  staffId?: string;
}

/** `POST /users/invitations`: `staffId` only (and required) for staff. */
export interface InvitationRequest {
  email: string;
  role: Role;
  staffId?: string;
}

/** The `202` answer to an invitation: the e-mail with the link is queued. */
export interface Invitation {
  id: string;
  email: string;
  role: Role;
  staffId: string | null;
  expiresAt: string;
}

export interface AcceptInvitationRequest {
  token: string;
  name: string;
  password: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface PasswordResetConfirmRequest {
  token: string;
  newPassword: string;
}

export interface Auth {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
  user: User;
}

export interface Items<T> {
  items: T[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** SPEC §5: what the hub sends when a service's free times may have changed. */
export interface AvailabilityChanged {
  serviceId: string;
  staffId: string;
  start: string;
  end: string;
}

/** A tenant-wide closed period: local dates, inclusive, in the business's zone. */
export interface Closure {
  id: string;
  from: string;
  to: string;
  reason: string | null;
}

/** `POST /closures`: the closure and the confirmed bookings already on its dates (they stay booked). */
export interface ClosureCreated extends Closure {
  affectedBookings: Booking[];
  moreAffectedBookings: boolean;
}
