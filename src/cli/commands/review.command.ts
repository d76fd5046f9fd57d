import { Option } from 'commander';
import type { ReviewEventType, ReviewState } from '../../domain/approval.js';
import { formatNumber } from '../../domain/format-number.js';
import { type UnitLevel, UNIT_LEVELS } from '../../domain/unit-vocabulary.js';
import { say, usageError, withWorkspace } from '../cli-context.js';
import type { RegisterCommand } from '../main.js';
import { lazy } from '../lazy.js';

const applyReviewEvent = lazy(() => import('../../app/review/apply-review-event.js'), 'applyReviewEvent');
const listReviewStatus = lazy(() => import('../../app/review/list-review-status.js'), 'listReviewStatus');
const cliActor = lazy(() => import('../cli-actor.js'), 'cliActor');

const STATE_NAMES: Record<ReviewState, { vi: string; en: string }> = {
  open: { vi: 'chưa gửi', en: 'not submitted' },
  submitted: { vi: 'đã gửi', en: 'submitted' },
  approved: { vi: 'đã duyệt', en: 'approved' },
  returned: { vi: 'bị trả lại', en: 'returned' },
};

const EVENTS: { name: ReviewEventType; vi: string; en: string }[] = [
  { name: 'submit', vi: 'Gửi số liệu của kỳ để duyệt', en: 'submit a period for review' },
  { name: 'return', vi: 'Trả lại (cần --reason)', en: 'return (needs --reason)' },
  { name: 'approve', vi: 'Phê duyệt và khóa số liệu', en: 'approve and lock the values' },
  {
    name: 'reopen',
    vi: 'Mở lại kỳ đã duyệt (cần --reason)',
    en: 'reopen an approved period (needs --reason)',
  },
];

export const registerReview: RegisterCommand = (program, runtime) => {
  const review = program
    .command('review')
    .description('Gửi, duyệt, khóa số liệu theo kỳ / review and approval');

  review
    .command('status')
    .description('Đơn vị nào đã gửi, chưa gửi / who has submitted')
    .requiredOption('--plan <code>', 'kế hoạch / plan')
    .requiredOption('--period <period>', 'kỳ / period (2025Q2, 2025S1, 2025)')
    .option('--under <code>', 'chỉ các đơn vị thuộc đơn vị này / only units under this one')
    .addOption(
      new Option('--level <level>', 'mọi đơn vị cấp này / every unit of this level').choices(UNIT_LEVELS),
    )
    .action(async (options: { plan: string; period: string; under?: string; level?: string }) => {
      const globals = runtime.globals();
      const status = await withWorkspace(globals, 'review status', async (ctx) =>
        listReviewStatus(ctx, await cliActor(ctx, globals), {
          ...options,
          level: options.level as UnitLevel | undefined,
        }),
      );
      runtime.print(status, (lang) =>
        [
          ...status.units.map(
            (u) =>
              `${u.unit.padEnd(12)} ${say(lang, STATE_NAMES[u.state]).padEnd(14)} ${u.unitName}${u.reason ? ` — ${u.reason}` : ''}`,
          ),
          (Object.keys(STATE_NAMES) as ReviewState[])
            .map((s) => `${say(lang, STATE_NAMES[s])}: ${formatNumber(status.counts[s], lang, 0)}`)
            .join('; '),
        ].join('\n'),
      );
    });

  for (const event of EVENTS) {
    review
      .command(event.name)
      .description(`${event.vi} / ${event.en}`)
      .requiredOption('--plan <code>', 'kế hoạch / plan')
      .requiredOption('--period <period>', 'kỳ / period')
      .option('--unit <codes...>', 'một hay nhiều đơn vị / one or more units')
      .option(
        '--under <code>',
        'mọi đơn vị phải báo cáo thuộc đơn vị này / every expected unit under this one',
      )
      .addOption(
        new Option(
          '--level <level>',
          'với --under: mọi đơn vị cấp này / with --under: every unit of this level',
        ).choices(UNIT_LEVELS),
      )
      .option('--reason <text>', 'lý do / reason')
      .action(
        async (options: {
          plan: string;
          period: string;
          unit?: string[];
          under?: string;
          level?: string;
          reason?: string;
        }) => {
          if ((options.unit === undefined) === (options.under === undefined)) {
            throw usageError({
              vi: 'Cần --unit hoặc --under (một trong hai).',
              en: 'Give --unit or --under (one of them).',
            });
          }
          const globals = runtime.globals();
          const result = await withWorkspace(globals, `review ${event.name}`, async (ctx) =>
            applyReviewEvent(ctx, await cliActor(ctx, globals), {
              plan: options.plan,
              period: options.period,
              event: event.name,
              reason: options.reason,
              units: options.unit,
              under: options.under,
              level: options.level as UnitLevel | undefined,
            }),
          );
          runtime.print(result, (lang) =>
            [
              say(lang, {
                vi: `${result.plan} ${result.period}: ${formatNumber(result.changed.length, lang, 0)} đơn vị chuyển trạng thái.`,
                en: `${result.plan} ${result.period}: ${formatNumber(result.changed.length, lang, 0)} units changed state.`,
              }),
              ...result.skipped
                .slice(0, 50)
                .map((s) => `  - ${s.unit}: ${lang === 'vi' ? s.message_vi : s.message_en}`),
              ...(result.skipped.length > 50 ? [`  … (+${result.skipped.length - 50})`] : []),
            ].join('\n'),
          );
        },
      );
  }
};
