import { expect } from 'vitest';
import { AppError, isAppError } from '../../src/domain/app-error.js';

/** The AppError a use case refuses with; fails the test when it succeeds or throws anything else. */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** Expects a use case to fail with an AppError of this code, and returns what it threw. */
export async function expectError(promise: Promise<unknown>, code: string): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    expect(isAppError(error) ? error.code : error).toBe(code);
    return error;
  }
  throw new Error(`expected ${code}`);
}
