import { Alert, Button, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { importFile, type ImportReport } from '../api/imports';
import { formatCount } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { QueryError } from '../shell/query-error';
import { UploadErrors } from './upload-errors';
import { UploadPreview } from './upload-preview';

/** Where the round trip stands: nothing chosen, checking, a preview to commit, a refusal, or an outcome. */
type State =
  | { step: 'idle' }
  | { step: 'busy'; file: File; commit: boolean }
  | { step: 'preview'; file: File; report: ImportReport }
  | { step: 'refused'; file: File; error: ApiError }
  | { step: 'failed'; file: File; commit: boolean; error: unknown }
  | { step: 'done'; report: ImportReport }
  | { step: 'cancelled' };

const sum = (report: ImportReport, key: 'inserted' | 'updated') =>
  Object.values(report.sheets).reduce((n, s) => n + s[key], 0);

/**
 * The upload itself: a chosen file is sent as a dry run (nothing written) and its preview or its bad cells shown;
 * commit sends the same file for real, cancel forgets it.
 */
export function UploadPanel() {
  const { t, lang } = useI18n();
  const client = useQueryClient();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ step: 'idle' });

  const send = async (file: File, commit: boolean) => {
    setState({ step: 'busy', file, commit });
    try {
      const report = await importFile(file, !commit);
      if (commit) await client.invalidateQueries();
      setState(commit ? { step: 'done', report } : { step: 'preview', file, report });
    } catch (error) {
      const refused = error instanceof ApiError && [400, 403, 413, 423].includes(error.status);
      setState(refused ? { step: 'refused', file, error } : { step: 'failed', file, commit, error });
    }
    if (input.current) input.current.value = '';
  };

  const cancel = () => setState({ step: 'cancelled' });

  return (
    <div className="upload-panel">
      <label htmlFor={inputId} className="upload-label">
        {t.upload.file}
      </label>
      <input
        id={inputId}
        ref={input}
        type="file"
        accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
        data-testid="upload-file"
        disabled={state.step === 'busy'}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void send(file, false);
        }}
      />
      <div aria-live="polite">
        {state.step === 'busy' && <p>{state.commit ? t.upload.committing : t.upload.checking}</p>}
        {state.step === 'cancelled' && <Alert type="info" showIcon title={t.upload.cancelled} />}
        {state.step === 'done' && (
          <Alert
            type="success"
            showIcon
            data-testid="upload-committed"
            title={t.upload.committed(
              formatCount(sum(state.report, 'inserted'), lang),
              formatCount(sum(state.report, 'updated'), lang),
            )}
          />
        )}
      </div>
      {state.step === 'preview' && (
        <>
          <UploadPreview file={state.file.name} report={state.report} />
          <Space wrap className="upload-actions">
            <Button type="primary" data-testid="upload-commit" onClick={() => void send(state.file, true)}>
              {t.upload.commit}
            </Button>
            <Button data-testid="upload-cancel" onClick={cancel}>
              {t.upload.cancel}
            </Button>
          </Space>
        </>
      )}
      {state.step === 'refused' && <UploadErrors file={state.file.name} error={state.error} />}
      {state.step === 'failed' && (
        <QueryError error={state.error} onRetry={() => void send(state.file, state.commit)} />
      )}
    </div>
  );
}
