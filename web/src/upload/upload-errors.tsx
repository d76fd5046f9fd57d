import { Alert } from 'antd';
import type { ApiError } from '../api/client';
import type { ProblemDetail, ProblemSheet } from '../api/types';
import { formatCount } from '../format/format';
import { useI18n } from '../i18n/i18n';

const cellKey = (sheet: string, row: number, column: string) => `${sheet}|${row}|${column}`;

/** One sheet of a refused file as read — its header row and its rows with bad cells — each bad cell marked. */
function ErrorGrid({ sheet, messages }: { sheet: ProblemSheet; messages: Map<string, string> }) {
  const { t } = useI18n();
  const mark = (index: number, row: number, column: string, text: string, header: boolean) => {
    const message = messages.get(cellKey(sheet.sheet, row, column));
    const Cell = header ? 'th' : 'td';
    return (
      <Cell
        key={index}
        scope={header ? 'col' : undefined}
        className={message ? 'upload-bad' : undefined}
        data-testid={message ? `upload-bad-${row}-${column}` : undefined}
        title={message}
      >
        {message ? t.upload.badCell(text, message) : text}
      </Cell>
    );
  };
  return (
    <div className="upload-scroll" tabIndex={0} role="region" aria-label={t.upload.gridCaption(sheet.sheet)}>
      <table className="upload-table upload-grid" data-testid={`upload-grid-${sheet.sheet}`}>
        <caption>{t.upload.gridCaption(sheet.sheet)}</caption>
        <thead>
          <tr>
            <th scope="col">{t.upload.row}</th>
            {sheet.headers.map((h, i) => mark(i, 1, h, h, true))}
          </tr>
        </thead>
        <tbody>
          {sheet.rows.map((r) => (
            <tr key={r.row}>
              <th scope="row">{r.row}</th>
              {sheet.headers.map((h, i) => mark(i, r.row, h, r.cells[i] ?? '', false))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Where a bad cell is, as the reader reads it: sheet, row and column when known. */
function place(d: ProblemDetail, t: ReturnType<typeof useI18n>['t']): string | null {
  if (d.sheet === undefined) return null;
  if (d.row === undefined || d.column === undefined) return t.upload.sheetPlace(d.sheet);
  return t.upload.errorPlace(d.sheet, String(d.row), d.column);
}

/**
 * A refused file (nothing written): its message, the rows with bad cells as a grid with each bad cell marked and
 * its message, and the list of every bad cell by sheet, row and column.
 */
export function UploadErrors({ file, error }: { file: string; error: ApiError }) {
  const { t, lang } = useI18n();
  const details = error.problem?.errors ?? [];
  const pick = (d: ProblemDetail) => (lang === 'en' ? d.message_en : d.message_vi);
  const messages = new Map<string, string>();
  for (const d of details) {
    if (d.sheet === undefined || d.row === undefined || d.column === undefined) continue;
    const key = cellKey(d.sheet, d.row, d.column);
    messages.set(key, [messages.get(key), pick(d)].filter(Boolean).join(' '));
  }
  return (
    <section className="upload-errors" aria-labelledby="upload-errors-title" data-testid="upload-errors">
      <h2 id="upload-errors-title" className="card-title">
        {t.upload.refusedTitle(file)}
      </h2>
      <Alert type="error" showIcon role="alert" title={error.messageIn(lang) ?? t.errors.unexpected} />
      {(error.problem?.sheets ?? []).map((s) => (
        <ErrorGrid key={s.sheet} sheet={s} messages={messages} />
      ))}
      {details.length > 0 && (
        <>
          <h3 className="upload-errors-list-title">
            {t.upload.errorsTitle(formatCount(details.length, lang))}
          </h3>
          <ul className="upload-errors-list" data-testid="upload-errors-list">
            {details.map((d, i) => {
              const where = place(d, t);
              return (
                <li key={i}>
                  {where && <strong>{where}: </strong>}
                  {pick(d)}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
