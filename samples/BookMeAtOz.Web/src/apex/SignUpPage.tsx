import { useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError, messageOf, request } from '../api/http';
import type { Auth, Tenant } from '../api/types';
import { tenantOrigin } from '../api/tenant';
import { detectTimeZone, supportedTimeZones } from '../lib/time';
import { isEmail, mapApiErrors, slugFromName, validateName, validatePassword, validateSlug, type FieldErrors } from '../lib/validation';
import { InputField, Notice, SelectField } from '../components/ui';

type Field = 'businessName' | 'slug' | 'timeZone' | 'currency' | 'ownerName' | 'email' | 'password' | 'form';

const API_FIELDS: Record<string, Field> = {
  name: 'businessName',
  slug: 'slug',
  timeZone: 'timeZone',
  currency: 'currency',
  'owner.name': 'ownerName',
  'owner.email': 'email',
  'owner.password': 'password',
};

/** The apex page (the root domain, no tenant): what BookMeAtOz is, and sign-up of a new business. */
export default function SignUpPage() {
  const zones = useMemo(supportedTimeZones, []);
  const [v, setV] = useState({
    businessName: '',
    slug: '',
    timeZone: detectTimeZone(),
    currency: 'AUD',
    ownerName: '',
    email: '',
    password: '',
  });
  const [slugEdited, setSlugEdited] = useState(false);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const host = window.location.host;

  const set = (k: Exclude<Field, 'form'>) => (e: { target: { value: string } }) => {
    const value = e.target.value;
    const next = { ...v, [k]: value, ...(k === 'businessName' && !slugEdited ? { slug: slugFromName(value) } : {}) };
    setV(next);
    if (k === 'slug') setSlugEdited(true);
    // A shown error follows the typing, so it goes away as soon as the value is right.
    const shown = (Object.keys(errors) as Field[]).filter((f) => f !== 'form' && errors[f]);
    if (shown.length) {
      const now = validate(next);
      setErrors((prev) => Object.fromEntries(Object.entries(prev).map(([f, m]) => [f, shown.includes(f as Field) ? now[f as Field] : m])));
    }
  };

  function validate(x = v): FieldErrors<Field> {
    const found: FieldErrors<Field> = {};
    const check = (k: Field, m: string | undefined) => m && (found[k] = m);
    check('businessName', validateName(x.businessName));
    check('slug', validateSlug(x.slug));
    check('currency', /^[A-Z]{3}$/.test(x.currency) ? undefined : 'Use a three-letter ISO 4217 code, such as AUD.');
    check('ownerName', validateName(x.ownerName));
    check('email', isEmail(x.email.trim()) ? undefined : 'Must be a valid email address.');
    check('password', validatePassword(x.password));
    return found;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = validate();
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      form.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const result = await request<{ tenant: Tenant; auth: Auth }>('/tenants', {
        body: {
          slug: v.slug,
          name: v.businessName.trim(),
          timeZone: v.timeZone,
          currency: v.currency,
          owner: { name: v.ownerName.trim(), email: v.email.trim(), password: v.password },
        },
      });
      // The new business lives on its own subdomain (another origin): hand the owner's refresh token
      // over in the fragment, which the browser never sends to a server; the admin page swaps it at once.
      const origin = tenantOrigin(result.tenant.slug, window.location);
      const sameHost = origin === window.location.origin;
      window.location.assign(`${origin}/admin${sameHost ? `?tenant=${result.tenant.slug}` : ''}#handoff=${encodeURIComponent(result.auth.refreshToken)}`);
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.code === 'slug_taken') setErrors({ slug: 'That address is taken. Please choose another.' });
      else if (err instanceof ApiError && err.code === 'validation_failed') setErrors(mapApiErrors(err.errors, API_FIELDS));
      else setErrors({ form: messageOf(err) });
    }
  }

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <span className="brand">BookMeAtOz</span>
        </div>
      </header>
      <main className="page page-narrow" id="main">
        <h1>Online booking for your business</h1>
        <p className="lead">Your customers pick a service and a free time; your staff work to their hours; double bookings cannot happen.</p>
        <form ref={form} className="card form" onSubmit={submit} noValidate aria-labelledby="signup-heading">
          <h2 id="signup-heading">Start your booking page</h2>
          <InputField label="Business name" name="businessName" required autoComplete="organization" value={v.businessName} onChange={set('businessName')} error={errors.businessName} />
          <InputField
            label="Web address"
            name="slug"
            required
            autoCapitalize="none"
            spellCheck={false}
            value={v.slug}
            onChange={set('slug')}
            error={errors.slug}
            hint={
              <>
                Your customers book at <strong>{v.slug || 'your-name'}.{host.replace(/^www\./, '')}</strong>
              </>
            }
          />
          <SelectField label="Time zone" name="timeZone" required value={v.timeZone} onChange={set('timeZone')} error={errors.timeZone}>
            {(zones.includes(v.timeZone) ? zones : [v.timeZone, ...zones]).map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, ' ')}
              </option>
            ))}
          </SelectField>
          <InputField label="Currency" name="currency" required maxLength={3} value={v.currency} onChange={(e) => set('currency')({ target: { value: e.target.value.toUpperCase() } })} error={errors.currency} />
          <InputField label="Your name" name="ownerName" required autoComplete="name" value={v.ownerName} onChange={set('ownerName')} error={errors.ownerName} />
          <InputField label="Your email" name="email" type="email" required autoComplete="email" value={v.email} onChange={set('email')} error={errors.email} hint="You sign in with it." />
          <InputField label="Password" name="password" type="password" required autoComplete="new-password" value={v.password} onChange={set('password')} error={errors.password} hint="At least 8 characters." />
          {errors.form && <Notice kind="error">{errors.form}</Notice>}
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create my booking page'}
          </button>
        </form>
      </main>
    </>
  );
}
