import { Alert } from 'antd';
import { Link } from 'react-router';
import type { EntryForm } from '../api/entry';
import { formatCount, formatPeriodId, formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { useOfflineLists, type QueuedDraft } from './offline-store';
import type { OfflineState } from './use-offline';
import './offline.css';

/**
 * What the entry page says of working offline (docs/web.md, "Offline entry"): that it cannot where the page is not
 * in a secure context; the offline state and the form's reading time when shown from the browser; the values
 * waiting to be sent (their count and each cell, a link to the form of another unit or period); and those sent,
 * with when. Only the signed-in user's own values are listed.
 */
export function OfflineBanner({ form, state }: { form: EntryForm; state: OfflineState }) {
  const { t, lang } = useI18n();
  const { queue, sent } = useOfflineLists(state.login);
  if (!state.available) return <Alert type="info" showIcon title={t.offline.insecure} />;
  const text = (d: QueuedDraft) =>
    d.numerator !== '' || d.denominator !== ''
      ? `${d.numerator}/${d.denominator}`
      : d.value === 'true'
        ? t.entry.yes
        : d.value === 'false'
          ? t.entry.no
          : d.value;
  return (
    <div className="offline-banner" data-testid="offline-banner">
      <p role="status" data-testid="offline-state" data-state={state.online ? 'online' : 'offline'}>
        {state.online ? (state.ready ? t.offline.ready : '') : t.offline.offline}
        {!state.online && form.cachedAt && ` ${t.offline.cachedForm(formatTime(new Date(form.cachedAt)))}`}
      </p>
      {queue.length > 0 && (
        <section
          className="offline-waiting"
          aria-labelledby="offline-waiting-title"
          data-testid="offline-waiting"
        >
          <h2 id="offline-waiting-title" className="offline-title">
            {t.offline.waiting(queue.length, formatCount(queue.length, lang))}
          </h2>
          <p>{state.canSend ? t.offline.sending : t.offline.waitingUntil}</p>
          <ul>
            {queue.map((e) => {
              const here = e.unit === form.unit.code && e.period === form.period;
              const where = `${e.unitName} · ${formatPeriodId(e.period, lang)}`;
              return (
                <li key={`${e.unit}|${e.period}|${e.indicator}`} data-testid="offline-waiting-entry">
                  {t.offline.entry(e.name, text(e.draft), formatTime(new Date(e.enteredAt)))}{' '}
                  {here ? (
                    <span>({where})</span>
                  ) : (
                    <Link to={`/entry?${new URLSearchParams({ unit: e.unit, period: e.period }).toString()}`}>
                      {t.offline.openForm(where)}
                    </Link>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {sent.length > 0 && (
        <details className="offline-sent" data-testid="offline-sent">
          <summary>{t.offline.sentTitle(sent.length, formatCount(sent.length, lang))}</summary>
          <ul>
            {sent.map((e) => (
              <li key={`${e.unit}|${e.period}|${e.indicator}|${e.sentAt}`}>
                {t.offline.sent(
                  e.name,
                  `${e.unitName} · ${formatPeriodId(e.period, lang)}`,
                  formatTime(new Date(e.sentAt)),
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
