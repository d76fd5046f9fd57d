import { Alert, Button, Form, Input, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { MethodologyDetail, MethodologyEdit } from '../../../src/contract/composite-index.js';
import { unitLevelName } from '../../../src/domain/unit-vocabulary.js';
import { ApiError } from '../api/client';
import { useCopyMethodology, useMethodology, useSaveEdit, useValidateEdit } from '../api/composite-index';
import { useSession } from '../api/session';
import { checkDraft, nodeOfField, type DraftMessage } from '../composite-index/draft-tree';
import { MethodologyTree } from '../composite-index/methodology-tree';
import { mayManageIndex } from '../composite-index/index-permissions';
import { formatCount, formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { showFormErrors } from '../shell/form-errors';
import { QueryError } from '../shell/query-error';
import { Loading } from '../shell/route-page';
import '../dashboard/dashboard.css';
import '../composite-index/composite-index.css';

/** What the last save attempt gave: refused before sending, refused by the server, or saved. */
type SaveOutcome =
  | { kind: 'local'; count: number }
  | { kind: 'server'; message: string; problems: Map<string, DraftMessage[]> }
  | { kind: 'saved'; version: number; changed: boolean };

/** A server's refusal of an edit: its message, and its details by the node they name. */
function serverProblems(error: unknown, lang: 'vi' | 'en', fallback: string) {
  const problems = new Map<string, DraftMessage[]>();
  if (!(error instanceof ApiError)) return { message: fallback, problems };
  for (const d of error.problem?.errors ?? []) {
    const node = nodeOfField(d.field);
    if (node === null) continue;
    problems.set(node, [...(problems.get(node) ?? []), d]);
  }
  return { message: error.messageIn(lang) ?? fallback, problems };
}

/** Copy the version shown under a new code, to edit the copy while the original stays as published. */
function CopyForm({ detail }: { detail: MethodologyDetail }) {
  const { t, lang } = useI18n();
  const c = t.compositeIndex;
  const navigate = useNavigate();
  const copy = useCopyMethodology(detail.code);
  const [form] = Form.useForm<{ to: string; name: string }>();
  const [formError, setFormError] = useState<string | null>(null);
  return (
    <section className="index-card" aria-labelledby="index-copy-title">
      <h2 id="index-copy-title" className="card-title">
        {c.copyTitle}
      </h2>
      <Typography.Paragraph>{c.copyIntro(detail.version)}</Typography.Paragraph>
      {formError && <Alert type="error" showIcon role="alert" title={formError} />}
      <Form<{ to: string; name: string }>
        form={form}
        layout="vertical"
        requiredMark={false}
        className="index-copy-form"
        onFinish={(values) => {
          setFormError(null);
          copy.mutate(
            {
              to: values.to.trim(),
              version: detail.version,
              ...(values.name?.trim() ? { name: values.name.trim() } : {}),
            },
            {
              onSuccess: (result) => void navigate(`/index/${encodeURIComponent(result.code)}`),
              onError: (error) => setFormError(showFormErrors(form, ['to', 'name'], error, lang, t)),
            },
          );
        }}
      >
        <Form.Item
          label={c.copyTo}
          name="to"
          rules={[{ required: true, whitespace: true, message: c.copyToRequired }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={c.copyName} name="name">
          <Input autoComplete="off" />
        </Form.Item>
        <Button htmlType="submit" loading={copy.isPending}>
          {c.copy}
        </Button>
      </Form>
    </section>
  );
}

/**
 * The methodology editor (docs/web.md, "Composite indices"): the tree of one version with its weights; on the newest
 * version, those who manage the installation's methodologies type new weights, checked as typed with the problem
 * at the node it names, checked again by the server, and saved as the next version. Older versions are shown
 * read-only; a copy starts a methodology of one's own.
 */
export default function IndexMethodologyPage() {
  const { t, lang } = useI18n();
  const c = t.compositeIndex;
  const code = useParams().code ?? '';
  const [search, setSearch] = useSearchParams();
  const versionText = search.get('version');
  const version = versionText && /^\d+$/.test(versionText) ? Number(versionText) : null;
  const session = useSession();
  const manager = mayManageIndex(session.data);
  const detail = useMethodology(code, version);
  const validate = useValidateEdit(code);
  const save = useSaveEdit(code);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);

  const data = detail.data;
  const newest = data ? Math.max(...data.versions.map((v) => v.version)) : 0;
  const editable = manager && data !== undefined && data.version === newest;
  const check = useMemo(() => checkDraft(data?.nodes ?? [], drafts), [data, drafts]);
  const shownProblems = useMemo(() => {
    if (outcome?.kind !== 'server' || outcome.problems.size === 0) return check;
    return { ...check, problems: new Map([...check.problems, ...outcome.problems]) };
  }, [check, outcome]);

  if (detail.isPending) return <Loading />;
  if (detail.isError || !data)
    return (
      <section className="index-page">
        <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
      </section>
    );

  const setDraft = (node: string, text: string) => {
    setOutcome(null);
    setDrafts((d) => ({ ...d, [node]: text }));
  };

  const submit = async () => {
    const count = [...check.problems.values()].reduce((a, l) => a + l.length, 0);
    if (count > 0) {
      setOutcome({ kind: 'local', count });
      return;
    }
    const edit: MethodologyEdit = {
      upsert: check.changed,
      baseVersion: data.version,
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    try {
      const checked = await validate.mutateAsync(edit);
      if (!checked.valid) {
        const problems = new Map<string, DraftMessage[]>();
        for (const p of checked.problems) problems.set(p.nodeCode, [...(problems.get(p.nodeCode) ?? []), p]);
        setOutcome({
          kind: 'server',
          message: c.serverRefused(formatCount(checked.problems.length, lang)),
          problems,
        });
        return;
      }
      const saved = await save.mutateAsync(edit);
      setDrafts({});
      setNote('');
      setOutcome({ kind: 'saved', version: saved.version, changed: saved.changed });
      if (version !== null) setSearch({}, { replace: true });
    } catch (error) {
      setOutcome({ kind: 'server', ...serverProblems(error, lang, t.errors.unexpected) });
    }
  };

  const dirty = Object.keys(drafts).length > 0;
  return (
    <section className="index-page" aria-labelledby="index-title">
      <header className="index-head">
        <Link to="/index">{c.backToList}</Link>
        <Typography.Title level={1} id="index-title">
          {data.name}
        </Typography.Title>
        <p className="index-meta">
          {c.meta(data.code, unitLevelName(data.level, lang))}
          {data.basedOn && ` — ${c.basedOn(data.basedOn)}`}
        </p>
        <nav className="index-links" aria-label={c.linksLabel}>
          <Link to={`/index/${encodeURIComponent(data.code)}/ranking`}>{c.rankingLink}</Link>
        </nav>
      </header>

      <div className="index-toolbar">
        <label className="picker">
          <span>{c.version}</span>
          <Select
            aria-label={c.version}
            value={data.version}
            onChange={(v: number) => {
              setDrafts({});
              setOutcome(null);
              setSearch(v === newest ? {} : { version: String(v) });
            }}
            options={[...data.versions]
              .sort((a, b) => b.version - a.version)
              .map((v) => ({
                value: v.version,
                label: c.versionLabel(
                  v.version,
                  formatTime(new Date(v.createdAt)),
                  v.createdBy ?? '—',
                  v.publishedYears.join(', '),
                  v.version === newest,
                ),
              }))}
            popupMatchSelectWidth={false}
          />
        </label>
      </div>
      {data.versions.find((v) => v.version === data.version)?.note && (
        <p className="index-note">
          {c.versionNote(data.versions.find((v) => v.version === data.version)?.note ?? '')}
        </p>
      )}
      {!manager && <Alert type="info" showIcon role="status" title={c.readOnly} className="index-alert" />}
      {manager && data.version !== newest && (
        <Alert type="info" showIcon role="status" title={c.oldVersion(newest)} className="index-alert" />
      )}

      <section className="index-card" aria-labelledby="index-tree-title">
        <h2 id="index-tree-title" className="card-title">
          {c.treeTitle}
        </h2>
        {editable && <Typography.Paragraph>{c.editIntro}</Typography.Paragraph>}
        {check.problems.get('') && (
          <Alert
            type="error"
            showIcon
            title={(check.problems.get('') ?? [])
              .map((p) => (lang === 'en' ? p.message_en : p.message_vi))
              .join(' ')}
          />
        )}
        <MethodologyTree
          nodes={data.nodes}
          drafts={drafts}
          check={shownProblems}
          editable={editable}
          onDraft={setDraft}
        />
        {editable && (
          <div className="index-save">
            <label className="picker index-note-input">
              <span>{c.note}</span>
              <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
            </label>
            <div className="index-save-buttons">
              <Button
                type="primary"
                onClick={() => void submit()}
                loading={validate.isPending || save.isPending}
                disabled={!dirty}
              >
                {c.save}
              </Button>
              <Button
                onClick={() => {
                  setDrafts({});
                  setOutcome(null);
                }}
                disabled={!dirty}
              >
                {c.undo}
              </Button>
            </div>
            <div aria-live="polite" className="index-save-outcome">
              {outcome?.kind === 'local' && (
                <Alert
                  type="error"
                  showIcon
                  role="alert"
                  title={c.localRefused(formatCount(outcome.count, lang))}
                />
              )}
              {outcome?.kind === 'server' && (
                <Alert type="error" showIcon role="alert" title={outcome.message} />
              )}
              {outcome?.kind === 'saved' && (
                <Alert
                  type="success"
                  showIcon
                  role="status"
                  title={outcome.changed ? c.saved(outcome.version) : c.unchanged(outcome.version)}
                />
              )}
            </div>
          </div>
        )}
      </section>
      {manager && <CopyForm detail={data} />}
    </section>
  );
}
