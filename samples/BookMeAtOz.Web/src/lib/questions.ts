// A service's booking questions on the client: the answer a form field holds, the checks the API makes (so the
// form says what is wrong before sending), and the `answers` object of `POST /bookings`.
import type { Question } from '../api/types';
import { isEmail, PHONE_MAX } from './validation';

/** A form's answer: text for most types, the ticked choices for multiChoice, a tick for checkbox. */
export type AnswerValue = string | string[] | boolean;

export const TYPE_LIMITS: Record<string, number> = { text: 200, longText: 2000, phone: 40, email: 254 };

export const emptyAnswer = (q: Question): AnswerValue => (q.type === 'multiChoice' ? [] : q.type === 'checkbox' ? false : '');

const blank = (v: AnswerValue | undefined) => v === undefined || v === false || (typeof v === 'string' ? v.trim() === '' : Array.isArray(v) && v.length === 0);

/** What is wrong with one answer, or undefined. */
export function validateAnswer(q: Question, v: AnswerValue | undefined): string | undefined {
  if (blank(v)) {
    if (!q.required) return undefined;
    return q.type === 'checkbox' ? 'Please tick this to continue.' : q.type === 'choice' || q.type === 'multiChoice' ? 'Please choose an answer.' : 'Please answer this question.';
  }
  if (typeof v === 'string') {
    const text = v.trim();
    const limit = q.maxLength ?? TYPE_LIMITS[q.type];
    if (limit !== undefined && text.length > limit) return `At most ${limit} characters.`;
    if (q.type !== 'longText' && /[\u0000-\u001f\u007f]/.test(text)) return 'One line only.';
    if (q.type === 'number' && !/^-?\d+(\.\d+)?$/.test(text)) return 'Enter a number, such as 3 or 2.5.';
    if (q.type === 'email' && !isEmail(text)) return 'Enter an email address, such as name@example.com.';
    if (q.type === 'phone' && (!/^[0-9 +\-().]+$/.test(text) || text.length > PHONE_MAX)) return 'Use digits, spaces and + - ( ) . only.';
    if (q.type === 'choice' && !(q.choices ?? []).includes(text)) return 'Please choose one of the answers.';
  }
  return undefined;
}

/** Every answer's problem by question id. */
export function validateAnswers(questions: Question[], answers: Record<string, AnswerValue>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const q of questions) {
    const e = validateAnswer(q, answers[q.id]);
    if (e) out[q.id] = e;
  }
  return out;
}

/** The request's `answers`: each answered question's value in its JSON type; blank optional ones left out. */
export function answersPayload(questions: Question[], answers: Record<string, AnswerValue>): Record<string, string | string[] | boolean | number> {
  const out: Record<string, string | string[] | boolean | number> = {};
  for (const q of questions) {
    const v = answers[q.id];
    if (blank(v)) continue;
    if (q.type === 'number') out[q.id] = Number((v as string).trim());
    else if (typeof v === 'string') out[q.id] = v.trim();
    else out[q.id] = v!;
  }
  return out;
}

/** The API's `answers.<id>` errors by question id. */
export function answerErrors(errors: Record<string, string[]> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, messages] of Object.entries(errors ?? {})) {
    if (path.startsWith('answers.')) out[path.slice('answers.'.length)] = messages.join(' ');
  }
  return out;
}
