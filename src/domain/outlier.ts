import { formatNumber } from './format-number.js';
import type { DomainMessage, Result } from './result.js';
import { err, ok } from './result.js';

/**
 * When a value counts as far from its unit's own history (docs/domain.md §4): more than `z` sample standard
 * deviations from the mean of at least `minHistory` earlier values.
 */
export interface OutlierSettings {
  z: number;
  minHistory: number;
}

/** The defaults: |z| > 3 over at least four earlier values. */
export const DEFAULT_OUTLIER_SETTINGS: OutlierSettings = { z: 3, minHistory: 4 };

/**
 * How far a value lies from a history: its mean, its sample standard deviation, how many values it has, and
 * z = (value − mean) / sd (null when the history does not vary: sd is 0).
 */
export interface Deviation {
  mean: number;
  sd: number;
  n: number;
  z: number | null;
}

/** The mean and sample standard deviation of a history, and the value's z-score; null for fewer than 2 values. */
export function deviation(value: number, history: readonly number[]): Deviation | null {
  const n = history.length;
  if (n < 2) return null;
  const mean = history.reduce((a, b) => a + b, 0) / n;
  const variance = history.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  const sd = Math.sqrt(variance);
  // A history of equal values has no spread; rounding may leave a trace of one.
  const flat = sd <= 1e-12 * Math.max(1, Math.abs(mean));
  return { mean, sd: flat ? 0 : sd, n, z: flat ? null : (value - mean) / sd };
}

/**
 * Whether a value is an outlier against its unit's earlier values of the indicator (docs/domain.md §4): with at
 * least `minHistory` of them, |z| > `z`; a history that does not vary makes any other value an outlier.
 * Returns the deviation when it is one, null when it is not or the history is too short to say.
 */
export function findOutlier(
  value: number,
  history: readonly number[],
  settings: OutlierSettings = DEFAULT_OUTLIER_SETTINGS,
): Deviation | null {
  if (history.length < Math.max(2, settings.minHistory)) return null;
  const d = deviation(value, history);
  if (!d) return null;
  if (d.z === null) return Math.abs(value - d.mean) > 1e-9 * Math.max(1, Math.abs(d.mean)) ? d : null;
  return Math.abs(d.z) > settings.z ? d : null;
}

/** What an outlier warning names: the value, the indicator and unit by their names, and the period. */
export interface OutlierSubject {
  value: number;
  indicatorName: string;
  unitName: string;
  period: string;
}

/** The warning shown with a save or an import when a value is an outlier (never a refusal). */
export type OutlierWarning = DomainMessage & { code: 'outlier'; z: number | null; mean: number; n: number };

/** The bilingual warning for an outlier, numbers in each reader's locale. */
export function outlierWarning(
  subject: OutlierSubject,
  d: Deviation,
  settings: OutlierSettings = DEFAULT_OUTLIER_SETTINGS,
): OutlierWarning {
  const { value, indicatorName, unitName, period } = subject;
  const n = (x: number, lang: 'vi' | 'en') => formatNumber(x, lang, 2);
  const why_vi =
    d.z === null
      ? `${d.n} kỳ trước đều bằng ${n(d.mean, 'vi')}`
      : `trung bình ${d.n} kỳ trước là ${n(d.mean, 'vi')}, độ lệch chuẩn ${n(d.sd, 'vi')}, z = ${n(d.z, 'vi')} (ngưỡng ${n(settings.z, 'vi')})`;
  const why_en =
    d.z === null
      ? `the ${d.n} earlier periods were all ${n(d.mean, 'en')}`
      : `the mean of the ${d.n} earlier periods is ${n(d.mean, 'en')}, standard deviation ${n(d.sd, 'en')}, z = ${n(d.z, 'en')} (threshold ${n(settings.z, 'en')})`;
  return {
    code: 'outlier',
    z: d.z,
    mean: d.mean,
    n: d.n,
    message_vi: `Giá trị ${n(value, 'vi')} của «${indicatorName}» tại ${unitName}, kỳ ${period}, khác xa số liệu trước đây của đơn vị: ${why_vi}. Hãy kiểm tra lại; số liệu vẫn được ghi.`,
    message_en: `The value ${n(value, 'en')} of «${indicatorName}» at ${unitName}, period ${period}, is far from the unit's earlier values: ${why_en}. Please check it; it is recorded all the same.`,
  };
}

/** The settings as given in text (environment DXMON_OUTLIER_Z and DXMON_OUTLIER_MIN_HISTORY); absent: default. */
export interface OutlierSettingsText {
  z?: string | undefined;
  minHistory?: string | undefined;
}

/**
 * Reads the outlier settings: `z` a number above 0 (decimal point or comma), `minHistory` a whole number
 * ≥ 2; an absent or empty one keeps its default. A bad one is refused, naming the variable.
 */
export function parseOutlierSettings(text: OutlierSettingsText): Result<OutlierSettings, DomainMessage> {
  const settings = { ...DEFAULT_OUTLIER_SETTINGS };
  const z = text.z?.trim();
  if (z) {
    const v = /^\d+(?:[.,]\d+)?$/.test(z) ? Number(z.replace(',', '.')) : NaN;
    if (!(v > 0)) {
      return err({
        code: 'badOutlierSettings',
        message_vi: `DXMON_OUTLIER_Z «${text.z ?? ''}» phải là một số lớn hơn 0 (ví dụ 3 hoặc 2,5).`,
        message_en: `DXMON_OUTLIER_Z «${text.z ?? ''}» must be a number above 0 (e.g. 3 or 2.5).`,
      });
    }
    settings.z = v;
  }
  const m = text.minHistory?.trim();
  if (m) {
    const v = /^\d+$/.test(m) ? Number(m) : NaN;
    if (!(v >= 2 && v <= 1000)) {
      return err({
        code: 'badOutlierSettings',
        message_vi: `DXMON_OUTLIER_MIN_HISTORY «${text.minHistory ?? ''}» phải là số nguyên từ 2 đến 1000.`,
        message_en: `DXMON_OUTLIER_MIN_HISTORY «${text.minHistory ?? ''}» must be a whole number from 2 to 1000.`,
      });
    }
    settings.minHistory = v;
  }
  return ok(settings);
}
