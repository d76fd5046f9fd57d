import type { Lang } from '../../domain/format-number.js';

/** The fixed words of an administrative report that are not data: the national motto and the block labels. */
export const REPORT_LABELS: Record<
  Lang,
  { nation: string; motto: string; recipients: string; sources: string; endMark: string }
> = {
  vi: {
    nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    motto: 'Độc lập - Tự do - Hạnh phúc',
    recipients: 'Nơi nhận:',
    sources: 'Nguồn số liệu',
    endMark: './.',
  },
  en: {
    nation: 'SOCIALIST REPUBLIC OF VIET NAM',
    motto: 'Independence - Freedom - Happiness',
    recipients: 'Recipients:',
    sources: 'Figure sources',
    endMark: './.',
  },
};
