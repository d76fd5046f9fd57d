import type { UnitFigure } from '../api/maps';
import { formatFigure, formatRatio } from '../format/format';
import { useI18n, type Lang } from '../i18n/i18n';
import type { Messages } from '../i18n/vi';
import { BAND_COLOURS } from './band-colours';

/** An actual as read: a number in the reader's locale, done / not done for a milestone, a dash when there is none. */
export function actualText(actual: UnitFigure['actual'], t: Messages, lang: Lang): string {
  if (actual === null) return t.map.none;
  if (typeof actual === 'boolean') return actual ? t.map.done : t.map.notDone;
  return formatFigure(actual, lang);
}

/** A band's swatch and name, the swatch in the band's map colour. */
export function BandName({ band }: { band: UnitFigure['band'] }) {
  const { t } = useI18n();
  return (
    <span className="unit-map-band">
      <span className="unit-map-swatch" style={{ background: BAND_COLOURS[band] }} aria-hidden="true" />
      {t.map.bands[band]}
    </span>
  );
}

/**
 * The units' figures ranked, best ratio first, as the API ranks them: rank, unit, actual, target, the ratio with a bar
 * in its band's colour, and the band. It is the map's text alternative and, without boundaries, the panel itself.
 */
export function UnitFigures({ units, caption }: { units: readonly UnitFigure[]; caption: string }) {
  const { t, lang } = useI18n();
  return (
    <table className="unit-figures">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.map.rank}</th>
          <th scope="col">{t.map.unit}</th>
          <th scope="col">{t.map.actual}</th>
          <th scope="col">{t.map.target}</th>
          <th scope="col">{t.map.ratio}</th>
          <th scope="col">{t.map.band}</th>
        </tr>
      </thead>
      <tbody>
        {units.map((u) => (
          <tr key={u.unit}>
            <td>{u.rank ?? t.map.none}</td>
            <th scope="row">{u.name}</th>
            <td>{actualText(u.actual, t, lang)}</td>
            <td>{u.target === null ? t.map.none : formatFigure(u.target, lang)}</td>
            <td>
              {u.ratio === null ? (
                t.map.none
              ) : (
                <span className="unit-figures-ratio">
                  <span className="unit-figures-bar" aria-hidden="true">
                    <span
                      style={{
                        width: `${Math.min(Math.max(u.ratio, 0), 1) * 100}%`,
                        background: BAND_COLOURS[u.band],
                      }}
                    />
                  </span>
                  {formatRatio(u.ratio, lang)}
                </span>
              )}
            </td>
            <td>
              <BandName band={u.band} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
