import { Alert } from 'antd';
import type { ImportReport } from '../api/imports';
import { formatCount, formatFigure, formatPeriodId } from '../format/format';
import { useI18n } from '../i18n/i18n';

/**
 * A dry run's report: rows added, changed and unchanged per sheet (the sheets the file touches), then the values
 * sheet's rows with the stored value beside the file's, changes first.
 */
export function UploadPreview({ file, report }: { file: string; report: ImportReport }) {
  const { t, lang } = useI18n();
  const figure = (n: number | null) => (n === null ? t.upload.empty : formatFigure(n, lang));
  const sheets = Object.entries(report.sheets).filter(([, c]) => c.inserted + c.updated + c.unchanged > 0);
  const changes = report.changes;
  const caption = changes
    ? t.upload.changesCaption(formatCount(changes.items.length, lang), formatCount(changes.total, lang))
    : '';
  return (
    <section className="upload-preview" aria-labelledby="upload-preview-title" data-testid="upload-preview">
      <h2 id="upload-preview-title" className="card-title">
        {t.upload.previewTitle(file)}
      </h2>
      <p>{t.upload.previewNote}</p>
      <div className="upload-scroll" tabIndex={0} role="region" aria-label={t.upload.countsCaption}>
        <table className="upload-table">
          <caption>{t.upload.countsCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.upload.sheet}</th>
              <th scope="col">{t.upload.inserted}</th>
              <th scope="col">{t.upload.updated}</th>
              <th scope="col">{t.upload.unchanged}</th>
            </tr>
          </thead>
          <tbody>
            {sheets.map(([name, c]) => (
              <tr key={name} data-testid={`upload-counts-${name}`}>
                <th scope="row">{t.upload.sheetNames[name] ?? name}</th>
                <td>{formatCount(c.inserted, lang)}</td>
                <td>{formatCount(c.updated, lang)}</td>
                <td>{formatCount(c.unchanged, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {changes && changes.items.length > 0 && (
        <div className="upload-scroll" tabIndex={0} role="region" aria-label={caption}>
          <table className="upload-table" data-testid="upload-changes">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.upload.row}</th>
                <th scope="col">{t.upload.indicator}</th>
                <th scope="col">{t.upload.unit}</th>
                <th scope="col">{t.upload.period}</th>
                <th scope="col">{t.upload.oldValue}</th>
                <th scope="col">{t.upload.newValue}</th>
                <th scope="col">{t.upload.status}</th>
              </tr>
            </thead>
            <tbody>
              {changes.items.map((c) => (
                <tr key={c.row} data-testid={`upload-change-${c.indicator}`}>
                  <td>{c.row}</td>
                  <td>{c.indicator}</td>
                  <td>{c.unit}</td>
                  <td>{formatPeriodId(c.period, lang)}</td>
                  <td>{figure(c.old)}</td>
                  <td>{figure(c.new)}</td>
                  <td>
                    <span className={`upload-status upload-status-${c.status}`}>
                      {t.upload.statuses[c.status]}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t.upload.warnings}
          description={
            <ul>
              {report.warnings.map((w, i) => (
                <li key={i}>{lang === 'en' ? w.message_en : w.message_vi}</li>
              ))}
            </ul>
          }
        />
      )}
    </section>
  );
}
