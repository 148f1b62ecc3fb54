// A new business's first steps (the checklist on the Bookings page after sign-up, until the first booking): what is done comes from the
// business's own data where the data can tell (a service, working hours, a booking), and from this browser for the
// two steps that leave no trace on the server (details checked, link shared).

export type StepId = 'details' | 'hours' | 'service' | 'share' | 'test';

export interface Step {
  id: StepId;
  title: string;
  /** What to do, in a sentence. */
  text: string;
  /** The page that does it. */
  href: string;
  done: boolean;
}

export interface OnboardingFacts {
  /** Checked (saved the Settings page, or said they look right). */
  detailsChecked: boolean;
  /** Some active staff member has working hours. */
  staffWithHours: boolean;
  /** Some active service exists. */
  hasService: boolean;
  /** Copied the booking link. */
  linkShared: boolean;
  /** Any booking exists (a test one counts). */
  hasBooking: boolean;
}

/** The checklist in order, each step with where to do it and whether it is done. */
export function onboardingSteps(f: OnboardingFacts, bookingPage: string): Step[] {
  return [
    { id: 'details', title: 'Check your business details and time zone', text: 'Your name, time zone and currency, and how far ahead customers may book.', href: '/admin/settings', done: f.detailsChecked },
    { id: 'hours', title: 'Add staff and their working hours', text: 'Customers can only book times when someone works.', href: '/admin/staff', done: f.staffWithHours },
    { id: 'service', title: 'Add your first service', text: 'What customers book: its length, price and who performs it.', href: '/admin/services', done: f.hasService },
    { id: 'share', title: 'Share your booking link', text: 'Put it on your website, social profiles and e-mail signature.', href: bookingPage, done: f.linkShared },
    { id: 'test', title: 'Make a test booking', text: 'Book yourself once, as a customer would, and see it here.', href: bookingPage, done: f.hasBooking },
  ];
}

const key = (tenantId: string) => `bookmeatoz.onboarding.${tenantId}`;

/** The steps marked in this browser, and whether the checklist was hidden. */
export function readMarks(tenantId: string): { details?: boolean; share?: boolean; hidden?: boolean } {
  try {
    return JSON.parse(localStorage.getItem(key(tenantId)) ?? '{}') as { details?: boolean; share?: boolean; hidden?: boolean };
  } catch {
    return {};
  }
}

export function mark(tenantId: string, what: 'details' | 'share' | 'hidden') {
  try {
    localStorage.setItem(key(tenantId), JSON.stringify({ ...readMarks(tenantId), [what]: true }));
  } catch {
    // Storage off: the step stays open, which is harmless.
  }
  window.dispatchEvent(new Event('bookmeatoz-onboarding'));
}
