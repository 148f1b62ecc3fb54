import { describe, expect, it } from 'vitest';
import { onboardingSteps } from './onboarding';

const none = { detailsChecked: false, staffWithHours: false, hasService: false, linkShared: false, hasBooking: false };

describe('onboarding checklist', () => {
  it('lists the five steps in order, each linking to its page', () => {
    const steps = onboardingSteps(none, 'https://acme.example/');
    expect(steps.map((s) => [s.id, s.href, s.done])).toEqual([
      ['details', '/admin/settings', false],
      ['hours', '/admin/staff', false],
      ['service', '/admin/services', false],
      ['share', 'https://acme.example/', false],
      ['test', 'https://acme.example/', false],
    ]);
  });

  it('marks each step done from its own fact only', () => {
    const facts = ['detailsChecked', 'staffWithHours', 'hasService', 'linkShared', 'hasBooking'] as const;
    facts.forEach((fact, i) => {
      const done = onboardingSteps({ ...none, [fact]: true }, '/').map((s) => s.done);
      expect(done).toEqual(facts.map((_, j) => j === i));
    });
  });
});
