import { useMemo, useState, type FormEvent } from 'react';
import { t } from '../i18n';
import { ApiError, messageOf } from '../api/http';
import { supportedTimeZones } from '../lib/time';
import { mapApiErrors, validateInt, validateName, type FieldErrors } from '../lib/validation';
import { InputField, Notice, SelectField } from '../components/ui';
import { adminApi } from './api';
import { mark } from './onboarding';
import { useAdminData } from './AdminApp';

type Field =
  | 'name'
  | 'timeZone'
  | 'currency'
  | 'minNoticeMinutes'
  | 'maxAdvanceDays'
  | 'slotIntervalMinutes'
  | 'cancellationNoticeMinutes'
  | 'rescheduleNoticeMinutes'
  | 'maxReschedules'
  | 'maxActiveBookings'
  | 'form';

const optional = (v: number | null | undefined) => (v == null ? '' : String(v));
const optionalNumber = (v: string) => (v.trim() === '' ? null : Number(v));

const API_FIELDS: Record<string, Field> = {
  name: 'name',
  timeZone: 'timeZone',
  currency: 'currency',
  'policy.minNoticeMinutes': 'minNoticeMinutes',
  'policy.maxAdvanceDays': 'maxAdvanceDays',
  'policy.slotIntervalMinutes': 'slotIntervalMinutes',
  'policy.cancellationNoticeMinutes': 'cancellationNoticeMinutes',
  'policy.rescheduleNoticeMinutes': 'rescheduleNoticeMinutes',
  'policy.maxReschedules': 'maxReschedules',
  'policy.maxActiveBookings': 'maxActiveBookings',
};

/** The business's name, zone and currency, and its booking policy. */
export function SettingsAdmin() {
  const { tenant, setTenant } = useAdminData();
  const [v, setV] = useState({
    name: tenant.name,
    timeZone: tenant.timeZone,
    currency: tenant.currency,
    minNoticeMinutes: String(tenant.policy.minNoticeMinutes),
    maxAdvanceDays: String(tenant.policy.maxAdvanceDays),
    slotIntervalMinutes: tenant.policy.slotIntervalMinutes == null ? '' : String(tenant.policy.slotIntervalMinutes),
    cancellationNoticeMinutes: String(tenant.policy.cancellationNoticeMinutes),
    rescheduleNoticeMinutes: optional(tenant.policy.rescheduleNoticeMinutes),
    maxReschedules: optional(tenant.policy.maxReschedules),
    maxActiveBookings: optional(tenant.policy.maxActiveBookings),
  });
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const zones = useMemo(supportedTimeZones, []);
  const bind = (k: Exclude<Field, 'form' | 'timeZone'>) => ({
    name: k,
    value: v[k],
    onChange: (e: { target: { value: string } }) => {
      setSaved(false);
      setV((x) => ({ ...x, [k]: e.target.value }));
      if (errors[k]) setErrors((x) => ({ ...x, [k]: undefined }));
    },
    error: errors[k],
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: FieldErrors<Field> = {};
    const check = (k: Field, m: string | undefined) => m && (found[k] = m);
    check('name', validateName(v.name));
    check('currency', /^[A-Za-z]{3}$/.test(v.currency.trim()) ? undefined : t('settings.currencyShape'));
    check('minNoticeMinutes', validateInt(v.minNoticeMinutes, 0, 525_600));
    check('maxAdvanceDays', validateInt(v.maxAdvanceDays, 1, 3650));
    check('slotIntervalMinutes', validateInt(v.slotIntervalMinutes, 5, 1440, false));
    check('cancellationNoticeMinutes', validateInt(v.cancellationNoticeMinutes, 0, 525_600));
    check('rescheduleNoticeMinutes', validateInt(v.rescheduleNoticeMinutes, 0, 525_600, false));
    check('maxReschedules', validateInt(v.maxReschedules, 0, 1000, false));
    check('maxActiveBookings', validateInt(v.maxActiveBookings, 1, 1000, false));
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const next = await adminApi.updateTenant({
        name: v.name.trim(),
        timeZone: v.timeZone,
        currency: v.currency.trim().toUpperCase(),
        policy: {
          minNoticeMinutes: Number(v.minNoticeMinutes),
          maxAdvanceDays: Number(v.maxAdvanceDays),
          slotIntervalMinutes: v.slotIntervalMinutes.trim() === '' ? null : Number(v.slotIntervalMinutes),
          cancellationNoticeMinutes: Number(v.cancellationNoticeMinutes),
          rescheduleNoticeMinutes: optionalNumber(v.rescheduleNoticeMinutes),
          maxReschedules: optionalNumber(v.maxReschedules),
          maxActiveBookings: optionalNumber(v.maxActiveBookings),
        },
      });
      setTenant(next);
      setSaved(true);
      mark(next.id, 'details');
    } catch (err) {
      setErrors(err instanceof ApiError && err.code === 'validation_failed' ? mapApiErrors(err.errors, API_FIELDS) : { form: messageOf(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="settings-heading">
      <h1 id="settings-heading">{t('admin.section.settings')}</h1>
      <fieldset className="card form-grid">
        <legend>{t('settings.business')}</legend>
        <InputField label={t('settings.name')} required {...bind('name')} />
        <SelectField
          label={t('settings.timeZone')}
          required
          value={v.timeZone}
          onChange={(e) => {
            setSaved(false);
            setV((x) => ({ ...x, timeZone: e.target.value }));
          }}
          error={errors.timeZone}
        >
          {(zones.includes(v.timeZone) ? zones : [v.timeZone, ...zones]).map((z) => (
            <option key={z} value={z} translate="no">
              {z.replace(/_/g, ' ')}
            </option>
          ))}
        </SelectField>
        <InputField label={t('settings.currency')} required maxLength={3} hint={t('settings.currencyHint')} {...bind('currency')} />
      </fieldset>
      <fieldset className="card form-grid">
        <legend>{t('settings.policy')}</legend>
        <InputField label={t('settings.minNotice')} required type="number" min={0} hint={t('settings.minNoticeHint')} {...bind('minNoticeMinutes')} />
        <InputField label={t('settings.maxAdvance')} required type="number" min={1} max={3650} {...bind('maxAdvanceDays')} />
        <InputField label={t('settings.interval')} type="number" min={5} max={1440} hint={t('settings.intervalHint')} {...bind('slotIntervalMinutes')} />
        <InputField
          label={t('settings.cancelUntil')}
          required
          type="number"
          min={0}
          hint={t('settings.cancelHint')}
          {...bind('cancellationNoticeMinutes')}
        />
        <InputField
          label={t('settings.rescheduleUntil')}
          type="number"
          min={0}
          hint={t('settings.rescheduleHint')}
          {...bind('rescheduleNoticeMinutes')}
        />
        <InputField label={t('settings.maxReschedules')} type="number" min={0} max={1000} hint={t('settings.maxReschedulesHint')} {...bind('maxReschedules')} />
        <InputField
          label={t('settings.maxActive')}
          type="number"
          min={1}
          max={1000}
          hint={t('settings.maxActiveHint')}
          {...bind('maxActiveBookings')}
        />
      </fieldset>
      {errors.form && <Notice kind="error">{errors.form}</Notice>}
      {saved && <Notice kind="success">{t('settings.saved')}</Notice>}
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('account.saving') : t('settings.save')}
      </button>
    </form>
  );
}
