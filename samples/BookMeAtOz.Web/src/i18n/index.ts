// The app's languages: a small typed message catalogue (no i18n library: the first page stays small).
// English is in the entry bundle; the other catalogues are chunks loaded when chosen. The pseudo-locale
// en-XA wraps every English string in ⟦…⟧ with accented letters, so a test can find text not from the catalogue.
import { useSyncExternalStore } from 'react';
import { en, type MessageKey } from './en';
import { setFormatLocale } from '../lib/prefs';

export type { MessageKey };
export type Catalogue = Record<MessageKey, string>;

/** The locales offered, each named in its own language. */
export const LOCALES = [
  { code: 'en', name: 'English' },
  { code: 'de', name: 'Deutsch' },
  { code: 'fr', name: 'Français' },
] as const;
export const PSEUDO = 'en-XA';
export type Locale = (typeof LOCALES)[number]['code'] | typeof PSEUDO;

const KEY = 'bookmeatoz.locale';
const loaders: Record<Exclude<Locale, 'en'>, () => Promise<Catalogue>> = {
  de: () => import('./de').then((m) => m.de),
  fr: () => import('./fr').then((m) => m.fr),
  [PSEUDO]: () => Promise.resolve(pseudoCatalogue(en)),
};

/** The first of the browser's languages the app has (German for de-AT, …), else English. */
export function pickLocale(wanted: readonly string[]): Locale {
  for (const w of wanted) {
    if (w === PSEUDO) return PSEUDO;
    const base = w.toLowerCase().split('-')[0];
    const found = LOCALES.find((l) => l.code === base);
    if (found) return found.code;
  }
  return 'en';
}

function isLocale(x: string | null): x is Locale {
  return x === PSEUDO || LOCALES.some((l) => l.code === x);
}

/** The browser's own tag for a language (en-AU for en), else the language itself. */
export function formatTag(language: string, wanted: readonly string[] = typeof navigator !== 'undefined' ? navigator.languages ?? [] : []): string {
  return wanted.find((w) => w.toLowerCase().split('-')[0] === language) ?? language;
}

/** The chosen locale: ?lang= (remembered), else the remembered choice, else the browser's languages. */
export function initialLocale(): Locale {
  const param = new URLSearchParams(window.location.search).get('lang');
  if (isLocale(param)) {
    remember(param);
    return param;
  }
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(KEY);
  } catch {
    // No storage: the browser's languages.
  }
  if (isLocale(stored)) return stored;
  return pickLocale(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

function remember(l: Locale) {
  try {
    localStorage.setItem(KEY, l);
  } catch {
    // Not remembered; still used on this page.
  }
}

let current: { locale: Locale; messages: Catalogue } = { locale: 'en', messages: en };
const listeners = new Set<() => void>();

function apply(locale: Locale, messages: Catalogue) {
  current = { locale, messages };
  // Intl formats in the chosen language, with the browser's region where it names one for that language
  // (de-AT, en-AU: their dates, first weekday, currency style); the pseudo-locale's dates are English ones.
  setFormatLocale(formatTag(locale === PSEUDO ? 'en' : locale));
  document.documentElement.lang = locale;
  listeners.forEach((l) => l());
}

/** Loads a locale's catalogue and makes it current (remembered when the user chose it). */
export async function setLocale(locale: Locale, options: { remember?: boolean } = {}): Promise<void> {
  const messages = locale === 'en' ? en : await loaders[locale]();
  if (options.remember) remember(locale);
  apply(locale, messages);
}

export function currentLocale(): Locale {
  return current.locale;
}

/** A message with its {placeholders} filled in. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = current.messages[key] ?? en[key];
  return params ? fill(text, params) : text;
}

/** A message by count: key.one / key.other etc. as Intl.PluralRules selects ({count} is filled in, as a number of the locale). */
export function tn(base: string, count: number, params?: Record<string, string | number>): string {
  const rule = new Intl.PluralRules(current.locale === PSEUDO ? 'en' : current.locale).select(count);
  const numbers = formatTag(current.locale === PSEUDO ? 'en' : current.locale);
  const key = (`${base}.${rule}` in en ? `${base}.${rule}` : `${base}.other`) as MessageKey;
  return t(key, { count: new Intl.NumberFormat(numbers).format(count), ...params });
}

export function fill(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The placeholders a message uses, sorted (the catalogue test compares them across locales). */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}

const ACCENTS: Record<string, string> = {
  a: 'á', e: 'é', i: 'î', o: 'ö', u: 'ü', c: 'ç', n: 'ñ', y: 'ý', s: 'š', z: 'ž',
  A: 'Á', E: 'É', I: 'Î', O: 'Ö', U: 'Ü', C: 'Ç', N: 'Ñ', Y: 'Ý', S: 'Š', Z: 'Ž',
};

/** ⟦Áççéñtéð⟧ text, placeholders kept. */
export function pseudo(text: string): string {
  const body = text
    .split(/(\{\w+\})/)
    .map((part) => (/^\{\w+\}$/.test(part) ? part : part.replace(/[a-zA-Z]/g, (ch) => ACCENTS[ch] ?? ch)))
    .join('');
  return `⟦${body}⟧`;
}

export function pseudoCatalogue(source: Catalogue): Catalogue {
  return Object.fromEntries(Object.entries(source).map(([k, v]) => [k, pseudo(v)])) as Catalogue;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Re-renders on a change of language; returns the current locale. */
export function useLocale(): Locale {
  return useSyncExternalStore(subscribe, () => current.locale);
}
