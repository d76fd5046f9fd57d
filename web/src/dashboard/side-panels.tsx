import { Button, Card, Empty, Typography } from 'antd';
import { formatNumber, formatPercent } from '../../../src/domain/format-number.js';
import type { Dashboard } from '../api/types';
import { formatCount, formatDate, formatPeriodId } from '../format/format';
import { useI18n } from '../i18n/i18n';
import type { OpenTrace } from './trace-drawer';

/** A figure that opens its trace when the page can show one, plain text otherwise (the public page). */
function Figure({ text, title, onOpen }: { text: string; title: string; onOpen: (() => void) | null }) {
  const { t } = useI18n();
  if (!onOpen) return <>{text}</>;
  return (
    <Button type="link" className="figure-link" aria-label={t.dashboard.openTrace(title)} onClick={onOpen}>
      {text}
    </Button>
  );
}

function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card className="dashboard-card" title={<h2 className="card-title">{title}</h2>}>
      {children}
    </Card>
  );
}

/** The targets below the lowest band's bound, furthest first, with their lead units. */
export function LaggingPanel({ dashboard, onTrace }: { dashboard: Dashboard; onTrace?: OpenTrace }) {
  const { t, lang } = useI18n();
  return (
    <Panel title={t.dashboard.laggingTitle}>
      {dashboard.lagging.length === 0 ? (
        <Typography.Paragraph>{t.dashboard.laggingNone}</Typography.Paragraph>
      ) : (
        <ul className="plain-list">
          {dashboard.lagging.map((x) => (
            <li key={`${x.indicator}|${x.unit}`}>
              <Figure
                text={x.indicatorName}
                title={x.indicatorName}
                onOpen={
                  onTrace ? () => onTrace({ kind: 'link', title: x.indicatorName, link: x.trace }) : null
                }
              />
              <Typography.Text type="secondary" className="list-meta">
                {t.dashboard.laggingLine(
                  x.ratio === null ? t.dashboard.noRatio : formatPercent(x.ratio * 100, lang),
                  x.leadUnit?.name ?? '—',
                )}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

/** The overdue tasks led at or below the unit, judged today in Vietnam. */
export function TasksPanel({ dashboard, onTrace }: { dashboard: Dashboard; onTrace?: OpenTrace }) {
  const { t } = useI18n();
  const tasks = dashboard.overdueTasks;
  if (tasks === null) return null;
  return (
    <Panel title={t.dashboard.tasksTitle}>
      <Typography.Text type="secondary">{t.dashboard.tasksAt(formatDate(dashboard.tasksAt))}</Typography.Text>
      {tasks.length === 0 ? (
        <Typography.Paragraph>{t.dashboard.tasksNone}</Typography.Paragraph>
      ) : (
        <ul className="plain-list">
          {tasks.map((x) => (
            <li key={x.code}>
              <Figure
                text={x.title}
                title={x.title}
                onOpen={onTrace ? () => onTrace({ kind: 'link', title: x.title, link: x.trace }) : null}
              />
              <Typography.Text type="secondary" className="list-meta">
                {t.dashboard.taskLine(x.due ? formatDate(x.due) : '—', x.leadUnit.name)}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

/** The registers: units lacking each item at the period's last quarter, and the change since the one before. */
export function RegistersPanel({ dashboard, onTrace }: { dashboard: Dashboard; onTrace?: OpenTrace }) {
  const { t, lang } = useI18n();
  const registers = dashboard.registers;
  if (registers === null || registers.length === 0) return null;
  return (
    <Panel title={t.dashboard.registersTitle}>
      <ul className="plain-list">
        {registers.map((r) => {
          const lacking = t.dashboard.registerLacking(formatCount(r.lacking, lang));
          const before = r.from ? formatPeriodId(r.from, lang) : '';
          const change =
            r.change === null || r.lackingBefore === null || r.from === null
              ? t.dashboard.registerNoBefore
              : r.change < 0
                ? t.dashboard.registerChange(
                    formatCount(r.lackingBefore, lang),
                    before,
                    formatCount(-r.change, lang),
                  )
                : r.change > 0
                  ? t.dashboard.registerUp(
                      formatCount(r.lackingBefore, lang),
                      before,
                      formatCount(r.change, lang),
                    )
                  : t.dashboard.registerSame(before);
          return (
            <li key={r.indicator}>
              <div>{r.name}</div>
              <Figure
                text={lacking}
                title={`${r.name}: ${lacking}`}
                onOpen={onTrace ? () => onTrace({ kind: 'link', title: r.name, link: r.trace }) : null}
              />
              <Typography.Text type="secondary" className="list-meta">
                {formatPeriodId(r.to, lang)} · {change}
              </Typography.Text>
            </li>
          );
        })}
      </ul>
    </Panel>
  );
}

/** The unit's rank in each composite index published for its level, and its change from the year before. */
export function IndexPanel({ dashboard, onTrace }: { dashboard: Dashboard; onTrace?: OpenTrace }) {
  const { t, lang } = useI18n();
  const index = dashboard.index;
  if (index === null) return null;
  return (
    <Panel title={t.dashboard.indexTitle}>
      {index.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.dashboard.indexNone} />
      ) : (
        <ul className="plain-list">
          {index.map((x) => {
            const line = t.dashboard.indexLine(
              formatNumber(x.score, lang, 4, true),
              formatCount(x.rank, lang),
              formatCount(x.of, lang),
              String(x.year),
            );
            const change =
              x.rankChange === null
                ? null
                : x.rankChange > 0
                  ? t.dashboard.rankUp(formatCount(x.rankChange, lang))
                  : x.rankChange < 0
                    ? t.dashboard.rankDown(formatCount(-x.rankChange, lang))
                    : t.dashboard.rankSame;
            return (
              <li key={x.methodology}>
                <div>{x.name}</div>
                <Figure
                  text={line}
                  title={`${x.name}: ${line}`}
                  onOpen={onTrace ? () => onTrace({ kind: 'index', title: x.name, entry: x }) : null}
                />
                {change && (
                  <Typography.Text type="secondary" className="list-meta">
                    {change}
                  </Typography.Text>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Panel>
  );
}
