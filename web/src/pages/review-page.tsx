import { Alert, Button, Radio, Select, Typography } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ReviewEventType, Role } from '../../../src/domain/approval.js';
import { UNIT_LEVELS, type UnitLevel } from '../../../src/domain/unit-vocabulary.js';
import { ApiError } from '../api/client';
import { useLanding } from '../api/dashboard';
import { usePlan, useReviewStatus, type ReviewEventResult, type ReviewItem } from '../api/reviews';
import { useSession } from '../api/session';
import { formatCount, formatPeriodId } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { ReviewAction, type ReviewActionRequest } from '../review/review-action';
import { ReviewDrawer } from '../review/review-drawer';
import { mayDecide, SHOWN_STATES, shownState, type ShownState } from '../review/review-state';
import { ReviewTable } from '../review/review-table';
import { periodOptions } from '../review/period-options';
import '../dashboard/dashboard.css';
import '../review/review.css';
import { Loading } from '../shell/route-page';
import { QueryError } from '../shell/query-error';

const isLevel = (text: string | null): text is UnitLevel => UNIT_LEVELS.some((l) => l === text);

/** The map of the units' states, in its own chunk with the map's code. */
const ReviewMap = lazy(() => import('../review/review-map'));

/** What the last event did: how many units moved, and those left as they were with why. */
function EventResult({ result }: { result: ReviewEventResult }) {
  const { t, lang } = useI18n();
  return (
    <Alert
      type={result.changed.length > 0 ? 'success' : 'warning'}
      showIcon
      role="status"
      data-testid="review-result"
      title={t.review.done(formatCount(result.changed.length, lang))}
      description={
        result.skipped.length > 0 && (
          <>
            {t.review.skipped(formatCount(result.skipped.length, lang))}
            <ul>
              {result.skipped.slice(0, 10).map((s) => (
                <li key={s.unit}>{lang === 'en' ? s.message_en : s.message_vi}</li>
              ))}
            </ul>
          </>
        )
      }
    />
  );
}

/**
 * The review inbox of a plan's period (docs/web.md, "The review inbox"): every unit the reader may read with its
 * state, filterable by state, the values changed since its last approval and when it last submitted; a unit's
 * side panel shows the diff, the reason and the history. The secretariat and administrators return, approve (one,
 * the ticked ones, or every submitted unit under the plan's unit) and reopen; a reporter submits; confirmations
 * come first and the API's refusals are shown in the reader's language.
 */
export default function ReviewPage() {
  const { t, lang } = useI18n();
  const code = useParams().code ?? '';
  const [search, setSearch] = useSearchParams();
  const period = search.get('period');
  const levelText = search.get('level');
  const level = isLevel(levelText) ? levelText : null;
  const session = useSession();
  const roles = useMemo<Role[]>(
    () => [...new Set((session.data?.grants ?? []).map((g) => g.role))],
    [session.data],
  );
  const decider = mayDecide(roles);
  const landing = useLanding();
  const status = useReviewStatus(code, period, level);
  const plan = usePlan(code, decider);
  const [filter, setFilter] = useState<ShownState | 'all'>('all');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [open, setOpen] = useState<{ code: string; name: string } | null>(null);
  const [action, setAction] = useState<ReviewActionRequest | null>(null);
  const [result, setResult] = useState<ReviewEventResult | null>(null);

  // Without a period, the one the reader lands on for this plan.
  const landed = landing.data?.plan === code ? landing.data.period : null;
  useEffect(() => {
    if (period === null && landed) setSearch({ period: landed }, { replace: true });
  }, [period, landed, setSearch]);
  // Ticks and the last result belong to one period and level.
  useEffect(() => {
    setSelected(new Set());
    setResult(null);
  }, [period, level]);

  const change = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    setSearch(next);
  };
  const units = status.data?.units ?? [];
  const byState = (state: ShownState) => units.filter((u) => shownState(u) === state);
  const shown = filter === 'all' ? units : byState(filter);
  const submitted = units.filter((u) => u.state === 'submitted');
  const ticked = submitted.filter((u) => selected.has(u.unit));
  const namesOf = (items: readonly ReviewItem[]) =>
    items.length <= 3
      ? items.map((u) => u.unitName).join(', ')
      : t.review.confirm.unitsCount(formatCount(items.length, lang));
  const ask = (event: ReviewEventType, unit: { code: string; name: string }) =>
    setAction({ event, targets: { units: [unit.code] }, question: t.review.confirm[event](unit.name) });
  const refusal =
    status.error instanceof ApiError && (status.error.status === 403 || status.error.status === 404)
      ? status.error
      : null;

  return (
    <section aria-labelledby="review-title" className="review">
      <header className="review-head">
        <Typography.Title level={1} id="review-title">
          {t.review.title}
        </Typography.Title>
        {period && (
          <Typography.Paragraph>
            {t.review.subtitle(plan.data?.name ?? code, formatPeriodId(period, lang))}
          </Typography.Paragraph>
        )}
        <div className="dashboard-pickers">
          <label className="picker">
            <span>{t.review.period}</span>
            <Select
              aria-label={t.review.period}
              value={period ?? undefined}
              placeholder={t.review.period}
              onChange={(p: string) => change({ period: p })}
              options={periodOptions(period, new Date().getFullYear()).map((p) => ({
                value: p,
                label: formatPeriodId(p, lang),
              }))}
              popupMatchSelectWidth={false}
            />
          </label>
          <label className="picker">
            <span>{t.review.level}</span>
            <Select
              aria-label={t.review.level}
              value={level ?? ''}
              onChange={(l: string) => change({ level: l === '' ? null : l })}
              options={[
                { value: '', label: t.review.levelExpected },
                ...UNIT_LEVELS.map((l) => ({ value: l, label: t.review.levels[l] })),
              ]}
              popupMatchSelectWidth={false}
            />
          </label>
        </div>
        <nav className="dashboard-links" aria-label={t.review.title}>
          <Link
            to={`/plans/${encodeURIComponent(code)}${period ? `?period=${encodeURIComponent(period)}` : ''}`}
          >
            {t.review.toDashboard}
          </Link>
        </nav>
      </header>
      {period === null && !landing.isPending && <Alert type="info" showIcon title={t.review.choosePeriod} />}
      {period !== null && status.isPending && <Loading />}
      {refusal && (
        <Alert type="error" showIcon role="alert" title={refusal.messageIn(lang) ?? t.errors.unexpected} />
      )}
      {status.isError && !refusal && (
        <QueryError error={status.error} onRetry={() => void status.refetch()} />
      )}
      {status.data && period && (
        <>
          {!decider && <Alert type="info" showIcon title={t.review.readOnly} />}
          {result && <EventResult result={result} />}
          <div className="review-toolbar">
            <Radio.Group
              aria-label={t.review.filterState}
              optionType="button"
              value={filter}
              onChange={(e) => setFilter(e.target.value as ShownState | 'all')}
              options={[
                { value: 'all', label: t.review.allStates(formatCount(units.length, lang)) },
                ...SHOWN_STATES.map((s) => ({
                  value: s,
                  label: t.review.stateCount(t.review.states[s], formatCount(byState(s).length, lang)),
                })),
              ]}
            />
          </div>
          {decider && (
            <div className="review-toolbar">
              <Button
                type="primary"
                disabled={ticked.length === 0}
                onClick={() =>
                  setAction({
                    event: 'approve',
                    targets: { units: ticked.map((u) => u.unit) },
                    question: t.review.confirm.approve(namesOf(ticked)),
                  })
                }
              >
                {t.review.approveSelected(formatCount(ticked.length, lang))}
              </Button>
              <Button
                disabled={submitted.length === 0 || !plan.data}
                onClick={() =>
                  plan.data &&
                  setAction({
                    event: 'approve',
                    targets: { under: plan.data.unit, ...(level ? { level } : {}) },
                    question: t.review.confirm.approveAll(
                      formatCount(submitted.length, lang),
                      plan.data.unitName,
                    ),
                  })
                }
              >
                {t.review.approveAllSubmitted(formatCount(submitted.length, lang))}
              </Button>
            </div>
          )}
          <ReviewTable
            units={shown}
            selection={
              decider
                ? {
                    selected,
                    onToggle: (unit, on) =>
                      setSelected((before) => {
                        const next = new Set(before);
                        if (on) next.add(unit);
                        else next.delete(unit);
                        return next;
                      }),
                  }
                : null
            }
            onOpen={(item) => setOpen({ code: item.unit, name: item.unitName })}
          />
          {plan.data && (
            <section className="dashboard-section" aria-labelledby="review-map-title">
              <h2 id="review-map-title" className="card-title">
                {t.review.mapTitle}
              </h2>
              <Suspense fallback={<Loading />}>
                <ReviewMap under={plan.data.unit} units={shown} />
              </Suspense>
            </section>
          )}
          <ReviewDrawer
            plan={code}
            period={period}
            unit={open}
            roles={roles}
            onClose={() => setOpen(null)}
            onAct={ask}
          />
          <ReviewAction
            plan={code}
            period={period}
            request={action}
            onClose={() => setAction(null)}
            onDone={(done) => {
              setResult(done);
              setSelected(new Set());
            }}
          />
        </>
      )}
    </section>
  );
}
