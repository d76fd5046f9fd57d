import { existsSync } from 'node:fs';
import { AppError } from '../../domain/app-error.js';
import type { UnitLevel } from '../../domain/unit-vocabulary.js';
import { INDEX_TEMPLATES, locateIndexTemplate, readIndexNodesFile } from '../../io/read-index-template.js';
import { WorkbookReadError } from '../../io/read-workbook.js';
import { fromReadError } from '../import/read-import-file.js';
import { insertAuditRows } from '../../store/audit.queries.js';
import { insertMissingIndicators } from '../../store/composite-index.queries.js';
import { auditEntry } from '../audit-entry.js';
import type { AppContext, Actor } from '../context.js';
import { importMethodologyNodes, type ImportedMethodology } from './import-methodology-nodes.js';
import { authorizeIndex } from './load-methodology.js';

export interface LoadIndexTemplateResult {
  /** The file read. */
  file: string;
  /** The shipped template's name, or null for a file of the user's own. */
  template: string | null;
  methodologies: ImportedMethodology[];
  /** Indicators the leaves named that were not yet defined, now defined as plain numbers. */
  indicatorsCreated: string[];
}

/** The names of the shipped templates, for help texts and errors. */
export function indexTemplateNames(): string[] {
  return INDEX_TEMPLATES.map((t) => t.name);
}

/** The shipped templates: each one's name and the unit level it ranks (`GET /api/v1/index/templates`). */
export function listIndexTemplates(): { name: string; level: UnitLevel }[] {
  return INDEX_TEMPLATES.map((t) => ({ name: t.name, level: t.level }));
}

/**
 * Loads a methodology from a shipped template (`dti-province-922-2022`, data/templates) or from a CSV
 * file in the `index_nodes` format (docs/domain.md §8), in one transaction: the nodes are imported as
 * `importMethodologyNodes` does (loading again changes nothing), and the indicators the leaves name that
 * are not yet defined are created, so that their values can be entered at once.
 */
export async function loadIndexTemplate(
  ctx: AppContext,
  actor: Actor,
  nameOrFile: string,
): Promise<LoadIndexTemplateResult> {
  authorizeIndex(actor, 'plans:manage');
  const { path, template } = locateIndexTemplate(nameOrFile);
  if (!existsSync(path)) {
    throw new AppError('notFound', {
      vi: `Không tìm thấy mẫu hay tệp «${nameOrFile}». Các mẫu có sẵn: ${indexTemplateNames().join(', ')}.`,
      en: `No template or file «${nameOrFile}». Shipped templates: ${indexTemplateNames().join(', ')}.`,
    });
  }
  const { rows, problems } = await readIndexNodesFile(path).catch((error: unknown) => {
    // Its message would name the sheet (index_nodes.csv), not the file given.
    if (error instanceof WorkbookReadError && error.code === 'notUtf8') {
      throw new AppError('badInput', {
        vi: `Tệp «${nameOrFile}» không phải văn bản UTF-8: trong Excel hãy lưu bằng «CSV UTF-8 (Comma delimited)».`,
        en: `«${nameOrFile}» is not UTF-8 text: in Excel, save it as «CSV UTF-8 (Comma delimited)».`,
      });
    }
    if (error instanceof WorkbookReadError) throw fromReadError(error);
    throw error;
  });
  if (problems.length > 0) {
    throw new AppError(
      'badInput',
      {
        vi: `Tệp «${nameOrFile}» có ${problems.length} ô không hợp lệ.`,
        en: `File «${nameOrFile}» has ${problems.length} invalid cell(s).`,
      },
      problems,
    );
  }
  if (rows.length === 0) {
    throw new AppError('badInput', {
      vi: `Tệp «${nameOrFile}» không có nút nào.`,
      en: `File «${nameOrFile}» holds no node.`,
    });
  }
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const methodologies = await importMethodologyNodes(tx, actor, rows, {
      ...(template ? { level: template.level } : {}),
      note: template ? `template ${template.name}` : `file ${nameOrFile}`,
      at,
    });
    const leaves = rows.filter(
      (r) =>
        r.indicatorCode !== null &&
        !rows.some((c) => c.methodology === r.methodology && c.parentCode === r.code),
    );
    const nameOf = new Map(leaves.map((r) => [r.indicatorCode ?? '', r.name] as const));
    const indicatorsCreated = await insertMissingIndicators(
      tx,
      [...nameOf].map(([code, nameVi]) => ({ code, nameVi })),
    );
    await insertAuditRows(
      tx,
      indicatorsCreated.map((code) =>
        auditEntry(ctx, actor, {
          action: 'create',
          entity: 'indicator',
          entityKey: code,
          oldData: null,
          newData: { code, name_vi: nameOf.get(code), value_type: 'number' },
          at,
        }),
      ),
    );
    return { file: path, template: template?.name ?? null, methodologies, indicatorsCreated };
  });
}
