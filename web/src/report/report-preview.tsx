import { Alert, Spin } from 'antd';
import { useCallback, useMemo, useRef } from 'react';
import { useI18n } from '../i18n/i18n';

/**
 * The report's own HTML shown in a frame (docs/web.md, "The meeting report"). The page is the server's, escaped and
 * without script; the frame runs none either (`sandbox` without `allow-scripts`) and is of the app's origin only so
 * that the app keeps where the reader had scrolled to when a save writes the report again. The frame has a fixed
 * height and scrolls, so the sections to write stay in reach beside it (below it on a phone). Figures link to their
 * traces, opened in a new tab (`<base target>`).
 */
export function ReportPreview({
  html,
  title,
  refreshing,
}: {
  html: string;
  title: string;
  refreshing: boolean;
}) {
  const { t } = useI18n();
  const frame = useRef<HTMLIFrameElement>(null);
  const srcDoc = useMemo(() => html.replace(/<head>/i, '<head><base target="_blank">'), [html]);
  /** Where the reader had scrolled the report to, kept when a save writes it again. */
  const scrolled = useRef(0);
  const loaded = useCallback(() => {
    const win = frame.current?.contentWindow;
    if (!win) return;
    win.scrollTo(0, scrolled.current);
    win.addEventListener('scroll', () => {
      scrolled.current = win.scrollY;
    });
  }, []);
  return (
    <div className="report-preview" aria-busy={refreshing}>
      <p className="report-note">{t.report.previewNote}</p>
      {refreshing && (
        <Alert type="info" role="status" showIcon icon={<Spin size="small" />} title={t.report.refreshing} />
      )}
      <iframe
        ref={frame}
        className="report-frame"
        title={title}
        data-testid="report-frame"
        sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
        referrerPolicy="no-referrer"
        srcDoc={srcDoc}
        onLoad={loaded}
      />
    </div>
  );
}
