import type { Band } from '../../src/domain/band.js';
import type { Lang } from '../../src/domain/format-number.js';
import type {
  FigureTrace,
  Inline,
  ReportBlock,
  ReportDocument,
  ReportSection,
} from '../../src/domain/report-document.js';

// A province's meeting report as the narrative would write it (Lào Cai, first half of 2024: 24 targets, 8 met or
// exceeded, 11 over 80%, 4 from 50% to 80%, 1 under 50%), built by hand for the renderers' tests: every text in
// the report's language, every figure traced.

const PLAN = 'KH-CDS-2024';
const PROVINCE = { code: '10', name: 'Tỉnh Lào Cai' };

interface TargetRow {
  code: string;
  vi: string;
  en: string;
  actual: number;
  target: number;
  band: Band;
}

/** The 24 targets of the plan with their actual and planned values (percent) at 2024S1. */
const TARGETS: TargetRow[] = [
  {
    code: 'CT01',
    vi: 'Tỷ lệ hồ sơ công việc được xử lý hoàn toàn trên môi trường mạng',
    en: 'Work files handled fully online',
    actual: 97,
    target: 95,
    band: 'exceeded',
  },
  {
    code: 'CT02',
    vi: 'Tỷ lệ doanh nghiệp vừa và nhỏ sử dụng nền tảng số',
    en: 'SMEs using digital platforms',
    actual: 47,
    target: 30,
    band: 'exceeded',
  },
  {
    code: 'CT03',
    vi: 'Thủ tục hành chính của các cơ quan nhà nước được cắt giảm',
    en: 'Administrative procedures cut',
    actual: 30,
    target: 10,
    band: 'exceeded',
  },
  {
    code: 'CT04',
    vi: 'Tỷ lệ người dân có hồ sơ sức khỏe điện tử',
    en: 'People with an electronic health record',
    actual: 95,
    target: 95,
    band: 'exceeded',
  },
  {
    code: 'CT05',
    vi: 'Tỷ lệ người dân có nhu cầu thanh toán có tài khoản thanh toán điện tử',
    en: 'People needing payments with an e-payment account',
    actual: 45,
    target: 40,
    band: 'exceeded',
  },
  {
    code: 'CT06',
    vi: 'Tỷ lệ báo cáo định kỳ được gửi qua hệ thống thông tin báo cáo',
    en: 'Periodic reports sent through the reporting system',
    actual: 100,
    target: 100,
    band: 'exceeded',
  },
  {
    code: 'CT07',
    vi: 'Tỷ lệ cơ quan nhà nước sử dụng chữ ký số chuyên dùng',
    en: 'State agencies using official digital signatures',
    actual: 100,
    target: 98,
    band: 'exceeded',
  },
  {
    code: 'CT08',
    vi: 'Tỷ lệ doanh nghiệp sử dụng hóa đơn điện tử',
    en: 'Enterprises using e-invoices',
    actual: 92,
    target: 90,
    band: 'exceeded',
  },
  {
    code: 'CT09',
    vi: 'Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình',
    en: 'Procedure files processed fully online',
    actual: 58,
    target: 65,
    band: 'over80',
  },
  {
    code: 'CT10',
    vi: 'Tỷ lệ hộ gia đình có kết nối Internet cáp quang băng rộng',
    en: 'Households with fibre broadband',
    actual: 71,
    target: 80,
    band: 'over80',
  },
  {
    code: 'CT11',
    vi: 'Tỷ lệ dân số trưởng thành có điện thoại thông minh',
    en: 'Adults with a smartphone',
    actual: 79,
    target: 85,
    band: 'over80',
  },
  {
    code: 'CT12',
    vi: 'Tỷ lệ trường học thanh toán không dùng tiền mặt',
    en: 'Schools taking cashless payments',
    actual: 44,
    target: 50,
    band: 'over80',
  },
  {
    code: 'CT13',
    vi: 'Tỷ lệ bệnh viện thanh toán không dùng tiền mặt',
    en: 'Hospitals taking cashless payments',
    actual: 46,
    target: 50,
    band: 'over80',
  },
  {
    code: 'CT14',
    vi: 'Tỷ lệ trường học sử dụng sổ liên lạc điện tử',
    en: 'Schools with electronic contact books',
    actual: 45,
    target: 50,
    band: 'over80',
  },
  {
    code: 'CT15',
    vi: 'Tỷ lệ sản phẩm OCOP được đưa lên sàn thương mại điện tử',
    en: 'OCOP products on e-commerce platforms',
    actual: 88,
    target: 100,
    band: 'over80',
  },
  {
    code: 'CT16',
    vi: 'Tỷ lệ dịch vụ công trực tuyến phát sinh hồ sơ',
    en: 'Online public services with files',
    actual: 68,
    target: 80,
    band: 'over80',
  },
  {
    code: 'CT17',
    vi: 'Tỷ lệ cán bộ, công chức được bồi dưỡng kỹ năng số',
    en: 'Officials trained in digital skills',
    actual: 83,
    target: 90,
    band: 'over80',
  },
  {
    code: 'CT18',
    vi: 'Tỷ lệ xã có tổ công nghệ số cộng đồng hoạt động hiệu quả',
    en: 'Communes with an active community digital team',
    actual: 90,
    target: 100,
    band: 'over80',
  },
  {
    code: 'CT19',
    vi: 'Tỷ lệ hồ sơ được số hóa kết quả giải quyết',
    en: 'Decisions on files digitised',
    actual: 81,
    target: 90,
    band: 'over80',
  },
  {
    code: 'CT20',
    vi: 'Tỷ lệ thôn, bản có sóng di động băng rộng',
    en: 'Villages with mobile broadband',
    actual: 62,
    target: 100,
    band: 'from50to80',
  },
  {
    code: 'CT21',
    vi: 'Tỷ lệ người dân được cấp danh tính điện tử mức 2',
    en: 'People with a level-2 electronic identity',
    actual: 41,
    target: 60,
    band: 'from50to80',
  },
  {
    code: 'CT22',
    vi: 'Tỷ lệ hợp tác xã ứng dụng nền tảng số',
    en: 'Cooperatives using digital platforms',
    actual: 18,
    target: 30,
    band: 'from50to80',
  },
  {
    code: 'CT23',
    vi: 'Tỷ lệ giao dịch thanh toán trên thiết bị di động',
    en: 'Payments made on mobile devices',
    actual: 27,
    target: 40,
    band: 'from50to80',
  },
  {
    code: 'CT24',
    vi: 'Tỷ lệ dữ liệu mở được công bố',
    en: 'Open data sets published',
    actual: 12,
    target: 30,
    band: 'under50',
  },
];

const BAND_LABEL: Record<Band, { vi: string; en: string }> = {
  exceeded: { vi: 'Hoàn thành và vượt kế hoạch', en: 'Met or exceeded' },
  over80: { vi: 'Đạt trên 80%', en: 'Over 80%' },
  from50to80: { vi: 'Đạt 50% - 80%', en: '50%–80%' },
  under50: { vi: 'Dưới 50%', en: 'Below 50%' },
  noData: { vi: 'Chưa có số liệu', en: 'No data' },
};

class Figures {
  readonly all: FigureTrace[] = [];

  constructor(private readonly lang: Lang) {}

  /** A figure traced to one target's actual and planned value. */
  target(text: string, row: TargetRow, what: string): Inline {
    const trace: FigureTrace = {
      id: `F${this.all.length + 1}`,
      href: `/api/v1/plans/${PLAN}/trace?indicator=${row.code}&period=2024S1&unit=${PROVINCE.code}`,
      what,
      sources: [
        {
          indicator: { code: row.code, name: this.lang === 'vi' ? row.vi : row.en },
          unit: PROVINCE,
          period: '2024S1',
          value: `${row.actual}%`,
          target: `${row.target}%`,
        },
      ],
    };
    this.all.push(trace);
    return { text, trace };
  }

  /** A figure that counts rows (targets in a band, tasks, villages), traced to the rows it counts. */
  count(text: string, what: string, period: string, indicators: TargetRow[] = []): Inline {
    const trace: FigureTrace = {
      id: `F${this.all.length + 1}`,
      href: `/api/v1/plans/${PLAN}/trace?period=${period}&unit=${PROVINCE.code}&figure=${this.all.length + 1}`,
      what,
      sources:
        indicators.length > 0
          ? indicators.map((row) => ({
              indicator: { code: row.code, name: this.lang === 'vi' ? row.vi : row.en },
              unit: PROVINCE,
              period,
              value: `${row.actual}%`,
              target: `${row.target}%`,
            }))
          : [{ unit: PROVINCE, period }],
    };
    this.all.push(trace);
    return { text, trace };
  }
}

const para = (parts: Inline[], source: 'generated' | 'secretariat' = 'generated'): ReportBlock => ({
  kind: 'paragraph',
  source,
  parts,
});

const section = (
  key: string,
  number: string,
  title: string,
  blocks: ReportBlock[],
  sections: ReportSection[] = [],
): ReportSection => ({ key, number, title, blocks, sections });

/** The Lào Cai report of the first half of 2024, in Vietnamese or English. */
export function provinceReport(lang: Lang = 'vi'): ReportDocument {
  const vi = lang === 'vi';
  const f = new Figures(lang);
  const inBand = (band: Band) => TARGETS.filter((t) => t.band === band);
  const name = (row: TargetRow) => (vi ? row.vi : row.en);
  const bandCount = (band: Band) =>
    f.count(
      String(inBand(band).length),
      vi ? `Số mục tiêu: ${BAND_LABEL[band].vi}` : `Targets: ${BAND_LABEL[band].en}`,
      '2024S1',
      inBand(band),
    );

  const opening: ReportBlock[] = [
    para(
      vi
        ? [
            'Thực hiện Kế hoạch chuyển đổi số tỉnh Lào Cai năm 2024, Ban Chỉ đạo chuyển đổi số tỉnh báo cáo kết quả thực hiện 6 tháng đầu năm 2024 như sau:',
          ]
        : [
            'Under the digital transformation plan of Lào Cai province for 2024, the steering committee reports the results of the first half of 2024 as follows:',
          ],
    ),
  ];

  const bands: Band[] = ['exceeded', 'over80', 'from50to80', 'under50'];
  const counts = bands.map((band) => bandCount(band));
  const summary = vi
    ? para([
        '6 tháng đầu năm 2024, có ',
        counts[0]!,
        ' mục tiêu hoàn thành và vượt kế hoạch giao; ',
        counts[1]!,
        ' mục tiêu thực hiện đạt trên 80% kế hoạch giao; ',
        counts[2]!,
        ' mục tiêu đạt 50% - 80%; ',
        counts[3]!,
        ' mục tiêu dưới 50% kế hoạch giao.',
      ])
    : para([
        'In the first half of 2024, ',
        counts[0]!,
        ' targets were met or exceeded; ',
        counts[1]!,
        ' reached over 80% of the planned target; ',
        counts[2]!,
        ' reached 50%–80%; ',
        counts[3]!,
        ' target was below 50%.',
      ]);

  const highlights: Inline[][] = TARGETS.slice(0, 5).map((row) => [
    `${name(row)} ${vi ? 'đạt' : 'reached'} `,
    f.target(`${row.actual}%/${row.target}%`, row, name(row)),
    ';',
  ]);

  const table: ReportBlock = {
    kind: 'table',
    caption: vi ? 'Bảng 1. Kết quả thực hiện các mục tiêu theo mức đạt' : 'Table 1. Targets by band',
    columns: vi
      ? ['TT', 'Mục tiêu', 'Kế hoạch', 'Thực hiện', 'Mức đạt']
      : ['No.', 'Target', 'Planned', 'Actual', 'Band'],
    rows: TARGETS.map((row, i) => [
      String(i + 1),
      name(row),
      `${row.target}%`,
      f.target(`${row.actual}%`, row, name(row)),
      vi ? BAND_LABEL[row.band].vi : BAND_LABEL[row.band].en,
    ]),
  };

  const chart: ReportBlock = {
    kind: 'bandChart',
    caption: vi ? 'Biểu đồ 1. Số mục tiêu theo mức đạt' : 'Chart 1. Targets by band',
    bars: bands.map((band) => ({
      band,
      label: vi ? BAND_LABEL[band].vi : BAND_LABEL[band].en,
      count: inBand(band).length,
    })),
  };

  const tasks = vi
    ? para([
        'Đề án 06 năm 2024 có ',
        f.count('38', 'Nhiệm vụ Đề án 06', '2024'),
        ' nhiệm vụ, trong đó: ',
        f.count('1', 'Nhiệm vụ đã hoàn thành', '2024'),
        ' nhiệm vụ đã hoàn thành; ',
        f.count('31', 'Nhiệm vụ thường xuyên', '2024'),
        ' nhiệm vụ thường xuyên; ',
        f.count('6', 'Nhiệm vụ đang triển khai', '2024'),
        ' nhiệm vụ đang triển khai.',
      ])
    : para([
        'Project 06 has ',
        f.count('38', 'Project 06 tasks', '2024'),
        ' tasks in 2024: ',
        f.count('1', 'Tasks completed', '2024'),
        ' completed, ',
        f.count('31', 'Recurring tasks', '2024'),
        ' recurring and ',
        f.count('6', 'Tasks in progress', '2024'),
        ' in progress.',
      ]);

  const registers = vi
    ? para([
        'Về hạ tầng số, đã xóa được ',
        f.count('4', 'Thôn lõm sóng được xóa', '2024Q2'),
        ' thôn lõm sóng, toàn tỉnh còn ',
        f.count('6', 'Thôn chưa có sóng di động băng rộng', '2024Q2'),
        ' thôn chưa có sóng di động băng rộng; ',
        f.count('144', 'Thôn được kéo cáp quang', '2024Q2'),
        ' thôn được kéo cáp quang, còn ',
        f.count('56', 'Thôn chưa có cáp quang', '2024Q2'),
        ' thôn chưa có cáp quang; ',
        f.count('29', 'Xã chưa có mạng LAN đạt chuẩn', '2024Q2'),
        ' xã chưa có mạng LAN đạt chuẩn.',
      ])
    : para([
        'On digital infrastructure, ',
        f.count('4', 'Villages connected to mobile broadband', '2024Q2'),
        ' villages got mobile broadband and ',
        f.count('6', 'Villages without mobile broadband', '2024Q2'),
        ' are still without it; ',
        f.count('144', 'Villages connected to fibre', '2024Q2'),
        ' villages got fibre and ',
        f.count('56', 'Villages without fibre', '2024Q2'),
        ' are still without it; ',
        f.count('29', 'Communes without a standard LAN', '2024Q2'),
        ' communes have no standard LAN.',
      ]);

  const under50 = inBand('under50').map((row) => [
    name(row),
    vi ? ' (đạt ' : ' (',
    f.target(`${row.actual}%/${row.target}%`, row, name(row)),
    vi
      ? '; đơn vị chủ trì: Sở Khoa học và Công nghệ).'
      : '; lead unit: Department of Science and Technology).',
  ]);

  const sections: ReportSection[] = [
    section(
      'results',
      'I',
      vi ? 'Kết quả thực hiện' : 'Results',
      [],
      [
        section(
          'targets',
          '1',
          vi ? 'Kết quả thực hiện các mục tiêu' : 'Targets',
          [summary, table, chart],
          [
            section('highlights', 'a', vi ? 'Các mục tiêu nổi bật' : 'Highlights', [
              { kind: 'list', items: highlights },
            ]),
            section('under50', 'b', vi ? 'Các mục tiêu đạt dưới 50%' : 'Targets below 50%', [
              { kind: 'list', items: under50 },
            ]),
          ],
        ),
        section('tasks', '2', vi ? 'Thực hiện Đề án 06' : 'Project 06', [tasks]),
        section('registers', '3', vi ? 'Hạ tầng số' : 'Digital infrastructure', [registers]),
      ],
    ),
    section('assessment', 'II', vi ? 'Đánh giá chung' : 'Assessment', [
      para(
        [
          vi
            ? 'Công tác chuyển đổi số của tỉnh được các cấp, các ngành quan tâm chỉ đạo; hạ tầng số tiếp tục được đầu tư, tuy nhiên một số mục tiêu về dữ liệu mở và danh tính điện tử còn đạt thấp do nguồn lực hạn chế.'
            : 'Digital transformation has the attention of every level and sector; digital infrastructure keeps growing, but open data and electronic identity remain low for lack of resources.',
        ],
        'secretariat',
      ),
    ]),
    section(
      'nextTasks',
      'III',
      vi ? 'Nhiệm vụ trọng tâm 6 tháng cuối năm 2024' : 'Tasks for the second half of 2024',
      [
        para(
          [
            vi
              ? 'Tập trung hoàn thành các mục tiêu còn đạt thấp; đẩy mạnh thanh toán không dùng tiền mặt tại trường học, bệnh viện; hoàn thành xóa thôn lõm sóng trước ngày 31 tháng 12 năm 2024.'
              : 'Focus on the targets still low; push cashless payments in schools and hospitals; connect the remaining villages to mobile broadband by 31 December 2024.',
          ],
          'secretariat',
        ),
      ],
    ),
  ];

  return {
    lang,
    heading: {
      parentBody: vi ? 'UBND TỈNH LÀO CAI' : 'LÀO CAI PROVINCIAL PEOPLE’S COMMITTEE',
      issuingBody: vi ? 'BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ' : 'DIGITAL TRANSFORMATION STEERING COMMITTEE',
      numberLine: vi ? 'Số: 12/BC-BCĐ' : 'No.: 12/BC-BCĐ',
      placeDate: vi ? 'Lào Cai, ngày 18 tháng 7 năm 2024' : 'Lào Cai, 18 July 2024',
      kind: vi ? 'BÁO CÁO' : 'REPORT',
      summary: vi
        ? 'Kết quả thực hiện chuyển đổi số 6 tháng đầu năm 2024, nhiệm vụ trọng tâm 6 tháng cuối năm 2024'
        : 'Digital transformation in the first half of 2024 and the tasks for the second half',
    },
    opening,
    sections,
    signature: {
      authority: vi ? ['TM. BAN CHỈ ĐẠO', 'TRƯỞNG BAN'] : ['ON BEHALF OF THE STEERING COMMITTEE', 'HEAD'],
      signer: 'Trịnh Xuân Trường',
      recipients: vi
        ? [
            'Ban Chỉ đạo Quốc gia về chuyển đổi số;',
            'Bộ Thông tin và Truyền thông;',
            'TT Tỉnh ủy, HĐND tỉnh;',
            'Các sở, ban, ngành;',
            'UBND các huyện, thị xã, thành phố;',
            'Lưu: VT, BCĐ.',
          ]
        : [
            'National Steering Committee on Digital Transformation;',
            'Ministry of Information and Communications;',
            'Provincial departments;',
            'Archive: VT, BCĐ.',
          ],
    },
    figures: f.all,
  };
}
