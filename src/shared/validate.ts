/**
 * Small runtime shape checks for data crossing a trust boundary (messages,
 * imported files). Each checker returns the typed value or throws a
 * {@link ValidationError} naming the path of the bad field, so a person can
 * read what was wrong and where.
 */

export class ValidationError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(path ? `${path}: ${problem}` : problem);
    this.name = 'ValidationError';
  }
}

export type Check<T> = (value: unknown, path: string) => T;

/**
 * The path of a first pass that builds none: a bundle of 25,000 talks has
 * half a million fields, and naming each (`params.bundle.talks[12345].title`)
 * was a tenth of the time spent checking them. See {@link validate}.
 */
export const NO_PATH = '\u0000';

/** The path of field `key` (a name, or an index in a list) inside `path`. */
export function pathTo(path: string, key: string | number): string {
  if (path === NO_PATH) return NO_PATH;
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/** Runs `check` without building paths; only when it fails, again with them, so the error names the field. */
export function validate<T>(check: Check<T>, value: unknown, path: string): T {
  try {
    return check(value, NO_PATH);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return check(value, path);
  }
}

const describe = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;

export function str(opts: { max?: number; min?: number } = {}): Check<string> {
  const max = opts.max ?? 10_000;
  const min = opts.min ?? 0;
  return (v, path) => {
    if (typeof v !== 'string') throw new ValidationError(path, `expected text, got ${describe(v)}`);
    if (v.length > max) throw new ValidationError(path, `text longer than ${max} characters`);
    if (v.length < min) throw new ValidationError(path, min === 1 ? 'must not be empty' : `shorter than ${min} characters`);
    return v;
  };
}

export function num(opts: { min?: number; max?: number; integer?: boolean } = {}): Check<number> {
  return (v, path) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new ValidationError(path, `expected a number, got ${describe(v)}`);
    if (opts.integer && !Number.isInteger(v)) throw new ValidationError(path, 'expected a whole number');
    if (opts.min !== undefined && v < opts.min) throw new ValidationError(path, `must be at least ${opts.min}`);
    if (opts.max !== undefined && v > opts.max) throw new ValidationError(path, `must be at most ${opts.max}`);
    return v;
  };
}

export const bool: Check<boolean> = (v, path) => {
  if (typeof v !== 'boolean') throw new ValidationError(path, `expected true or false, got ${describe(v)}`);
  return v;
};

export function literal<const T extends readonly (string | number)[]>(...allowed: T): Check<T[number]> {
  return (v, path) => {
    if (!allowed.includes(v as T[number])) throw new ValidationError(path, `expected one of ${allowed.join(', ')}`);
    return v as T[number];
  };
}

export function arr<T>(item: Check<T>, opts: { max?: number } = {}): Check<T[]> {
  const max = opts.max ?? 1000;
  return (v, path) => {
    if (!Array.isArray(v)) throw new ValidationError(path, `expected a list, got ${describe(v)}`);
    if (v.length > max) throw new ValidationError(path, `more than ${max} items`);
    return v.map((x, i) => item(x, pathTo(path, i)));
  };
}

export function optional<T>(check: Check<T>): Check<T | undefined> {
  return (v, path) => (v === undefined ? undefined : check(v, path));
}

type Shape = Record<string, Check<unknown>>;
type FromShape<S extends Shape> = {
  [K in keyof S as undefined extends ReturnType<S[K]> ? never : K]: ReturnType<S[K]>;
} & {
  [K in keyof S as undefined extends ReturnType<S[K]> ? K : never]?: ReturnType<S[K]>;
};

/** A plain object with exactly these keys; unknown keys are rejected. */
export function obj<S extends Shape>(shape: S, opts: { allowExtra?: boolean } = {}): Check<FromShape<S>> {
  return (v, path) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      throw new ValidationError(path, `expected an object, got ${describe(v)}`);
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      if (!Object.hasOwn(shape, key) && !opts.allowExtra) throw new ValidationError(pathTo(path, key), 'unexpected field');
    }
    for (const [key, check] of Object.entries(shape)) {
      const value = check((v as Record<string, unknown>)[key], pathTo(path, key));
      if (value !== undefined) out[key] = value;
    }
    return out as FromShape<S>;
  };
}

export const empty: Check<Record<string, never>> = (v, path) => {
  if (v === undefined || v === null) return {};
  return obj({})(v, path) as Record<string, never>;
};
