import { describe, expect, it } from 'vitest';
import { en } from './en';
import { de } from './de';
import { fr } from './fr';
import { fill, formatTag, pickLocale, placeholders, pseudo, pseudoCatalogue, type Catalogue } from './index';

const locales: Record<string, Catalogue> = { de, fr };
const keys = Object.keys(en).sort();

// Messages that are rightly the same as the English (a word both languages share, or only placeholders).
const SAME_AS_ENGLISH: Record<string, string[]> = {
  de: ['common.optional', 'booking.field.name', 'admin.accountOf', 'manage.name', 'manage.status', 'newBooking.serviceOption', 'bookings.statusMark', 'approvals.itemLabel', 'audit.byAt', 'admin.section.webhooks'],
  fr: ['tz.region.Europe', 'newBooking.serviceOption', 'newBooking.date', 'bookings.statusMark', 'approvals.itemLabel', 'audit.byAt', 'admin.section.webhooks'],
};

describe('message catalogue', () => {
  for (const [code, messages] of Object.entries(locales)) {
    describe(code, () => {
      it('has every key of the English catalogue and no other', () => {
        expect(Object.keys(messages).sort()).toEqual(keys);
      });

      it('uses the same placeholders as the English in every message', () => {
        const wrong = keys.filter((k) => placeholders(messages[k as keyof Catalogue]).join() !== placeholders(en[k as keyof typeof en]).join());
        expect(wrong).toEqual([]);
      });

      it('has no empty message, and no message left in English', () => {
        expect(keys.filter((k) => !messages[k as keyof Catalogue].trim())).toEqual([]);
        const untranslated = keys.filter((k) => messages[k as keyof Catalogue] === en[k as keyof typeof en] && !(SAME_AS_ENGLISH[code] ?? []).includes(k));
        expect(untranslated).toEqual([]);
      });

      it('has each plural form its language needs', () => {
        const rules = new Intl.PluralRules(code);
        const bases = [...new Set(keys.filter((k) => /\.(one|other)$/.test(k)).map((k) => k.replace(/\.(one|other)$/, '')))];
        for (const base of bases) for (const n of [0, 1, 2, 5, 21]) expect(keys).toContain(`${base}.${rules.select(n)}`);
      });
    });
  }

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill('{service} with {staff}', { service: 'Cut', staff: 'Ann' })).toBe('Cut with Ann');
    expect(fill('{a} {b}', { a: 1 })).toBe('1 {b}');
  });

  it('pseudo-localizes every message inside markers, keeping placeholders', () => {
    expect(pseudo('Choose a time for {name}')).toBe('⟦Çhööšé á tîmé för {ñámé}⟧'.replace('{ñámé}', '{name}'));
    const p = pseudoCatalogue(en);
    for (const k of keys) {
      const text = p[k as keyof Catalogue];
      expect(text.startsWith('⟦') && text.endsWith('⟧')).toBe(true);
      expect(placeholders(text)).toEqual(placeholders(en[k as keyof typeof en]));
    }
  });
});

describe('choosing a locale', () => {
  it('takes the first of the browser languages the app has', () => {
    expect(pickLocale(['de-AT', 'en'])).toBe('de');
    expect(pickLocale(['es-ES', 'fr-CA', 'de'])).toBe('fr');
    expect(pickLocale(['ja', 'zh-CN'])).toBe('en');
    expect(pickLocale([])).toBe('en');
    expect(pickLocale(['en-XA'])).toBe('en-XA');
  });

  it('formats with the browser’s region for the chosen language', () => {
    expect(formatTag('de', ['en-AU', 'de-CH'])).toBe('de-CH');
    expect(formatTag('fr', ['en-AU'])).toBe('fr');
  });
});
