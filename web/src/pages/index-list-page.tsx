import { Alert, Button, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { unitLevelName } from '../../../src/domain/unit-vocabulary.js';
import { ApiError } from '../api/client';
import { useIndexTemplates, useLoadTemplate, useMethodologies } from '../api/composite-index';
import { useSession } from '../api/session';
import { mayManageIndex } from '../composite-index/index-permissions';
import { useI18n } from '../i18n/i18n';
import { QueryError } from '../shell/query-error';
import { Loading } from '../shell/route-page';
import '../dashboard/dashboard.css';
import '../composite-index/composite-index.css';

/** The shipped templates, each loadable by those who manage the installation's methodologies. */
function Templates({ loaded }: { loaded: ReadonlySet<string> }) {
  const { t, lang } = useI18n();
  const c = t.compositeIndex;
  const templates = useIndexTemplates();
  const load = useLoadTemplate();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  if (templates.isPending) return <Loading />;
  if (templates.isError)
    return <QueryError error={templates.error} onRetry={() => void templates.refetch()} />;
  return (
    <section className="index-card" aria-labelledby="index-templates-title">
      <h2 id="index-templates-title" className="card-title">
        {c.templatesTitle}
      </h2>
      <Typography.Paragraph>{c.templatesIntro}</Typography.Paragraph>
      <ul className="index-templates">
        {templates.data.map((tpl) => (
          <li key={tpl.name}>
            <span>
              <span className="index-tree-code">{tpl.name}</span> ({unitLevelName(tpl.level, lang)})
              {loaded.has(tpl.name) && ` — ${c.templateLoaded}`}
            </span>
            <Button
              size="small"
              aria-label={c.loadTemplateNamed(tpl.name)}
              loading={load.isPending && load.variables === tpl.name}
              onClick={() => {
                setOutcome(null);
                load.mutate(tpl.name, {
                  onSuccess: (r) =>
                    setOutcome({ ok: true, text: c.templateDone(tpl.name, r.indicatorsCreated.length) }),
                  onError: (error) =>
                    setOutcome({
                      ok: false,
                      text: (error instanceof ApiError ? error.messageIn(lang) : null) ?? t.errors.unexpected,
                    }),
                });
              }}
            >
              {c.loadTemplate}
            </Button>
          </li>
        ))}
      </ul>
      <div aria-live="polite">
        {outcome && (
          <Alert
            type={outcome.ok ? 'success' : 'error'}
            showIcon
            role={outcome.ok ? 'status' : 'alert'}
            title={outcome.text}
          />
        )}
      </div>
    </section>
  );
}

/**
 * The composite indices (docs/web.md, "Composite indices"): every methodology with its newest version, the years
 * published on it and links to its tree and its ranking; the shipped templates for those who may load them.
 */
export default function IndexListPage() {
  const { t, lang } = useI18n();
  const c = t.compositeIndex;
  const session = useSession();
  const manager = mayManageIndex(session.data);
  const list = useMethodologies();
  return (
    <section className="index-page" aria-labelledby="index-list-title">
      <header className="index-head">
        <Typography.Title level={1} id="index-list-title">
          {c.title}
        </Typography.Title>
        <Typography.Paragraph>{c.intro}</Typography.Paragraph>
      </header>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Alert type="info" showIcon role="status" title={manager ? c.noneManager : c.none} />
      ) : (
        <div className="index-tree-scroll">
          <table className="index-list">
            <caption>{c.listCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{c.methodology}</th>
                <th scope="col">{c.level}</th>
                <th scope="col">{c.version}</th>
                <th scope="col">{c.publishedYears}</th>
                <th scope="col">{c.rankingLink}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((m) => (
                <tr key={m.code}>
                  <th scope="row">
                    <Link to={`/index/${encodeURIComponent(m.code)}`}>{m.name}</Link>
                    <div className="index-tree-code">
                      {m.code}
                      {m.basedOn && ` ← ${m.basedOn}`}
                    </div>
                  </th>
                  <td>{unitLevelName(m.level, lang)}</td>
                  <td>{m.version}</td>
                  <td>
                    {m.published.length === 0 ? c.notPublished : m.published.map((p) => p.year).join(', ')}
                  </td>
                  <td>
                    <Link
                      to={`/index/${encodeURIComponent(m.code)}/ranking`}
                      aria-label={c.rankingOf(m.code)}
                    >
                      {c.rankingLink}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {manager && <Templates loaded={new Set(list.data?.map((m) => m.code) ?? [])} />}
    </section>
  );
}
