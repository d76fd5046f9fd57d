import { Button, Input } from 'antd';
import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { ApiError } from '../api/client';
import {
  readValue,
  saveValue,
  type Bilingual,
  type EntryCell,
  type EntryRule,
  type ValueSaved,
} from '../api/entry';
import { editableNumber, formatPeriodId, formatTime } from '../format/format';
import { useI18n, type Lang } from '../i18n/i18n';
import { dequeue, enqueue, patchCachedForms, queuedFor } from '../offline/offline-store';
import { checkCell, type CellDraft } from './check-cell';
import { formatEntryValue } from './format-entry-value';

/** Where the cell's value is saved and what its inline checks read. */
export interface CellContext {
  unit: string;
  period: string;
  rules: readonly EntryRule[];
  /** The unit's stored values for the period, by indicator code, as the validation rules read them. */
  values: Readonly<Record<string, number>>;
  /** Tells the form a value was saved (its number as stored), so the other cells' rules read it. */
  onSaved: (indicator: string, stored: number) => void;
  /**
   * Where a value that cannot reach the server waits (docs/web.md, "Offline entry"): the user's queue in this
   * browser, sent when `canSend`; null where nothing may be kept (no secure context).
   */
  queue: { login: string; unitName: string; canSend: boolean } | null;
}

type Status = 'idle' | 'saving' | 'saved' | 'invalid' | 'error' | 'conflict' | 'locked' | 'queued';

/** What is stored for the cell, as this page last knew it. */
type Stored = Pick<ValueSaved, 'value' | 'numerator' | 'denominator' | 'comment' | 'updatedBy'> & {
  version: number | null;
  updatedAt: string | null;
};

function draftOf(stored: Stored, lang: Lang): CellDraft & { comment: string } {
  const text = (n: number | null) => (n === null ? '' : editableNumber(n, lang));
  return {
    value: typeof stored.value === 'boolean' ? String(stored.value) : text(stored.value),
    numerator: text(stored.numerator),
    denominator: text(stored.denominator),
    comment: stored.comment ?? '',
  };
}

const sameDraft = (a: CellDraft & { comment: string }, b: CellDraft & { comment: string }) =>
  a.value.trim() === b.value.trim() &&
  a.numerator.trim() === b.numerator.trim() &&
  a.denominator.trim() === b.denominator.trim() &&
  a.comment.trim() === b.comment.trim();

/**
 * One indicator of the entry form (docs/web.md, "Data entry"): its input(s) with its label, target and previous
 * value; checked inline with the server's own rules before anything is sent; saved with its version when left
 * (blur) or on Enter, with a saved mark; a 409 says who changed it and when and offers to keep one's own value (saved
 * again over the new version) or take theirs; a comment; shown locked with the reason when an approval locks it.
 */
export function ValueCell({ cell, context }: { cell: EntryCell; context: CellContext }) {
  const { t, lang } = useI18n();
  const id = useId();
  const key = { unit: context.unit, period: context.period, indicator: cell.indicator };
  const queue = context.queue;
  // A value entered offline earlier (before a reload or a sign-in) is shown, still waiting.
  const [waiting] = useState(() => (queue ? queuedFor(queue.login, key) : undefined));
  const [stored, setStored] = useState<Stored>(cell);
  const [draft, setDraft] = useState(() => waiting?.draft ?? draftOf(cell, lang));
  const [status, setStatus] = useState<Status>(cell.lock ? 'locked' : waiting ? 'queued' : 'idle');
  const [messages, setMessages] = useState<Bilingual[]>([]);
  const [warnings, setWarnings] = useState<Bilingual[]>([]);
  const [lock, setLock] = useState<Bilingual | null>(cell.lock);
  const [theirs, setTheirs] = useState<ValueSaved | null | undefined>(undefined);
  const sending = useRef(false);
  const pick = (m: Bilingual) => (lang === 'en' ? m.message_en : m.message_vi);
  const name = lang === 'en' ? (cell.nameEn ?? cell.nameVi) : cell.nameVi;

  async function commit(next = draft, version = stored.version, force = false): Promise<void> {
    if (lock || sending.current) return;
    // While someone else's change is shown, only the user's choice (keep mine) sends again.
    if (theirs !== undefined && !force) return;
    if (!force && sameDraft(next, draftOf(stored, lang))) return;
    const empty = cell.valueType === 'ratio' ? next.numerator + next.denominator === '' : next.value === '';
    if (empty && stored.version === null) return;
    const check = checkCell(cell, next, context.rules, context.values);
    if (!check.ok) {
      setMessages(check.messages);
      setStatus('invalid');
      return;
    }
    setMessages([]);
    // Without a connection (or before the server confirmed the session again) the value waits in the queue with
    // the version it was entered against.
    const wait = (to: NonNullable<CellContext['queue']>) => {
      enqueue(to.login, {
        ...key,
        unitName: to.unitName,
        name,
        draft: next,
        version,
        enteredAt: new Date().toISOString(),
      });
      setStatus('queued');
    };
    if (queue && (!queue.canSend || !navigator.onLine)) return wait(queue);
    sending.current = true;
    setStatus('saving');
    try {
      const saved = await saveValue({
        indicator: cell.indicator,
        unit: context.unit,
        period: context.period,
        ...(cell.valueType === 'ratio'
          ? { numerator: next.numerator, denominator: next.denominator }
          : { value: cell.valueType === 'boolean' ? next.value === 'true' : next.value }),
        comment: next.comment.trim() === '' ? null : next.comment,
        version,
      });
      setStored(saved);
      if (queue) {
        dequeue(queue.login, key, true);
        patchCachedForms(queue.login, key, saved);
      }
      setTheirs(undefined);
      setWarnings(saved.warnings);
      setStatus('saved');
      context.onSaved(cell.indicator, check.stored);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 0 && queue) return wait(queue);
      if (error.status === 409) {
        setTheirs(
          await readValue({ indicator: cell.indicator, unit: context.unit, period: context.period }).catch(
            () => null,
          ),
        );
        setStatus('conflict');
      } else if (error.status === 423 && error.problem) {
        setLock(error.problem);
        setStatus('locked');
      } else {
        const details = error.problem?.errors ?? [];
        const text = error.status === 0 ? t.errors.network : t.errors.unexpected;
        setMessages(details.length > 0 ? details : [error.problem ?? { message_vi: text, message_en: text }]);
        setStatus('error');
      }
    } finally {
      sending.current = false;
    }
  }

  // Back online under the owner's confirmed session: the waiting value is sent with its version (a 409 leads to the
  // same choice as online).
  const canSend = queue?.canSend ?? false;
  useEffect(() => {
    if (!canSend || !queue) return;
    const entry = queuedFor(queue.login, key);
    if (entry) void commit(entry.draft, entry.version, true);
    // Only a change of `canSend` sends: the cell's own edits go through commit.
  }, [canSend]);

  const leave = (e: FocusEvent<HTMLElement>) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) void commit();
  };
  const enter = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void commit();
    }
  };
  const keepMine = () => void commit(draft, theirs ? theirs.version : null, true);
  const takeTheirs = () => {
    if (!theirs) return;
    if (queue) dequeue(queue.login, key, false);
    setStored(theirs);
    setDraft(draftOf(theirs, lang));
    setTheirs(undefined);
    setStatus('idle');
  };
  const change = (patch: Partial<CellDraft & { comment: string }>) => setDraft((d) => ({ ...d, ...patch }));

  const statusId = `${id}-status`;
  const metaId = `${id}-meta`;
  const errorId = `${id}-error`;
  const describedBy = [metaId, statusId, messages.length > 0 || lock ? errorId : null]
    .filter(Boolean)
    .join(' ');
  const input = (part: keyof CellDraft, label: string) => (
    <Input
      id={`${id}-${part}`}
      aria-label={label}
      aria-describedby={describedBy}
      aria-invalid={status === 'invalid' || status === 'error'}
      inputMode="decimal"
      autoComplete="off"
      disabled={lock !== null}
      value={draft[part]}
      onChange={(e) => change({ [part]: e.target.value })}
      onKeyDown={enter}
    />
  );
  const unitSuffix =
    cell.valueType === 'ratio' || cell.valueType === 'percent' ? '%' : (cell.measureUnit ?? '');
  return (
    <div
      className={`entry-cell entry-cell-${status}`}
      data-testid="entry-cell"
      data-indicator={cell.indicator}
    >
      <div className="entry-cell-head">
        <label
          className="entry-cell-name"
          htmlFor={`${id}-${cell.valueType === 'ratio' ? 'numerator' : 'value'}`}
        >
          {name}
          {unitSuffix && <span className="entry-cell-unit"> ({unitSuffix})</span>}
        </label>
        <p className="entry-cell-meta" id={metaId}>
          <span>
            {cell.target !== null && cell.targetPeriod
              ? t.entry.target(
                  formatPeriodId(cell.targetPeriod, lang),
                  formatEntryValue(cell.target, cell.valueType, t, lang),
                )
              : t.entry.noTarget}
          </span>
          <span>
            {cell.previous
              ? t.entry.previous(
                  formatPeriodId(cell.previous.period, lang),
                  formatEntryValue(cell.previous.value, cell.valueType, t, lang),
                )
              : t.entry.noPrevious}
          </span>
          {stored.updatedBy && stored.updatedAt && (
            <span>{t.entry.lastChange(stored.updatedBy, formatTime(new Date(stored.updatedAt)))}</span>
          )}
        </p>
      </div>
      <div className="entry-cell-inputs" onBlur={leave}>
        {cell.valueType === 'ratio' ? (
          <>
            {input('numerator', `${t.entry.numerator}: ${name}`)}
            <span aria-hidden="true">/</span>
            {input('denominator', `${t.entry.denominator}: ${name}`)}
          </>
        ) : cell.valueType === 'boolean' ? (
          <select
            id={`${id}-value`}
            className="entry-select"
            aria-describedby={describedBy}
            disabled={lock !== null}
            value={draft.value}
            onChange={(e) => {
              const next = { ...draft, value: e.target.value };
              setDraft(next);
              void commit(next);
            }}
          >
            <option value="">{t.entry.unset}</option>
            <option value="true">{t.entry.yes}</option>
            <option value="false">{t.entry.no}</option>
          </select>
        ) : (
          input('value', name)
        )}
        <span
          className="entry-cell-status"
          id={statusId}
          role="status"
          data-testid="cell-status"
          data-state={status}
        >
          {status === 'queued' ? t.offline.queued : t.entry.status[status]}
        </span>
      </div>
      <div className="entry-cell-comment" onBlur={leave}>
        <Input
          id={`${id}-comment`}
          aria-label={t.entry.comment(name)}
          placeholder={t.entry.commentShort}
          disabled={lock !== null}
          value={draft.comment}
          onChange={(e) => change({ comment: e.target.value })}
          onKeyDown={enter}
        />
      </div>
      <div id={errorId} className="entry-cell-problems">
        {lock && <p className="entry-lock">{t.entry.locked(pick(lock))}</p>}
        {messages.map((m, i) => (
          <p key={i} className="entry-error" role="alert">
            {pick(m)}
          </p>
        ))}
        {warnings.map((w, i) => (
          <p key={i} className="entry-warning">
            {t.entry.warning}: {pick(w)}
          </p>
        ))}
        {status === 'conflict' && (
          <div className="entry-conflict" role="alert" data-testid="conflict">
            <p>
              {theirs
                ? t.entry.conflict(
                    theirs.updatedBy ?? '?',
                    formatTime(new Date(theirs.updatedAt)),
                    formatEntryValue(theirs.value, cell.valueType, t, lang),
                  )
                : t.entry.conflictGone}
            </p>
            <Button size="small" type="primary" onClick={keepMine}>
              {t.entry.keepMine}
            </Button>
            {theirs && (
              <Button size="small" onClick={takeTheirs}>
                {t.entry.takeTheirs}
              </Button>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
