import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { useEntryUnits } from './entry-address';

/** The header's link to data entry, for users who may enter values for some unit (reporters, secretariat, admins). */
export function EntryLink() {
  const { t } = useI18n();
  return useEntryUnits().length > 0 ? (
    <Link to="/entry" className="shell-link">
      {t.entry.title}
    </Link>
  ) : null;
}
