import { randomBytes } from 'node:crypto';
import { AppError } from '../../domain/app-error.js';
import { checkPasswordPolicy, type PasswordContext } from '../auth/password.js';

/** A random first or reset password: 15 random bytes as 20 base64url characters, shown once (issue 7). */
export function newTemporaryPassword(): string {
  return randomBytes(15).toString('base64url');
}

/** Refuses a password that fails the policy, naming the field, with the policy's vi/en message. */
export function assertPasswordPolicy(password: string, context: PasswordContext, field = 'password'): void {
  const checked = checkPasswordPolicy(password, context);
  if (checked.ok) return;
  throw AppError.fromDomain('badInput', checked.error, [{ field, ...checked.error }]);
}
