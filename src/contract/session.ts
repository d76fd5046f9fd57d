import type { Role } from '../domain/approval.js';
import type { Permission } from '../domain/permission.js';

// Who is signed in, as `GET /session` answers (docs/security.md).

/** A role over a unit as users read and write it. */
export interface GrantSummary {
  role: Role;
  /** A unit code (`15`, `pre2025:10`) or `/` for the whole installation. */
  unit: string;
  unitName: string | null;
  /** What the role allows over the unit's subtree (docs/security.md), for a client to offer only that. */
  permissions: Permission[];
}

/** One demo account: who it plays, its fixed login and password, its one role over one unit of the demo. */
export interface DemoAccount {
  login: string;
  password: string;
  displayName: string;
  role: Role;
  /** The unit as users write it (the demo is Lào Cai's 2024 plan on the pre-2025 units, data/demo/). */
  unit: string;
  /** Who the account plays, for the sign-in page and the console. */
  persona: { vi: string; en: string };
}
