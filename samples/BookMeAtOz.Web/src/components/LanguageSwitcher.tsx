import { useId } from 'react';
import { LOCALES, PSEUDO, setLocale, t, useLocale, type Locale } from '../i18n';

/** The language menu: each language named in its own (marked with its lang), the choice remembered on this device. */
export function LanguageSwitcher() {
  const locale = useLocale();
  const id = useId();
  const options: { code: Locale; name: string }[] = [...LOCALES, ...(locale === PSEUDO ? [{ code: PSEUDO, name: 'Pseudo' } as const] : [])];
  return (
    <div className="lang-switcher">
      <label htmlFor={id} className="visually-hidden">
        {t('lang.label')}
      </label>
      <select id={id} value={locale} onChange={(e) => void setLocale(e.target.value as Locale, { remember: true })} data-testid="language">
        {options.map((o) => (
          <option key={o.code} value={o.code} lang={o.code}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}
