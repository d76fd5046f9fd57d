import { NavLink } from 'react-router';
import type { Permission } from '../../../src/domain/permission.js';
import { useSession } from '../api/session';
import type { Session } from '../api/types';
import { useI18n } from '../i18n/i18n';
import type { Messages } from '../i18n/vi';
import { isInstallationAdmin } from './installation-admin';
import { grantsWith, mayAnywhere } from './permissions';

/** One link of the header's navigation, shown to the users `shows` accepts. */
interface NavEntry {
  path: string;
  label: (t: Messages) => string;
  shows: (session: Session) => boolean;
}

const needs =
  (permission: Permission) =>
  (session: Session): boolean =>
    mayAnywhere(session, permission);

/**
 * The screens a signed-in user reaches from the header, in reading order (docs/web.md, "How to add a page"): each
 * shown only to users whose grants allow what the screen is for; the API refuses the rest anyway.
 */
const NAV: readonly NavEntry[] = [
  { path: '/plans', label: (t) => t.nav.plans, shows: needs('read') },
  {
    path: '/entry',
    label: (t) => t.entry.title,
    // Values are entered for a unit: a grant over the whole installation names none to enter for.
    shows: (session) => grantsWith(session, 'values:write').some((g) => g.unit !== '/'),
  },
  { path: '/registers', label: (t) => t.registers.navLink, shows: needs('read') },
  { path: '/index', label: (t) => t.compositeIndex.navLink, shows: needs('read') },
  { path: '/tasks', label: (t) => t.tasks.navLink, shows: needs('read') },
  // The catalogue is read by everyone; those who may change it (over the whole installation) do so there.
  { path: '/catalogue', label: (t) => t.catalogue.headerLink, shows: needs('read') },
  { path: '/admin/users', label: (t) => t.admin.usersLink, shows: needs('users:manage') },
  { path: '/admin/tokens', label: (t) => t.admin.tokensLink, shows: needs('tokens:manage') },
  { path: '/admin/audit', label: (t) => t.admin.auditLink, shows: needs('audit:read') },
  { path: '/admin/maps', label: (t) => t.mapsAdmin.headerLink, shows: isInstallationAdmin },
];

/** The header's links to the screens the signed-in user may use; nothing for a visitor. */
export function NavLinks() {
  const { t } = useI18n();
  const session = useSession(false);
  const user = session.data;
  if (!user) return null;
  return (
    <>
      {NAV.filter((entry) => entry.shows(user)).map((entry) => (
        <NavLink key={entry.path} to={entry.path} className="shell-link">
          {entry.label(t)}
        </NavLink>
      ))}
    </>
  );
}
