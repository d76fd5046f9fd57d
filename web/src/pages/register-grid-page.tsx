import { Alert, Button, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { validateValue } from '../../../src/domain/validate-value.js';
import { ApiError } from '../api/client';
import { saveValues, type Bilingual, type EntryForm, type ValueSave } from '../api/entry';
import { EntryPickers } from '../entry/entry-pickers';
import { EntryShell } from '../entry/entry-shell';
import '../entry/entry.css';
import { formatCount, formatPeriodId } from '../format/format';
import { useI18n } from '../i18n/i18n';

const keyOf = (village: string, indicator: string) => `${village}|${indicator}`;

/** The stored yes/no of every cell, as the selects hold it ('' when nothing is stored). */
function storedDrafts(form: EntryForm): Record<string, string> {
  const drafts: Record<string, string> = {};
  for (const v of form.registers.villages) {
    for (const c of v.cells) drafts[keyOf(v.code, c.indicator)] = c.value === null ? '' : String(c.value);
  }
  return drafts;
}

/** The grid itself: villages × yes/no registers, bulk-filled and saved in one all-or-nothing request. */
function Grid({ form }: { form: EntryForm }) {
  const { t, lang } = useI18n();
  const client = useQueryClient();
  const [stored, setStored] = useState(() => storedDrafts(form));
  const [versions, setVersions] = useState(() => {
    const out: Record<string, number | null> = {};
    for (const v of form.registers.villages)
      for (const c of v.cells) out[keyOf(v.code, c.indicator)] = c.version;
    return out;
  });
  const [drafts, setDrafts] = useState(stored);
  const [problems, setProblems] = useState<Record<string, Bilingual[]>>({});
  const [outcome, setOutcome] = useState<{ kind: 'saved' | 'error' | 'nothing'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const pick = (m: Bilingual) => (lang === 'en' ? m.message_en : m.message_vi);
  const itemName = (code: string) => {
    const item = form.registers.indicators.find((i) => i.code === code);
    return item ? (lang === 'en' ? (item.nameEn ?? item.nameVi) : item.nameVi) : code;
  };
  const changed = Object.keys(drafts).filter((k) => drafts[k] !== stored[k]);

  const save = async () => {
    if (changed.length === 0) {
      setOutcome({ kind: 'nothing', text: t.entry.grid.nothing });
      return;
    }
    const inline: Record<string, Bilingual[]> = {};
    const values: ValueSave[] = changed.map((key) => {
      const [unit = '', indicator = ''] = key.split('|');
      const check = validateValue('boolean', { value: drafts[key] ?? '' });
      if (!check.ok) inline[key] = check.problems;
      return {
        indicator,
        unit,
        period: form.period,
        value: drafts[key] === 'true',
        version: versions[key] ?? null,
      };
    });
    setProblems(inline);
    if (Object.keys(inline).length > 0) return;
    setSaving(true);
    try {
      const answer = await saveValues(values);
      const nextVersions = { ...versions };
      for (const s of answer.saved) nextVersions[keyOf(s.unit, s.indicator)] = s.version;
      setVersions(nextVersions);
      setStored(drafts);
      setOutcome({ kind: 'saved', text: t.entry.grid.saved(formatCount(answer.saved.length, lang)) });
      void client.invalidateQueries({ queryKey: ['entry-form'] });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const byCell: Record<string, Bilingual[]> = {};
      for (const detail of error.problem?.errors ?? []) {
        const index = /^values\[(\d+)\]/.exec(detail.field ?? '')?.[1];
        const key = index === undefined ? undefined : changed[Number(index)];
        if (key) byCell[key] = [...(byCell[key] ?? []), detail];
      }
      setProblems(byCell);
      setOutcome({ kind: 'error', text: error.messageIn(lang) ?? t.errors.unexpected });
    } finally {
      setSaving(false);
    }
  };

  if (form.registers.villages.length === 0)
    return <Alert type="info" showIcon title={t.entry.grid.noVillages} />;
  const caption = t.entry.grid.caption(form.unit.name, formatPeriodId(form.period, lang));
  return (
    <>
      <div className="register-bulk">
        {form.registers.indicators.map((i) => (
          <Button
            key={i.code}
            onClick={() =>
              setDrafts((d) => {
                const next = { ...d };
                for (const v of form.registers.villages) next[keyOf(v.code, i.code)] = 'true';
                return next;
              })
            }
          >
            {t.entry.grid.allYes(itemName(i.code))}
          </Button>
        ))}
      </div>
      <div className="register-scroll" role="region" aria-label={caption} tabIndex={0}>
        <table className="register-grid" data-testid="register-grid">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.entry.grid.village}</th>
              {form.registers.indicators.map((i) => (
                <th scope="col" key={i.code}>
                  {itemName(i.code)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {form.registers.villages.map((v) => (
              <tr key={v.code}>
                <th scope="row">{v.name}</th>
                {v.cells.map((c) => {
                  const key = keyOf(v.code, c.indicator);
                  const cellProblems = problems[key] ?? [];
                  return (
                    <td
                      key={c.indicator}
                      className={drafts[key] !== stored[key] ? 'register-changed' : undefined}
                    >
                      <select
                        className="entry-select"
                        aria-label={t.entry.grid.cell(itemName(c.indicator), v.name)}
                        aria-invalid={cellProblems.length > 0}
                        data-cell={key}
                        disabled={c.lock !== null}
                        title={c.lock ? t.entry.locked(pick(c.lock)) : undefined}
                        value={drafts[key] ?? ''}
                        onChange={(e) => setDrafts((d) => ({ ...d, [key]: e.target.value }))}
                      >
                        <option value="">{t.entry.unset}</option>
                        <option value="true">{t.entry.yes}</option>
                        <option value="false">{t.entry.no}</option>
                      </select>
                      {c.lock && <p className="entry-lock">{t.entry.locked(pick(c.lock))}</p>}
                      {cellProblems.map((m, i) => (
                        <p key={i} className="entry-error">
                          {pick(m)}
                        </p>
                      ))}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="register-actions">
        <Button type="primary" loading={saving} onClick={() => void save()}>
          {t.entry.grid.save}
        </Button>
        <span role="status" data-testid="grid-status">
          {outcome
            ? outcome.text
            : changed.length > 0
              ? t.entry.grid.changed(formatCount(changed.length, lang))
              : ''}
        </span>
      </div>
      {outcome?.kind === 'error' && <Alert type="error" showIcon role="alert" title={outcome.text} />}
    </>
  );
}

/** The register grid of a commune (docs/web.md, "Data entry"): its villages × the yes/no registers, saved in one go. */
export default function RegisterGridPage() {
  const { t, lang } = useI18n();
  return (
    <EntryShell title={t.entry.grid.title}>
      {(form, change) => (
        <>
          <Typography.Paragraph className="entry-subtitle">
            {t.entry.subtitle(form.unit.name, formatPeriodId(form.period, lang))}
          </Typography.Paragraph>
          <EntryPickers form={form} onChange={change} />
          <p className="entry-hint">{t.entry.grid.intro}</p>
          <p>
            <Link
              to={`/entry?${new URLSearchParams({ unit: form.unit.code, period: form.period }).toString()}`}
            >
              {t.entry.grid.back}
            </Link>
          </p>
          <Grid key={`${form.unit.code}|${form.period}`} form={form} />
        </>
      )}
    </EntryShell>
  );
}
