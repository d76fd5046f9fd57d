import { Alert, Button, Descriptions, Radio, Typography } from 'antd';
import { lazy, Suspense, useId, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { useDashboard, useLanding } from '../api/dashboard';
import {
  BOUNDARY_SETS,
  useMapStatus,
  useUploadBoundaries,
  type BoundaryLoadReport,
  type BoundarySet,
} from '../api/maps';
import { useSession } from '../api/session';
import { formatCount } from '../format/format';
import { mapIndicators } from '../dashboard/map-indicators';
import { useI18n } from '../i18n/i18n';
import { isInstallationAdmin } from '../shell/installation-admin';
import { QueryError } from '../shell/query-error';
import { Loading } from '../shell/route-page';
import { unitLevelName } from '../../../src/domain/unit-vocabulary.js';
import './maps-admin.css';

const UnitMap = lazy(() => import('../dashboard/unit-map'));

/** The layers loaded so far: per set and level, how many units have a boundary, and the sources. */
function LayerStatus() {
  const { t, lang } = useI18n();
  const status = useMapStatus();
  if (status.isPending) return <Loading />;
  if (status.isError) return <QueryError error={status.error} onRetry={() => void status.refetch()} />;
  if (status.data.length === 0) return <Typography.Paragraph>{t.mapsAdmin.statusEmpty}</Typography.Paragraph>;
  return (
    <table className="maps-admin-status">
      <caption>{t.mapsAdmin.status}</caption>
      <thead>
        <tr>
          <th scope="col">{t.mapsAdmin.set}</th>
          <th scope="col">{t.mapsAdmin.level}</th>
          <th scope="col">{t.mapsAdmin.withBoundary}</th>
          <th scope="col">{t.mapsAdmin.units}</th>
          <th scope="col">{t.mapsAdmin.sources}</th>
        </tr>
      </thead>
      <tbody>
        {status.data.map((l) => (
          <tr key={`${l.set}:${l.level}`}>
            <td>{l.set}</td>
            <td>{unitLevelName(l.level, lang)}</td>
            <td>{formatCount(l.withBoundary, lang)}</td>
            <td>{formatCount(l.units, lang)}</td>
            <td>{l.sources.join('; ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What a load did: the source credited, the features read, matched and written, and the codes not in the set. */
function LoadReport({ report, name }: { report: BoundaryLoadReport; name: string }) {
  const { t, lang } = useI18n();
  return (
    <div role="status">
      <Alert type="success" showIcon title={t.mapsAdmin.loaded(name)} />
      <Descriptions column={1} bordered size="small" className="maps-admin-report">
        <Descriptions.Item label={t.mapsAdmin.set}>{t.mapsAdmin.sets[report.set]}</Descriptions.Item>
        <Descriptions.Item label={t.mapsAdmin.source}>{report.source}</Descriptions.Item>
        <Descriptions.Item label={t.mapsAdmin.features}>
          {formatCount(report.features, lang)}
        </Descriptions.Item>
        <Descriptions.Item label={t.mapsAdmin.matched}>{formatCount(report.matched, lang)}</Descriptions.Item>
        <Descriptions.Item label={t.mapsAdmin.written}>{formatCount(report.written, lang)}</Descriptions.Item>
        <Descriptions.Item label={t.mapsAdmin.unmatched}>
          {report.unmatched.length === 0 ? t.mapsAdmin.none : report.unmatched.join(', ')}
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}

/** A refused file: the problem, then each error naming its feature and field, in the reader's language. */
function LoadRefusal({ error }: { error: unknown }) {
  const { t, lang } = useI18n();
  if (!(error instanceof ApiError) || !error.problem) {
    const text = error instanceof Error && !(error instanceof ApiError) ? error.message : t.errors.unexpected;
    return <Alert type="error" showIcon role="alert" title={text} />;
  }
  const details = error.problem.errors ?? [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={error.messageIn(lang)}
      description={
        details.length > 0 && (
          <>
            <p className="maps-admin-errors-title">{t.mapsAdmin.refusedFile}</p>
            <ul className="maps-admin-errors">
              {details.map((d, i) => (
                <li key={i}>{lang === 'en' ? d.message_en : d.message_vi}</li>
              ))}
            </ul>
          </>
        )
      }
    />
  );
}

/** Choose a set and a file, read it in the browser and send it (`PUT /maps`); then the report or the refusal. */
function UploadForm() {
  const { t } = useI18n();
  const ids = useId();
  const [set, setSet] = useState<BoundarySet>('2025');
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [sent, setSent] = useState('');
  const upload = useUploadBoundaries();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    upload.reset();
    if (!file) {
      setLocalError(t.mapsAdmin.fileRequired);
      return;
    }
    let document: unknown;
    try {
      document = JSON.parse(await file.text()) as unknown;
    } catch {
      setLocalError(t.mapsAdmin.notJson(file.name));
      return;
    }
    setLocalError(null);
    setSent(file.name);
    upload.mutate({ set, name: file.name, document });
  };

  return (
    <form className="maps-admin-form" onSubmit={(e) => void submit(e)}>
      <div className="maps-admin-field">
        <span id={`${ids}-set`}>{t.mapsAdmin.set}</span>
        <Radio.Group
          aria-labelledby={`${ids}-set`}
          value={set}
          onChange={(e) => setSet(e.target.value as BoundarySet)}
          options={BOUNDARY_SETS.map((s) => ({ value: s, label: t.mapsAdmin.sets[s] }))}
        />
      </div>
      <div className="maps-admin-field">
        <label htmlFor={`${ids}-file`}>{t.mapsAdmin.file}</label>
        <input
          id={`${ids}-file`}
          type="file"
          accept=".json,.geojson,.topojson,application/json,application/geo+json"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setLocalError(null);
          }}
        />
      </div>
      <Button type="primary" htmlType="submit" loading={upload.isPending}>
        {t.mapsAdmin.upload}
      </Button>
      {localError && <Alert type="error" showIcon role="alert" title={localError} />}
      {upload.isError && <LoadRefusal error={upload.error} />}
      {upload.data && <LoadReport report={upload.data} name={sent} />}
    </form>
  );
}

/** The map of one plan at a unit and period, over the indicators of the plan's dashboard there. */
function PlanMap({ plan, unit, period }: { plan: string; unit: string; period: string }) {
  const { lang } = useI18n();
  const dashboard = useDashboard({ plan, unit, period }, lang);
  if (dashboard.isPending) return <Loading />;
  if (dashboard.isError)
    return <QueryError error={dashboard.error} onRetry={() => void dashboard.refetch()} />;
  return (
    <Suspense fallback={<Loading />}>
      <UnitMap plan={plan} period={period} unit={unit} indicators={mapIndicators(dashboard.data, lang)} />
    </Suspense>
  );
}

/** The map of the reader's landing plan and unit, as the dashboard draws it: what a load changes. */
function MapPreview() {
  const { t } = useI18n();
  const landing = useLanding();
  if (landing.isPending) return <Loading />;
  if (landing.isError) return <QueryError error={landing.error} onRetry={() => void landing.refetch()} />;
  const { plan, planName, unit, period } = landing.data;
  if (!plan || !unit || !period) return <Typography.Paragraph>{t.mapsAdmin.noPreview}</Typography.Paragraph>;
  return (
    <>
      <Typography.Paragraph>{t.mapsAdmin.previewIntro(planName ?? plan)}</Typography.Paragraph>
      <PlanMap plan={plan} unit={unit} period={period} />
    </>
  );
}

/**
 * The installation administrator's page for unit boundaries (docs/maps.md): the layers loaded, an upload of a
 * GeoJSON or TopoJSON file for a unit set, and a preview of the map. Anyone else is told it is not theirs (the API
 * refuses the upload anyway).
 */
export default function MapsAdminPage() {
  const { t } = useI18n();
  const session = useSession();
  if (!isInstallationAdmin(session.data)) {
    return (
      <section aria-labelledby="maps-admin-title">
        <Typography.Title level={1} id="maps-admin-title">
          {t.mapsAdmin.title}
        </Typography.Title>
        <Alert type="warning" showIcon title={t.mapsAdmin.refused} />
      </section>
    );
  }
  return (
    <section aria-labelledby="maps-admin-title" className="maps-admin">
      <Typography.Title level={1} id="maps-admin-title">
        {t.mapsAdmin.title}
      </Typography.Title>
      <Typography.Paragraph>{t.mapsAdmin.intro}</Typography.Paragraph>
      <Typography.Title level={2}>{t.mapsAdmin.status}</Typography.Title>
      <LayerStatus />
      <Typography.Title level={2}>{t.mapsAdmin.upload}</Typography.Title>
      <UploadForm />
      <Typography.Title level={2}>{t.mapsAdmin.preview}</Typography.Title>
      <MapPreview />
    </section>
  );
}
