import { expect, test } from 'vitest';
import { toErrorSchema } from './error-schema.ts';

test('API field errors become rjsf error schemas, nested by path, several per field kept', () => {
  expect(
    toErrorSchema([
      { path: '/silence_timeout_seconds', message: 'must be <= 30' },
      { path: '/business_hours/weekday_open', message: 'must match pattern' },
      { path: '/business_hours/weekday_open', message: 'must be string' },
      { path: '', message: 'must be object' },
    ]),
  ).toEqual({
    silence_timeout_seconds: { __errors: ['must be <= 30'] },
    business_hours: { weekday_open: { __errors: ['must match pattern', 'must be string'] } },
    __errors: ['must be object'],
  });
});
