import { Alert, App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import type { TaskDetail } from '../../../src/contract/tasks.js';
import { useAddTaskLink, useAddTaskNote } from '../api/tasks';
import { useI18n } from '../i18n/i18n';
import { showFormErrors } from '../shell/form-errors';
import { dateText } from './task-parts';

interface NoteForm {
  text: string;
  date: string;
}

interface LinkForm {
  url: string;
  title: string;
}

/** A task's dated progress notes, oldest first, and the form to add one (for those who report on it). */
export function TaskNotes({ task, mayWrite }: { task: TaskDetail; mayWrite: boolean }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const add = useAddTaskNote(task.code);
  const [form] = Form.useForm<NoteForm>();
  const [formError, setFormError] = useState<string | null>(null);
  const submit = (values: NoteForm) => {
    setFormError(null);
    add.mutate(
      { text: values.text, ...(values.date ? { date: values.date } : {}) },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t.tasks.noteAdded);
        },
        onError: (error) => setFormError(showFormErrors(form, ['text', 'date'], error, lang, t)),
      },
    );
  };
  return (
    <section className="task-section" aria-labelledby="task-notes">
      <h2 id="task-notes">{t.tasks.notes}</h2>
      {task.notes.length === 0 ? (
        <p>{t.tasks.noNotes}</p>
      ) : (
        <ol className="task-notes" data-testid="task-notes">
          {task.notes.map((n, i) => (
            <li key={i}>
              <strong>{dateText(n.date, '')}</strong> — {n.text} <em>({n.author})</em>
            </li>
          ))}
        </ol>
      )}
      {mayWrite && (
        <Form<NoteForm>
          form={form}
          name="note"
          layout="vertical"
          onFinish={submit}
          data-testid="task-note-form"
        >
          {formError && <Alert type="error" showIcon role="alert" title={formError} />}
          <Form.Item
            label={t.tasks.noteText}
            name="text"
            rules={[{ required: true, whitespace: true, message: t.tasks.required }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
          <Form.Item label={t.tasks.noteDate} name="date">
            <Input type="date" style={{ maxWidth: 200 }} />
          </Form.Item>
          <Button htmlType="submit" loading={add.isPending}>
            {t.tasks.addNote}
          </Button>
        </Form>
      )}
    </section>
  );
}

/** A task's documents by link, and the form to attach one. */
export function TaskLinks({ task, mayWrite }: { task: TaskDetail; mayWrite: boolean }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const add = useAddTaskLink(task.code);
  const [form] = Form.useForm<LinkForm>();
  const [formError, setFormError] = useState<string | null>(null);
  const submit = (values: LinkForm) => {
    setFormError(null);
    add.mutate(
      { url: values.url.trim(), ...(values.title?.trim() ? { title: values.title.trim() } : {}) },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t.tasks.linkAdded);
        },
        onError: (error) => setFormError(showFormErrors(form, ['url', 'title'], error, lang, t)),
      },
    );
  };
  return (
    <section className="task-section" aria-labelledby="task-links">
      <h2 id="task-links">{t.tasks.links}</h2>
      {task.links.length === 0 ? (
        <p>{t.tasks.noLinks}</p>
      ) : (
        <ul data-testid="task-links">
          {task.links.map((l, i) => (
            <li key={i}>
              <a href={l.url} target="_blank" rel="noopener noreferrer">
                {l.title || l.url}
              </a>
            </li>
          ))}
        </ul>
      )}
      {mayWrite && (
        <Form<LinkForm>
          form={form}
          name="link"
          layout="vertical"
          onFinish={submit}
          data-testid="task-link-form"
        >
          {formError && <Alert type="error" showIcon role="alert" title={formError} />}
          <div className="task-form-row">
            <Form.Item
              label={t.tasks.linkUrl}
              name="url"
              rules={[{ required: true, whitespace: true, message: t.tasks.required }]}
            >
              <Input type="url" inputMode="url" />
            </Form.Item>
            <Form.Item label={t.tasks.linkTitle} name="title">
              <Input />
            </Form.Item>
          </div>
          <Button htmlType="submit" loading={add.isPending}>
            {t.tasks.addLink}
          </Button>
        </Form>
      )}
    </section>
  );
}
