import { Button, Layout, Radio, Tag } from 'antd';
import { Link, Outlet, useLocation } from 'react-router';
import { useSession, useSignOut } from '../api/session';
import type { Grant } from '../api/types';
import { useI18n, type Lang } from '../i18n/i18n';
import type { Messages } from '../i18n/vi';
import { NavLinks } from './nav-links';
import { signInPath } from './next-path';

function grantText(grant: Grant, t: Messages): string {
  const unit = grant.unit === '/' ? t.shell.wholeInstallation : (grant.unitName ?? grant.unit);
  return `${t.roles[grant.role]} · ${unit}`;
}

/** The language switch: Vietnamese or English, remembered in this browser. */
function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <Radio.Group
      aria-label={t.language.label}
      optionType="button"
      size="small"
      value={lang}
      onChange={(e) => setLang(e.target.value as Lang)}
      options={[
        { label: <span lang="vi">{t.language.vi}</span>, value: 'vi' },
        { label: <span lang="en">{t.language.en}</span>, value: 'en' },
      ]}
    />
  );
}

/** Who is signed in, with their roles, and the sign-out button; for a visitor, the way to sign in. */
function UserBlock() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const session = useSession(false);
  const signOut = useSignOut(signInPath('/', 'signedOut'));
  if (!session.data) {
    // Not while the route asks (or could not ask), nor on the sign-in page itself.
    if (session.isFetching || session.isError || pathname === '/sign-in') return null;
    return (
      <Link to="/sign-in" className="shell-sign-in">
        {t.publicPage.signIn}
      </Link>
    );
  }
  const user = session.data;
  return (
    <div className="shell-user">
      <span className="shell-user-name">{t.shell.signedInAs(user.displayName)}</span>
      <ul className="shell-roles" aria-label={t.shell.rolesLabel}>
        {user.grants.map((g) => (
          <li key={`${g.role}:${g.unit}`}>
            <Tag>{grantText(g, t)}</Tag>
          </li>
        ))}
      </ul>
      <Button size="small" loading={signOut.isPending} onClick={() => signOut.mutate()}>
        {t.shell.signOut}
      </Button>
    </div>
  );
}

/** The shell every page is shown in: the product name, the language switch, the user, the page. */
export function AppLayout() {
  const { t } = useI18n();
  return (
    <Layout className="shell">
      <a className="skip-link" href="#main">
        {t.app.skipToContent}
      </a>
      <Layout.Header className="shell-header">
        <nav className="shell-brand" aria-label={t.app.mainNav}>
          <Link to="/" className="shell-product">
            {t.app.name}
          </Link>
          <span className="shell-tagline">{t.app.tagline}</span>
          <NavLinks />
        </nav>
        <div className="shell-tools">
          <LanguageSwitch />
          <UserBlock />
        </div>
      </Layout.Header>
      <Layout.Content id="main" className="shell-main" tabIndex={-1}>
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
