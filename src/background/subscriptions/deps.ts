/** What a refresh does besides merging, in the worker (tests pass their own). */
import { applyEditRecipe } from '../sync';
import type { RefreshDeps } from './refresh';

// The user's edits made on another browser apply to records a refresh just created.
export const SUBSCRIPTION_DEPS: RefreshDeps = { afterChange: (db) => applyEditRecipe(db) };
