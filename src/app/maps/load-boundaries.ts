import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../domain/app-error.js';
import { readBoundaries } from '../../io/read-boundaries.js';
import { findSetUnits, upsertBoundaries } from '../../store/boundaries.queries.js';
import { authorize, INSTALLATION_UNIT } from '../authorize.js';
import type { Actor, AppContext } from '../context.js';
import type { BoundarySet } from '../../domain/unit-vocabulary.js';
import type { BoundaryLoadReport } from '../../contract/maps.js';

/** The largest boundary file read (the upload's body limit too): a province's communes fit many times over. */
export const BOUNDARY_FILE_MAX_BYTES = 50 * 1024 * 1024;

/**
 * Stores unit boundaries from a parsed TopoJSON or GeoJSON document (docs/maps.md), for the installation's
 * administrator: every feature checked (a bad one refuses the whole file, naming its index and field), each code
 * matched in the unit set (unmatched codes are listed; none matched is refused), all written in one transaction with
 * the source the document credits (or the file's name).
 */
export async function loadBoundaries(
  ctx: AppContext,
  actor: Actor,
  input: { document: unknown; fileName: string; set?: BoundarySet | undefined },
): Promise<BoundaryLoadReport> {
  authorize(actor, 'units:manage', INSTALLATION_UNIT.path, INSTALLATION_UNIT.label);
  const set = input.set ?? '2025';
  const read = readBoundaries(input.document, input.fileName);
  if (read.problems.length > 0) {
    throw new AppError(
      'badInput',
      {
        vi: `Tệp ranh giới «${input.fileName}» có ${read.problems.length} lỗi; không có gì được ghi. ${read.problems[0]?.message_vi ?? ''}`,
        en: `The boundary file «${input.fileName}» has ${read.problems.length} problem(s); nothing was written. ${read.problems[0]?.message_en ?? ''}`,
      },
      read.problems.map((p) => ({ field: p.field, message_vi: p.message_vi, message_en: p.message_en })),
    );
  }
  if (read.features.length === 0) {
    throw new AppError(
      'badInput',
      {
        vi: `Tệp ranh giới «${input.fileName}» không có đối tượng nào.`,
        en: `The boundary file «${input.fileName}» has no features.`,
      },
      [{ field: 'features', message_vi: 'Không có đối tượng nào.', message_en: 'There are no features.' }],
    );
  }
  return ctx.db.transaction(async (tx) => {
    const codes = [...new Set(read.features.map((f) => f.code))];
    const units = new Map((await findSetUnits(tx, set, codes)).map((u) => [u.code, u]));
    const unmatched = codes.filter((c) => !units.has(c));
    const matched = read.features.flatMap((f) => {
      const unit = units.get(f.code);
      return unit ? [{ unitId: unit.id, geometry: f.geometry, level: unit.level }] : [];
    });
    if (matched.length === 0) {
      const shown = unmatched.slice(0, 10).join(', ');
      throw new AppError(
        'badInput',
        {
          vi: `Không mã nào trong tệp «${input.fileName}» là mã đơn vị của bộ ${set} (ví dụ: ${shown}); hãy kiểm tra bộ đơn vị (--set 2025 hoặc pre2025) và thuộc tính id, code hoặc ma.`,
          en: `No code in «${input.fileName}» is a unit code of set ${set} (e.g. ${shown}); check the unit set (--set 2025 or pre2025) and the id, code or ma property.`,
        },
        [
          {
            field: 'features[0].id',
            message_vi: `Mã không có trong bộ ${set}: ${shown}.`,
            message_en: `Codes not in set ${set}: ${shown}.`,
          },
        ],
      );
    }
    // One boundary per unit: a code given twice keeps its last feature.
    const byUnit = new Map(matched.map((m) => [m.unitId, m]));
    const written = await upsertBoundaries(tx, [...byUnit.values()], read.source, actor.name);
    const levels: Record<string, number> = {};
    for (const m of byUnit.values()) levels[m.level] = (levels[m.level] ?? 0) + 1;
    return {
      set,
      source: read.source,
      features: read.features.length,
      matched: byUnit.size,
      written,
      unmatched,
      levels,
    };
  });
}

/** Reads a boundary file (JSON) and loads it: `dxmon maps load FILE`. */
export async function loadBoundaryFile(
  ctx: AppContext,
  actor: Actor,
  input: { file: string; set?: BoundarySet | undefined },
): Promise<BoundaryLoadReport> {
  const fileName = path.basename(input.file);
  let text: string;
  try {
    text = await readFile(input.file, 'utf8');
  } catch (error) {
    throw new AppError('notFound', {
      vi: `Không đọc được tệp «${input.file}»: ${(error as Error).message}`,
      en: `Could not read the file «${input.file}»: ${(error as Error).message}`,
    });
  }
  if (Buffer.byteLength(text) > BOUNDARY_FILE_MAX_BYTES) {
    throw new AppError('tooLarge', {
      vi: `Tệp «${fileName}» lớn hơn ${BOUNDARY_FILE_MAX_BYTES / 1024 / 1024} MB.`,
      en: `The file «${fileName}» is larger than ${BOUNDARY_FILE_MAX_BYTES / 1024 / 1024} MB.`,
    });
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new AppError('badInput', {
      vi: `Tệp «${fileName}» không phải JSON hợp lệ: ${(error as Error).message}`,
      en: `The file «${fileName}» is not valid JSON: ${(error as Error).message}`,
    });
  }
  return loadBoundaries(ctx, actor, { document, fileName, set: input.set });
}
