import type { GrantSummary } from './session.js';

// Users as `GET /users` and the user commands answer them (docs/security.md).

/** A user as lists show it: never the password hash. */
export interface UserSummary {
  login: string;
  displayName: string;
  email: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  /** Each role over a unit, with what it allows there (`permissions`). */
  grants: GrantSummary[];
}

/** `POST /users`: the user created, and the temporary password when none was given (shown this once). */
export interface AddedUser {
  user: UserSummary;
  temporaryPassword: string | null;
}

/** `POST /users/{login}/password`: the temporary password when none was given (shown this once). */
export interface PasswordReset {
  login: string;
  temporaryPassword: string | null;
  sessionsEnded: number;
}
