import { Alert, Button, Input, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import type { ValueType } from '../../../src/domain/aggregate.js';
import { parsePeriod } from '../../../src/domain/period.js';
import type { PlanSummary, TargetSummary } from '../../../src/contract/plans.js';
import { ApiError } from '../api/client';
import { saveTargets, useIndicatorChoices, type TargetRowSave } from '../api/targets';
import { formatCount, formatFigure, formatPeriodId } from '../format/format';
import { useI18n } from '../i18n/i18n';
import {
  checkCell,
  COLUMNS,
  draftOf,
  parseClipboard,
  placeBlock,
  problemPlace,
  rowKey,
  type CellCheck,
  type Column,
  type RowDraft,
} from './grid-model';
import '../entry/entry.css';
import './targets.css';

/** A row of the grid: a target's key and names, and whether it is new (not saved yet). */
interface GridRow {
  key: string;
  indicator: string;
  indicatorName: string;
  valueType: ValueType;
  unit: string;
  unitName: string;
  period: string;
  isNew: boolean;
}

type Bilingual = { message_vi: string; message_en: string };

const EMPTY: RowDraft = { target: '', baseline: '', baselinePeriod: '', leadUnit: '', note: '' };

const rowOf = (t: TargetSummary): GridRow => ({
  key: rowKey(t),
  indicator: t.indicator,
  indicatorName: t.indicatorName,
  valueType: t.valueType,
  unit: t.unit,
  unitName: t.unitName,
  period: t.period,
  isNew: false,
});

/** Whether a cell is to be sent: changed, or a new row's target (always needed). */
const isDirty = (row: GridRow, column: Column, draft: RowDraft, stored: RowDraft): boolean =>
  draft[column] !== stored[column] || (row.isNew && column === 'target');

/**
 * The target grid (docs/web.md, "The target grid"): every target of the plan, its target, baseline, baseline period,
 * lead unit and note edited in place, many at once, with blocks pasted from a spreadsheet, checked as the server
 * will check them and saved together in one all-or-nothing request; the server's refusals shown at their cells.
 * Readers without plans:manage see the same table without inputs.
 */
export function TargetGrid({
  plan,
  targets,
  editable,
}: {
  plan: PlanSummary;
  targets: TargetSummary[];
  editable: boolean;
}) {
  const { t, lang } = useI18n();
  const client = useQueryClient();
  const [rows, setRows] = useState<GridRow[]>(() => targets.map(rowOf));
  const [stored, setStored] = useState<Record<string, RowDraft>>(() =>
    Object.fromEntries(targets.map((x) => [rowKey(x), draftOf(x, lang)])),
  );
  const [drafts, setDrafts] = useState<Record<string, RowDraft>>(stored);
  const [serverProblems, setServerProblems] = useState<Record<string, Bilingual[]>>({});
  const [outcome, setOutcome] = useState<{ kind: 'saved' | 'error' | 'info'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const tableRef = useRef<HTMLTableElement>(null);
  const [focusAt, setFocusAt] = useState<number | null>(null);
  const pick = (m: Bilingual) => (lang === 'en' ? m.message_en : m.message_vi);
  const g = t.targets.grid;

  /** Every cell to send, with its check. */
  const dirty = useMemo(() => {
    const out: { row: GridRow; index: number; column: Column; check: CellCheck }[] = [];
    rows.forEach((row, index) => {
      const draft = drafts[row.key] ?? EMPTY;
      const before = stored[row.key] ?? EMPTY;
      for (const column of COLUMNS) {
        if (isDirty(row, column, draft, before))
          out.push({ row, index, column, check: checkCell(column, draft[column], row.valueType) });
      }
    });
    return out;
  }, [rows, drafts, stored]);
  const invalid = dirty.filter((d) => !d.check.ok);

  const focusCell = (r: number, c: number) => {
    const input = tableRef.current?.querySelector<HTMLInputElement>(`input[data-r="${r}"][data-c="${c}"]`);
    input?.focus();
    input?.select();
  };

  // A row just added takes the focus at its target once it is drawn.
  useEffect(() => {
    if (focusAt === null) return;
    focusCell(focusAt, 0);
    setFocusAt(null);
  });

  const setCell = (key: string, column: Column, text: string) =>
    setDrafts((d) => ({ ...d, [key]: { ...(d[key] ?? EMPTY), [column]: text } }));

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>, r: number, c: number) => {
    const input = e.currentTarget;
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const atEnd = input.selectionStart === input.value.length && input.selectionEnd === input.value.length;
    let next: [number, number] | null = null;
    if (e.key === 'ArrowDown' || (e.key === 'Enter' && !e.shiftKey)) next = [r + 1, c];
    else if (e.key === 'ArrowUp' || (e.key === 'Enter' && e.shiftKey)) next = [r - 1, c];
    else if (e.key === 'ArrowLeft' && atStart) next = [r, c - 1];
    else if (e.key === 'ArrowRight' && atEnd) next = [r, c + 1];
    if (!next) return;
    const [nr, nc] = next;
    if (nr < 0 || nr >= rows.length || nc < 0 || nc >= COLUMNS.length) return;
    e.preventDefault();
    focusCell(nr, nc);
  };

  const onPaste = (e: ClipboardEvent<HTMLInputElement>, r: number, column: Column) => {
    const text = e.clipboardData.getData('text/plain');
    if (!/[\t\n\r]/.test(text)) return; // one cell: the input takes it as typed
    e.preventDefault();
    const { cells, outside } = placeBlock(parseClipboard(text), { row: r, column }, rows.length);
    setDrafts((d) => {
      const next = { ...d };
      for (const cell of cells) {
        const key = rows[cell.row]?.key;
        if (key) next[key] = { ...(next[key] ?? EMPTY), [cell.column]: cell.text };
      }
      return next;
    });
    setOutcome({
      kind: 'info',
      text: g.pasted(formatCount(cells.length, lang), formatCount(outside, lang)),
    });
  };

  const discard = () => {
    setRows((rs) => rs.filter((r) => !r.isNew));
    setDrafts(stored);
    setServerProblems({});
    setOutcome(null);
  };

  const save = async () => {
    setServerProblems({});
    setOutcome(null);
    if (dirty.length === 0) {
      setOutcome({ kind: 'info', text: g.nothing });
      return;
    }
    if (invalid.length > 0) {
      setOutcome({ kind: 'error', text: g.fixCells(formatCount(invalid.length, lang)) });
      const first = invalid[0];
      if (first) focusCell(first.index, COLUMNS.indexOf(first.column));
      return;
    }
    const byRow = new Map<string, TargetRowSave>();
    for (const d of dirty) {
      const row =
        byRow.get(d.row.key) ??
        ({ indicator: d.row.indicator, unit: d.row.unit, period: d.row.period } as TargetRowSave);
      if (d.check.ok) Object.assign(row, { [d.column]: d.check.value });
      byRow.set(d.row.key, row);
    }
    const sent = [...byRow.entries()];
    setSaving(true);
    try {
      const answer = await saveTargets(
        plan.code,
        sent.map(([, row]) => row),
      );
      const nextStored = { ...stored };
      for (const target of answer.targets) nextStored[rowKey(target)] = draftOf(target, lang);
      const byKey = new Map(answer.targets.map((x) => [rowKey(x), x]));
      setRows((rs) =>
        rs.map((r) => (byKey.has(r.key) ? { ...rowOf(byKey.get(r.key) as TargetSummary) } : r)),
      );
      setStored(nextStored);
      setDrafts(nextStored);
      const created = answer.saved.filter((s) => s.action === 'create').length;
      const updated = answer.saved.filter((s) => s.action === 'update').length;
      setOutcome({
        kind: 'saved',
        text: g.saved(formatCount(created, lang), formatCount(updated, lang)),
      });
      void client.invalidateQueries({ queryKey: ['plan', plan.code] });
      void client.invalidateQueries({ queryKey: ['plans'] });
      void client.invalidateQueries({ queryKey: ['dashboard-live'] });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const placed: Record<string, Bilingual[]> = {};
      for (const detail of error.problem?.errors ?? []) {
        const place = problemPlace(detail.field);
        const key = place ? sent[place.index]?.[0] : undefined;
        if (!key || !place) continue;
        const cellKey = `${key}|${place.column ?? 'row'}`;
        placed[cellKey] = [...(placed[cellKey] ?? []), detail];
      }
      setServerProblems(placed);
      setOutcome({
        kind: 'error',
        text: error.status === 0 ? t.errors.network : (error.messageIn(lang) ?? t.errors.unexpected),
      });
    } finally {
      setSaving(false);
    }
  };

  const shownValue = (row: GridRow, column: Column, text: string): string => {
    if (text.trim() === '') return g.emptyValue;
    if (column !== 'target' && column !== 'baseline') {
      return column === 'baselinePeriod' ? formatPeriodId(text, lang) : text;
    }
    const check = checkCell(column, text, row.valueType);
    if (!check.ok) return text;
    if (typeof check.value === 'number') return formatFigure(check.value, lang);
    if (typeof check.value === 'boolean') return check.value ? t.entry.yes : t.entry.no;
    return text;
  };

  const caption = g.caption(plan.name);
  return (
    <div className="target-grid-wrap">
      <p className="entry-hint">{editable ? g.intro : g.readOnly}</p>
      {rows.length === 0 && <Alert type="info" showIcon title={g.empty} />}
      <div className="target-scroll" role="region" aria-label={caption} tabIndex={0}>
        <table className="target-grid" data-testid="target-grid" ref={tableRef}>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{g.indicator}</th>
              <th scope="col">{g.unit}</th>
              <th scope="col">{g.period}</th>
              {COLUMNS.map((c) => (
                <th scope="col" key={c}>
                  {g.columns[c]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => {
              const draft = drafts[row.key] ?? EMPTY;
              const before = stored[row.key] ?? EMPTY;
              const rowProblems = serverProblems[`${row.key}|row`] ?? [];
              return (
                <tr key={row.key} data-row={row.key} className={row.isNew ? 'target-new-row' : undefined}>
                  <th scope="row">
                    <span className="target-indicator">{row.indicatorName}</span>
                    <span className="target-code">
                      {row.indicator}
                      {row.isNew ? ` · ${g.newRow}` : ''}
                    </span>
                    {rowProblems.map((m, i) => (
                      <p key={i} className="entry-error" role="alert">
                        {g.rowProblem}: {pick(m)}
                      </p>
                    ))}
                  </th>
                  <td>{row.unitName}</td>
                  <td>{formatPeriodId(row.period, lang)}</td>
                  {COLUMNS.map((column, c) => {
                    const text = draft[column];
                    if (!editable)
                      return <td key={column}>{text === '' ? '' : shownValue(row, column, text)}</td>;
                    const changed = isDirty(row, column, draft, before);
                    const check = changed ? checkCell(column, text, row.valueType) : null;
                    const messages = [
                      ...(check && !check.ok ? check.messages : []),
                      ...(serverProblems[`${row.key}|${column}`] ?? []),
                    ];
                    const errorId = `target-error-${r}-${c}`;
                    return (
                      <td
                        key={column}
                        className={draft[column] !== before[column] ? 'target-changed' : undefined}
                      >
                        <input
                          className={`target-input target-input-${column}`}
                          data-r={r}
                          data-c={c}
                          data-column={column}
                          aria-label={g.cell(g.columns[column] ?? column, row.indicatorName, row.unitName)}
                          aria-invalid={messages.length > 0}
                          aria-describedby={messages.length > 0 ? errorId : undefined}
                          value={text}
                          maxLength={column === 'note' ? 5000 : 140}
                          onChange={(e) => setCell(row.key, column, e.target.value)}
                          onKeyDown={(e) => onKeyDown(e, r, c)}
                          onPaste={(e) => onPaste(e, r, column)}
                        />
                        {messages.length > 0 && (
                          <div id={errorId} className="entry-error" data-testid="cell-error">
                            {messages.map((m, i) => (
                              <p key={i}>{pick(m)}</p>
                            ))}
                          </div>
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {editable && (
        <AddRow
          plan={plan}
          exists={(key) => rows.some((r) => r.key === key)}
          onAdd={(row) => {
            setRows((rs) => [...rs, row]);
            setDrafts((d) => ({ ...d, [row.key]: EMPTY }));
            setStored((s) => ({ ...s, [row.key]: EMPTY }));
            setFocusAt(rows.length);
          }}
        />
      )}
      {editable && dirty.length > 0 && (
        <section className="target-preview" aria-labelledby="target-preview-title">
          <h2 id="target-preview-title" className="target-preview-title">
            {g.previewTitle(formatCount(dirty.length, lang))}
          </h2>
          <div className="target-scroll" role="region" aria-labelledby="target-preview-title" tabIndex={0}>
            <table className="target-grid" data-testid="target-preview">
              <thead>
                <tr>
                  <th scope="col">{g.indicator}</th>
                  <th scope="col">{g.unit}</th>
                  <th scope="col">{g.column}</th>
                  <th scope="col">{g.previewOld}</th>
                  <th scope="col">{g.previewNew}</th>
                </tr>
              </thead>
              <tbody>
                {dirty.map((d) => (
                  <tr key={`${d.row.key}|${d.column}`}>
                    <th scope="row">{d.row.indicatorName}</th>
                    <td>{d.row.unitName}</td>
                    <td>{g.columns[d.column]}</td>
                    <td>{shownValue(d.row, d.column, (stored[d.row.key] ?? EMPTY)[d.column])}</td>
                    <td className={d.check.ok ? undefined : 'target-bad'}>
                      {shownValue(d.row, d.column, (drafts[d.row.key] ?? EMPTY)[d.column])}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {editable && (
        <div className="register-actions">
          <Button type="primary" loading={saving} onClick={() => void save()}>
            {g.save}
          </Button>
          <Button onClick={discard} disabled={dirty.length === 0 && !rows.some((r) => r.isNew)}>
            {g.discard}
          </Button>
          <span role="status" data-testid="grid-status">
            {outcome?.kind !== 'error' && outcome
              ? outcome.text
              : dirty.length > 0
                ? g.changed(formatCount(dirty.length, lang))
                : ''}
          </span>
        </div>
      )}
      {outcome?.kind === 'error' && (
        <Alert type="error" showIcon role="alert" data-testid="grid-error" title={outcome.text} />
      )}
    </div>
  );
}

/** The picker under the grid that adds a row for a target of another indicator, unit or period. */
function AddRow({
  plan,
  exists,
  onAdd,
}: {
  plan: PlanSummary;
  exists: (key: string) => boolean;
  onAdd: (row: GridRow) => void;
}) {
  const { t, lang } = useI18n();
  const g = t.targets.grid;
  const indicators = useIndicatorChoices(true);
  const [indicator, setIndicator] = useState<string | undefined>(undefined);
  const [unit, setUnit] = useState(plan.unit);
  const [period, setPeriod] = useState(String(plan.endYear));
  const [problem, setProblem] = useState<string | null>(null);
  const add = () => {
    const choice = indicators.data?.find((i) => i.code === indicator);
    if (!choice || unit.trim() === '' || period.trim() === '') return setProblem(g.addMissing);
    const parsed = parsePeriod(period.trim());
    if (!parsed.ok) return setProblem(g.badPeriod);
    const key = rowKey({ indicator: choice.code, unit: unit.trim(), period: parsed.value.id });
    if (exists(key)) return setProblem(g.addExists);
    setProblem(null);
    onAdd({
      key,
      indicator: choice.code,
      indicatorName: lang === 'en' ? (choice.nameEn ?? choice.nameVi) : choice.nameVi,
      valueType: choice.valueType,
      unit: unit.trim(),
      unitName: unit.trim() === plan.unit ? plan.unitName : unit.trim(),
      period: parsed.value.id,
      isNew: true,
    });
    setIndicator(undefined);
  };
  return (
    <fieldset className="target-add">
      <legend>{g.addTitle}</legend>
      <label className="entry-picker target-add-indicator">
        <span id="target-add-indicator">{g.addIndicator}</span>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          aria-labelledby="target-add-indicator"
          value={indicator}
          onChange={setIndicator}
          loading={indicators.isPending}
          options={(indicators.data ?? []).map((i) => ({
            value: i.code,
            label: `${lang === 'en' ? (i.nameEn ?? i.nameVi) : i.nameVi} (${i.code})`,
          }))}
        />
      </label>
      <label className="entry-picker">
        <span>{g.addUnit}</span>
        <Input value={unit} onChange={(e) => setUnit(e.target.value)} />
      </label>
      <label className="entry-picker">
        <span>{g.addPeriod}</span>
        <Input value={period} onChange={(e) => setPeriod(e.target.value)} />
      </label>
      <Button onClick={add}>{g.add}</Button>
      {problem && (
        <p className="entry-error" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
