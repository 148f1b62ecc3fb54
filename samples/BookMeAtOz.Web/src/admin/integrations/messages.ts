// The integration screens' messages in the current language: their catalogues load with these screens (lazy
// chunks), so the first page's bundle does not carry them.
import { currentLocale, fill, PSEUDO, pseudo, formatTag } from '../../i18n';
import { en, type IntegrationKey } from './messages.en';
import { de } from './messages.de';
import { fr } from './messages.fr';

export type { IntegrationKey };
export const catalogues: Record<'en' | 'de' | 'fr', Record<IntegrationKey, string>> = { en, de, fr };

/** A message with its {placeholders} filled in. */
export function tx(key: IntegrationKey, params?: Record<string, string | number>): string {
  const locale = currentLocale();
  const text = locale === PSEUDO ? pseudo(en[key]) : (catalogues[locale][key] ?? en[key]);
  return params ? fill(text, params) : text;
}

/** A message by count (key.one / key.other as Intl.PluralRules selects). */
export function txn(base: string, count: number, params?: Record<string, string | number>): string {
  const tag = currentLocale() === PSEUDO ? 'en' : currentLocale();
  const rule = new Intl.PluralRules(tag).select(count);
  const key = (`${base}.${rule}` in en ? `${base}.${rule}` : `${base}.other`) as IntegrationKey;
  return tx(key, { count: new Intl.NumberFormat(formatTag(tag)).format(count), ...params });
}
