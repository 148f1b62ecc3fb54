import { describe, expect, it } from 'vitest';
import type { Question } from '../api/types';
import { answerErrors, answersPayload, validateAnswer, validateAnswers } from './questions';

const q = (type: Question['type'], extra: Partial<Question> = {}): Question => ({ id: type, label: type, type, required: false, choices: null, maxLength: null, ...extra });

describe('booking questions', () => {
  it('asks for required answers in the words of their type, and lets optional ones be blank', () => {
    expect(validateAnswer(q('text', { required: true }), '  ')).toBe('Please answer this question.');
    expect(validateAnswer(q('checkbox', { required: true }), false)).toBe('Please tick this to continue.');
    expect(validateAnswer(q('multiChoice', { required: true, choices: ['A'] }), [])).toBe('Please choose an answer.');
    expect(validateAnswer(q('text'), '')).toBeUndefined();
    expect(validateAnswer(q('number'), '')).toBeUndefined();
  });

  it('checks each type as the API does', () => {
    expect(validateAnswer(q('text', { maxLength: 5 }), 'abcdef')).toBe('At most 5 characters.');
    expect(validateAnswer(q('text'), 'a'.repeat(201))).toBe('At most 200 characters.');
    expect(validateAnswer(q('text'), 'two\nlines')).toBe('One line only.');
    expect(validateAnswer(q('longText'), 'two\nlines')).toBeUndefined();
    expect(validateAnswer(q('number'), '2.5')).toBeUndefined();
    expect(validateAnswer(q('number'), 'two')).toMatch(/number/);
    expect(validateAnswer(q('email'), 'nope')).toMatch(/email/);
    expect(validateAnswer(q('phone'), '+61 (2) 9999-0000')).toBeUndefined();
    expect(validateAnswer(q('phone'), 'call me')).toMatch(/digits/);
    expect(validateAnswer(q('choice', { choices: ['Short', 'Long'] }), 'Medium')).toMatch(/choose/);
  });

  it('sends each answer in its JSON type and leaves blank optional ones out', () => {
    const questions = [q('text'), q('number'), q('checkbox'), q('multiChoice', { choices: ['A', 'B'] }), q('longText')];
    expect(answersPayload(questions, { text: ' hi ', number: '3', checkbox: true, multiChoice: ['B'], longText: '' })).toEqual({
      text: 'hi',
      number: 3,
      checkbox: true,
      multiChoice: ['B'],
    });
    expect(validateAnswers(questions, { number: 'x' })).toEqual({ number: 'Enter a number, such as 3 or 2.5.' });
  });

  it('maps the API’s answers.<id> errors to their questions', () => {
    expect(answerErrors({ 'answers.abc': ['Required.'], 'customer.name': ['x'] })).toEqual({ abc: 'Required.' });
  });
});
