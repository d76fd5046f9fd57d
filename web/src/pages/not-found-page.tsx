import { Result } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n';

/** Any address the routes table does not have. */
export default function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={<h1 className="not-found-title">{t.notFound.title}</h1>}
      subTitle={t.notFound.body}
      extra={<Link to="/">{t.notFound.home}</Link>}
    />
  );
}
