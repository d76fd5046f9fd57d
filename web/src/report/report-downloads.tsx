import { Alert } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import {
  DOWNLOAD_FORMATS,
  fetchReportFile,
  reportHref,
  type DownloadFormat,
  type ReportScope,
} from '../api/report';
import { useI18n } from '../i18n/i18n';

/**
 * The report of the same period and unit as files: real links (they work with the session cookie, also opened in
 * a new tab), fetched by the page on a click so that a refusal — a PDF the server cannot print — is said in words
 * here instead of a page of JSON.
 */
export function ReportDownloads({ scope }: { scope: ReportScope }) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState<DownloadFormat | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const download = async (format: DownloadFormat, href: string) => {
    setBusy(format);
    setFailure(null);
    try {
      const { blob, fileName } = await fetchReportFile(href);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      const message =
        error instanceof ApiError
          ? error.status === 0
            ? t.errors.network
            : (error.messageIn(lang) ?? t.errors.unexpected)
          : t.errors.unexpected;
      setFailure(t.report.downloadFailed(t.report.formats[format] ?? format, message));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="report-downloads" aria-labelledby="report-downloads-title">
      <h2 id="report-downloads-title" className="report-h2">
        {t.report.downloads}
      </h2>
      <p className="report-note">{t.report.downloadsNote}</p>
      <ul className="report-download-list">
        {DOWNLOAD_FORMATS.map((format) => {
          const href = reportHref(scope, format, lang);
          const name = t.report.formats[format] ?? format;
          return (
            <li key={format}>
              <a
                href={href}
                download
                data-format={format}
                onClick={(event) => {
                  event.preventDefault();
                  void download(format, href);
                }}
              >
                {t.report.download(name)}
              </a>
            </li>
          );
        })}
      </ul>
      <div aria-live="polite">
        {busy && <p className="report-note">{t.report.downloading(t.report.formats[busy] ?? busy)}</p>}
      </div>
      {failure && <Alert type="error" showIcon role="alert" title={failure} data-testid="download-error" />}
    </section>
  );
}
