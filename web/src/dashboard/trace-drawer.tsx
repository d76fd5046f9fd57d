import { Descriptions, Drawer, Table, Typography } from 'antd';
import { formatNumber } from '../../../src/domain/format-number.js';
import { indicatorName } from '../../../src/domain/report-narrative/phrases.js';
import { useTrace, type TraceAnswer } from '../api/dashboard';
import type { Dashboard, DashboardTarget, RegisterUnit, TraceValue } from '../api/types';
import { formatCount, formatDate, formatPeriodId, formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { Loading } from '../shell/route-page';
import { QueryError } from '../shell/query-error';
import { BandTag } from './targets-table';

/** What a figure's trace shows: a trace path the page reads, the targets a count counts, or an index rank. */
export type TraceRequest =
  | { kind: 'link'; title: string; link: string }
  | { kind: 'targets'; title: string; targets: DashboardTarget[]; link: string }
  | { kind: 'index'; title: string; entry: NonNullable<Dashboard['index']>[number] };

/** Opens a figure's trace. */
export type OpenTrace = (request: TraceRequest) => void;

/** A wide table's frame: scrolls sideways on a narrow screen and can be scrolled by keyboard (it takes focus). */
export function ScrollRegion({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="scroll-region" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

function ValuesTable({ values }: { values: TraceValue[] }) {
  const { t, lang } = useI18n();
  const valueText = (v: TraceValue) =>
    v.value === null
      ? '—'
      : v.numerator !== null && v.denominator !== null
        ? `${formatNumber(v.value, lang)} (${formatNumber(v.numerator, lang)}/${formatNumber(v.denominator, lang)})`
        : formatNumber(v.value, lang);
  return (
    <ScrollRegion label={t.trace.title}>
      <Table<TraceValue>
        size="small"
        pagination={values.length > 50 ? { pageSize: 50 } : false}
        rowKey={(v) => `${v.unit}|${v.period}`}
        dataSource={values}
        data-testid="trace-values"
        columns={[
          { title: t.trace.colUnit, key: 'unit', render: (_, v) => v.unitName },
          { title: t.trace.colPeriod, key: 'period', render: (_, v) => formatPeriodId(v.period, lang) },
          { title: t.trace.colValue, key: 'value', render: (_, v) => valueText(v) },
          {
            title: t.trace.colRole,
            key: 'role',
            render: (_, v) => (v.role === 'entered' ? t.trace.roleEntered : t.trace.roleContributing),
          },
          {
            title: t.trace.colEntered,
            key: 'created',
            render: (_, v) => t.trace.by(v.createdBy ?? '—', formatTime(new Date(v.createdAt))),
          },
          {
            title: t.trace.colChanged,
            key: 'updated',
            render: (_, v) => t.trace.by(v.updatedBy ?? '—', formatTime(new Date(v.updatedAt))),
          },
          { title: t.trace.colSource, key: 'source', render: (_, v) => v.source },
          { title: t.trace.colComment, key: 'comment', render: (_, v) => v.comment ?? '' },
        ]}
      />
    </ScrollRegion>
  );
}

function UnitList({ title, units }: { title: string; units: RegisterUnit[] }) {
  const { t } = useI18n();
  return (
    <section className="trace-section">
      <h3>{title}</h3>
      {units.length > 0 && (
        <Table<RegisterUnit>
          size="small"
          pagination={units.length > 20 ? { pageSize: 20 } : false}
          rowKey={(u) => u.code}
          dataSource={units}
          columns={[
            { title: t.trace.register.unit, key: 'name', render: (_, u) => u.name },
            { title: t.trace.register.parent, key: 'parent', render: (_, u) => u.parentName ?? '' },
          ]}
        />
      )}
    </section>
  );
}

/** A trace the page read from its path. */
function Answer({ answer }: { answer: TraceAnswer }) {
  const { t, lang } = useI18n();
  if (answer.kind === 'target') {
    const d = answer.data;
    const actual =
      d.actual === null
        ? '—'
        : typeof d.actual === 'boolean'
          ? String(d.actual)
          : formatNumber(d.actual, lang);
    return (
      <>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t.trace.actual}>
            <span data-testid="trace-actual">{actual}</span> · {d.unitName} · {formatPeriodId(d.period, lang)}
          </Descriptions.Item>
          <Descriptions.Item label={t.trace.source}>
            {d.source === 'derived'
              ? t.trace.derived(formatCount(d.valueCount, lang), formatCount(d.unitCount, lang))
              : t.trace.entered}
            {d.ignoredCount > 0 && <div>{t.trace.ignored(formatCount(d.ignoredCount, lang))}</div>}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" className="trace-note">
          {t.trace.notMapped}
        </Typography.Paragraph>
        {d.values.length === 0 ? <p>{t.trace.noValues}</p> : <ValuesTable values={d.values} />}
      </>
    );
  }
  if (answer.kind === 'task') {
    const x = answer.data;
    return (
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t.trace.task.programme}>{x.programmeName}</Descriptions.Item>
        <Descriptions.Item label={t.trace.task.lead}>{x.leadUnit.name}</Descriptions.Item>
        {x.supportingUnits.length > 0 && (
          <Descriptions.Item label={t.trace.task.supporting}>
            {x.supportingUnits.map((u) => u.name).join(', ')}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t.trace.task.start}>
          {x.start ? formatDate(x.start) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t.trace.task.due}>
          {x.due ? formatDate(x.due) : '—'}
          {x.overdue ? ` · ${t.trace.task.overdue}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t.trace.task.status}>{x.status}</Descriptions.Item>
        {x.note && <Descriptions.Item label={t.trace.task.note}>{x.note}</Descriptions.Item>}
        <Descriptions.Item label={t.trace.task.updated}>
          {t.trace.by(x.updatedBy ?? '—', formatTime(new Date(x.updatedAt)))}
        </Descriptions.Item>
      </Descriptions>
    );
  }
  if (answer.kind === 'registerChange') {
    const d = answer.data;
    return (
      <>
        <Typography.Paragraph>{lang === 'vi' ? d.phrase.vi : d.phrase.en}</Typography.Paragraph>
        <UnitList title={t.trace.register.closed(formatCount(d.closed.count, lang))} units={d.closed.units} />
        {d.opened.count > 0 && (
          <UnitList
            title={t.trace.register.opened(formatCount(d.opened.count, lang))}
            units={d.opened.units}
          />
        )}
        <UnitList title={t.trace.register.stillLacking(formatCount(d.to.count, lang))} units={d.to.units} />
      </>
    );
  }
  const d = answer.data;
  return (
    <UnitList
      title={t.trace.register.lacking(
        formatPeriodId(d.period, lang),
        formatCount(d.count, lang),
        formatCount(d.withValue, lang),
      )}
      units={d.units}
    />
  );
}

function TargetsCounted({ targets }: { targets: DashboardTarget[] }) {
  const { t, lang } = useI18n();
  return (
    <>
      <p>{t.trace.bandTargets(formatCount(targets.length, lang))}</p>
      <ul className="plain-list">
        {targets.map((x) => (
          <li key={`${x.indicator}|${x.unit}|${x.period}`}>
            {indicatorName(x, lang)} <BandTag band={x.band} />
          </li>
        ))}
      </ul>
    </>
  );
}

/** The side panel that shows where a figure comes from; `request` null keeps it closed. */
export function TraceDrawer({ request, onClose }: { request: TraceRequest | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const trace = useTrace(request?.kind === 'link' ? request.link : null);
  return (
    <Drawer
      open={request !== null}
      onClose={onClose}
      title={request ? `${t.trace.title}: ${request.title}` : t.trace.title}
      size="large"
      closable={{ 'aria-label': t.trace.close }}
      destroyOnHidden
      rootClassName="trace-drawer"
    >
      {request?.kind === 'targets' && <TargetsCounted targets={request.targets} />}
      {request?.kind === 'index' && (
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t.trace.index.score}>
            {formatNumber(request.entry.score, lang, 4, true)}
          </Descriptions.Item>
          <Descriptions.Item label={t.trace.index.rank}>
            {formatCount(request.entry.rank, lang)}/{formatCount(request.entry.of, lang)}
          </Descriptions.Item>
          <Descriptions.Item label={t.trace.index.previous}>
            {request.entry.previousRank === null ? '—' : formatCount(request.entry.previousRank, lang)}
          </Descriptions.Item>
        </Descriptions>
      )}
      {request?.kind === 'link' && trace.isPending && <Loading />}
      {request?.kind === 'link' && trace.isError && (
        <QueryError error={trace.error} onRetry={() => void trace.refetch()} />
      )}
      {request?.kind === 'link' && trace.data && <Answer answer={trace.data} />}
      {request && request.kind !== 'link' && (
        <p className="trace-link">
          <a
            href={request.kind === 'targets' ? request.link : request.entry.trace}
            target="_blank"
            rel="noreferrer"
          >
            {request.kind === 'targets' ? t.trace.evaluation : t.trace.index.results}
          </a>
        </p>
      )}
    </Drawer>
  );
}
