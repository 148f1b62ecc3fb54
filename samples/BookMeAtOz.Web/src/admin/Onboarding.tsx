// The checklist a new business sees on its Bookings page until its first steps are done (or it is hidden).
import { useEffect, useState } from 'react';
import { t } from '../i18n';
import type { Booking, Page } from '../api/types';
import { currentTenant } from '../api/tenant';
import { linkHandler } from '../router';
import { adminApi } from './api';
import { adminRequest } from './session';
import { useAdminData } from './AdminApp';
import { mark, onboardingSteps, readMarks } from './onboarding';

/** The tenant's public booking page, as customers open it. */
export function bookingPageUrl(): string {
  const tenant = currentTenant();
  return `${window.location.origin}/${tenant.source === 'query' && tenant.slug ? `?tenant=${tenant.slug}` : ''}`;
}

export function OnboardingChecklist() {
  const { tenant, staff, services } = useAdminData();
  const [marks, setMarks] = useState(() => readMarks(tenant.id));
  const [hours, setHours] = useState<boolean | null>(null);
  const [hasBooking, setHasBooking] = useState<boolean | null>(null);
  const [copied, setCopied] = useState(false);
  const link = bookingPageUrl();

  useEffect(() => {
    const update = () => setMarks(readMarks(tenant.id));
    window.addEventListener('bookmeatoz-onboarding', update);
    return () => window.removeEventListener('bookmeatoz-onboarding', update);
  }, [tenant.id]);
  useEffect(() => {
    let stale = false;
    Promise.all(staff.filter((m) => m.active).map((m) => adminApi.schedule(m.id)))
      .then((all) => !stale && setHours(all.some((s) => Object.values(s.weekly).some((i) => i.length > 0) || s.overrides.some((o) => o.intervals.length > 0))))
      .catch(() => !stale && setHours(false));
    return () => {
      stale = true;
    };
  }, [staff]);
  useEffect(() => {
    adminRequest<Page<Booking>>('/bookings?limit=1')
      .then((p) => setHasBooking(p.items.length > 0))
      .catch(() => setHasBooking(false));
  }, []);

  // Once bookings come in the business is up and running: the list is for getting there.
  if (marks.hidden || hours === null || hasBooking !== false) return null;
  const steps = onboardingSteps(
    { detailsChecked: !!marks.details, staffWithHours: hours, hasService: services.some((s) => s.active), linkShared: !!marks.share, hasBooking },
    link,
  );
  const done = steps.filter((s) => s.done).length;
  if (done === steps.length) return null;

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      // No clipboard (an insecure origin): the link is on screen to copy by hand.
    }
    mark(tenant.id, 'share');
  }

  return (
    <section className="card onboarding" aria-labelledby="onboarding-heading">
      <div className="toolbar">
        <h2 id="onboarding-heading">
          {t('onboarding.heading', { done, total: steps.length })}
        </h2>
        <button type="button" className="link-button" onClick={() => mark(tenant.id, 'hidden')}>
          {t('onboarding.hide')}
        </button>
      </div>
      <ol className="onboarding-steps">
        {steps.map((s) => (
          <li key={s.id} className={s.done ? 'is-done' : undefined}>
            <span className="onboarding-mark" aria-hidden="true">
              {s.done ? '✓' : ''}
            </span>
            <div>
              <a href={s.href} onClick={s.href.startsWith('/admin') ? linkHandler(s.href) : undefined}>
                {s.title}
              </a>
              <span className="visually-hidden">{s.done ? t('onboarding.done') : t('onboarding.todo')}</span>
              <p className="hint">{s.text}</p>
              {s.id === 'details' && !s.done && (
                <button type="button" className="button button-small" onClick={() => mark(tenant.id, 'details')}>
                  {t('onboarding.looksRight')}
                </button>
              )}
              {s.id === 'share' && (
                <p className="share-link">
                  <code>{link}</code>{' '}
                  <button type="button" className="button button-small" onClick={copy}>
                    {copied ? t('onboarding.copied') : t('onboarding.copy')}
                  </button>
                </p>
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
