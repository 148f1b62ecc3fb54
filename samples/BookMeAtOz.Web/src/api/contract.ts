// The hand-written API types (types.ts, narrower where the document is loose: ints written `number | string`,
// enums written `string`) checked against the types generated from the host's OpenAPI document (schema.d.ts):
// every field the app reads or sends exists there with the same nullability and optionality. A drift is a type
// error here, at `npm run build`; schema.d.ts itself is checked against the host by the e2e suite.
import type { components } from './schema';
import type {
  Booking,
  BookingAnswer,
  Closure,
  ClosureCreated,
  Customer,
  Policy,
  Question,
  Schedule,
  Service,
  ServiceLocation,
  Slot,
  Staff,
  Tenant,
  TimeOff,
  User,
} from './types';
import type { SeriesBooked } from './public';

type S = components['schemas'];
type Nullable<T> = null extends T ? 'nullable' : 'not null';
type Optional<T, K extends keyof T> = object extends Pick<T, K> ? 'optional' : 'required';

/** The fields of A missing from B, or whose nullability or optionality differ from B's. */
type Disagreements<A, B> = {
  [K in keyof A]-?: K extends keyof B
    ? Nullable<Exclude<A[K], undefined>> extends Nullable<Exclude<B[K], undefined>>
      ? Optional<A, K> extends Optional<B, K>
        ? never
        : K
      : K
    : K;
}[keyof A];

/**
 * `true` when A agrees with B, else an object naming the fields that do not. `Loose` names fields the document
 * writes looser than the server behaves (optional or nullable though always written): those are checked for
 * existence only.
 */
type Agree<A, B, Loose extends keyof A = never> = [Disagreements<Omit<A, Loose>, B>] extends [never]
  ? [Exclude<Loose, keyof B>] extends [never]
    ? true
    : { missing: Exclude<Loose, keyof B> }
  : { fieldsThatDisagree: Disagreements<Omit<A, Loose>, B> };
/** Shared request/response DTOs, which the document writes all-nullable: every field the app uses exists. */
type Exists<A, B> = [Exclude<keyof A, keyof B>] extends [never] ? true : { missing: Exclude<keyof A, keyof B> };
type Assert<T extends true> = T;

export type ContractChecks = [
  // `answers` is always written (`[]` when none), `questions` and `location` always written on a service,
  // `maxBookingsPerDay` always written on a staff member; the document has them optional (and nullable).
  Assert<Agree<Booking, S['BookingResponse'], 'answers'>>,
  Assert<Agree<BookingAnswer, S['BookingAnswerDto'], 'value'>>,
  Assert<Exists<Customer, S['CustomerDto']>>,
  Assert<Agree<Service, S['ServiceResponse'], 'questions' | 'location'>>,
  Assert<Exists<Question, S['QuestionDto']>>,
  Assert<Exists<ServiceLocation, S['LocationDto']>>,
  Assert<Agree<Staff, S['StaffResponse'], 'maxBookingsPerDay'>>,
  Assert<Agree<Tenant, S['TenantResponse']>>,
  Assert<Exists<Policy, S['PolicyDto']>>,
  Assert<Exists<Schedule, S['ScheduleDto']>>,
  Assert<Agree<TimeOff, S['TimeOffResponse']>>,
  Assert<Agree<Closure, S['ClosureResponse']>>,
  Assert<Agree<ClosureCreated, S['ClosureCreatedResponse']>>,
  Assert<Agree<Slot, S['SlotResponse']>>,
  Assert<Agree<User, S['UserResponse']>>,
  Assert<Agree<SeriesBooked, S['SeriesResponse']>>,
];
