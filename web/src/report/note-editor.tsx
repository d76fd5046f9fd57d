import { Alert, Button, Form, Input, Popconfirm, Space } from 'antd';
import { useEffect, useState } from 'react';
import type { NoteSection } from '../../../src/domain/report-narrative/narrative-input.js';
import { ApiError } from '../api/client';
import { useClearNote, useSaveNote, type ReportNote, type ReportScope } from '../api/report';
import { formatCount, formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { showFormErrors } from '../shell/form-errors';

/** The longest text a section may hold, as the server checks it (docs/report.md). */
const NOTE_MAX_LENGTH = 20_000;

interface FormValues {
  text: string;
}

/**
 * One of the secretariat's sections: its text, saved with the version it was read at. A save over a text changed
 * (or cleared) since is refused by the server (409): the editor then shows who changed it and the newer text, with
 * "use it" or "keep mine" (saved over the newer version). A refusal that names the text is shown at the field.
 */
export function NoteEditor({
  scope,
  section,
  note,
}: {
  scope: ReportScope;
  section: NoteSection;
  note: ReportNote | undefined;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const text = Form.useWatch('text', form) ?? '';
  const save = useSaveNote(scope);
  const clear = useClearNote(scope);
  /** The version the text was read at (null: the section had none) and that text. */
  const [base, setBase] = useState<{ version: string | null; text: string }>({
    version: note?.updatedAt ?? null,
    text: note?.text ?? '',
  });
  const [conflict, setConflict] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const dirty = text !== base.text;
  const label = t.report.sections[section] ?? section;

  // A newer text read from the server replaces the shown one unless the user is editing it.
  useEffect(() => {
    if (dirty) return;
    const next = { version: note?.updatedAt ?? null, text: note?.text ?? '' };
    if (next.version === base.version && next.text === base.text) return;
    setBase(next);
    form.setFieldsValue({ text: next.text });
    // Only the note read is followed; the user's own edits are never overwritten.
  }, [note?.updatedAt, note?.text]);

  const refused = (error: unknown) => {
    if (error instanceof ApiError && error.status === 409) {
      setConflict(error.messageIn(lang) ?? t.errors.unexpected);
      return;
    }
    setFormError(showFormErrors(form, ['text'], error, lang, t));
  };

  const submit = (version: string | null) => {
    setFormError(null);
    setDone(null);
    save.mutate(
      { section, text: form.getFieldValue('text') as string, version },
      {
        onSuccess: (saved) => {
          setConflict(null);
          setBase({ version: saved.updatedAt, text: saved.text });
          form.setFieldsValue({ text: saved.text });
          setDone(t.report.saved);
        },
        onError: refused,
      },
    );
  };

  const takeTheirs = () => {
    const next = { version: note?.updatedAt ?? null, text: note?.text ?? '' };
    setBase(next);
    form.setFields([{ name: 'text', value: next.text, errors: [] }]);
    setConflict(null);
  };

  const remove = () => {
    setFormError(null);
    setDone(null);
    clear.mutate(section, {
      onSuccess: () => {
        setConflict(null);
        setBase({ version: null, text: '' });
        form.setFields([{ name: 'text', value: '', errors: [] }]);
        setDone(t.report.cleared);
      },
      onError: (error) => setFormError(showFormErrors(form, [], error, lang, t)),
    });
  };

  return (
    <Form
      form={form}
      name={`note-${section}`}
      layout="vertical"
      className="report-note-form"
      data-testid={`note-${section}`}
      initialValues={{ text: base.text }}
      onFinish={() => submit(base.version)}
      onValuesChange={() => setDone(null)}
    >
      <Form.Item
        name="text"
        label={<span className="report-section-label">{label}</span>}
        extra={
          <span className={text.length > NOTE_MAX_LENGTH ? 'report-too-long' : undefined}>
            {t.report.length(formatCount(text.length, lang), formatCount(NOTE_MAX_LENGTH, lang))}
            {' · '}
            {note?.updatedBy
              ? t.report.lastSaved(note.updatedBy, formatTime(note.updatedAt))
              : note
                ? formatTime(note.updatedAt)
                : t.report.notWritten}
            {dirty && ` · ${t.report.unsaved}`}
          </span>
        }
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 14 }} />
      </Form.Item>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          data-testid="note-conflict"
          title={conflict}
          description={
            <>
              {note ? (
                <>
                  <p>{t.report.conflictNewer}</p>
                  <blockquote className="report-newer">{note.text}</blockquote>
                </>
              ) : (
                <p>{t.report.conflictCleared}</p>
              )}
              <Space wrap>
                <Button onClick={takeTheirs}>{t.report.takeTheirs}</Button>
                <Button type="primary" danger onClick={() => submit(note?.updatedAt ?? null)}>
                  {t.report.keepMine}
                </Button>
              </Space>
            </>
          }
        />
      )}
      {formError && <Alert type="error" showIcon role="alert" title={formError} />}
      <Space wrap className="report-note-actions">
        <Button
          type="primary"
          htmlType="submit"
          loading={save.isPending}
          disabled={!dirty || conflict !== null}
        >
          {t.report.save}
        </Button>
        {note && (
          <Popconfirm
            title={t.report.clearConfirm(label)}
            okText={t.report.clearYes}
            cancelText={t.report.clearNo}
            onConfirm={remove}
          >
            <Button danger loading={clear.isPending}>
              {t.report.clear}
            </Button>
          </Popconfirm>
        )}
        <span role="status" className="report-done">
          {done}
        </span>
      </Space>
    </Form>
  );
}
