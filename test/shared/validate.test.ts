import { arr, num, obj, optional, str, validate, ValidationError } from '../../src/shared/validate';
import { checkImportBundle } from '../../src/shared/archive-format';

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

  it('checks first without building paths, and names the bad field when it fails', () => {
    expect(validate(check, { name: 'Ada', tags: ['x'] }, 'params')).toEqual({ name: 'Ada', tags: ['x'] });
    expect(() => validate(check, { name: 'Ada', tags: ['x', 3] }, 'params')).toThrow('params.tags[1]: expected text, got a number');
    expect(() => validate(check, { name: 'A', extra: 1 }, 'params')).toThrow('params.extra: unexpected field');
    const bundle = {
      source: { kind: 'file', name: 'democon.xml', format: 'frab' },
      speakers: [{ ref: 'a', name: 'Ann' }],
      events: [],
      warnings: [],
      talks: [{ title: 'One', speakerRefs: ['a'] }, { title: 'Two', speakerRefs: ['a', 'b'] }],
    };
    expect(() => validate(checkImportBundle, bundle, 'params.bundle')).toThrow('params.bundle.talks[1].speakerRefs[1]: unknown speaker ref "b"');
    const hostile = JSON.parse('{"source":{"kind":"file","name":"x","format":"frab"},"speakers":[],"events":[],"warnings":[],"talks":[{"title":"T","speakerRefs":[],"__proto__":{"polluted":1}}]}');
    expect(() => validate(checkImportBundle, hostile, 'params.bundle')).toThrow('params.bundle.talks[0].__proto__: forbidden field name');
  });
});
