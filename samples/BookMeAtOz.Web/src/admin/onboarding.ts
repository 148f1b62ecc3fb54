// A new business's first steps (the checklist on the Bookings page after sign-up, until the first booking): what is done comes from the
// business's own data where the data can tell (a service, working hours, a booking), and from this browser for the
// two steps that leave no trace on the server (details checked, link shared).

import { t } from '../i18n';

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
    { id: 'details', title: t('onboarding.details.title'), text: t('onboarding.details.text'), href: '/admin/settings', done: f.detailsChecked },
    { id: 'hours', title: t('onboarding.hours.title'), text: t('onboarding.hours.text'), href: '/admin/staff', done: f.staffWithHours },
    { id: 'service', title: t('onboarding.service.title'), text: t('onboarding.service.text'), href: '/admin/services', done: f.hasService },
    { id: 'share', title: t('onboarding.share.title'), text: t('onboarding.share.text'), href: bookingPage, done: f.linkShared },
    { id: 'test', title: t('onboarding.test.title'), text: t('onboarding.test.text'), href: bookingPage, done: f.hasBooking },
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
