import { arr, num, obj, optional, str, ValidationError } from '../../src/shared/validate';

describe('validate', () => {
  const check = obj({ name: str({ max: 5, min: 1 }), tags: optional(arr(str(), { max: 2 })), n: optional(num({ integer: true })) });

  it('accepts a well-formed value', () => {
    expect(check({ name: 'Ada', tags: ['x'] }, '')).toEqual({ name: 'Ada', tags: ['x'] });
  });

  it('names the path of the bad field', () => {
    expect(() => check({ name: 'Ada', tags: ['x', 3] }, 'params')).toThrow('params.tags[1]: expected text, got a number');
    expect(() => check({ name: 'toolong' }, '')).toThrow('name: text longer than 5 characters');
    expect(() => check({ name: 'A', extra: 1 }, '')).toThrow(ValidationError);
    expect(() => check({ name: 'A', n: 1.5 }, '')).toThrow('n: expected a whole number');
    expect(() => check(null, 'x')).toThrow('x: expected an object, got null');
  });
});
