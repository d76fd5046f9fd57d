import type { WhatIfIndexResult } from '../../contract/composite-index.js';
import { AppError } from '../../domain/app-error.js';
import { computeIndex, rankUnits } from '../../domain/compute-index.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import { whatIf } from '../../domain/what-if.js';
import { listPublishedResults } from '../../store/composite-index.queries.js';
import { unitLevelName, type UnitLevel } from '../../domain/unit-vocabulary.js';
import type { AppContext, Actor } from '../context.js';
import { resolveUnit } from '../units/list-units.js';
import { resolveIndexScope } from './compute-index-results.js';
import { gatherIndexInputs } from './gather-index-values.js';
import { loadMethodologyVersion, loadMethodologyVersionById } from './load-methodology.js';

export interface WhatIfIndexInput {
  methodology: string;
  year: number;
  unit: string;
  level?: UnitLevel;
  within?: string;
  /** How many suggestions (default 5). */
  top?: number;
  /** The raise of the `step` scenario in the indicator's unit (default 0.05: five points of a [0, 1] index). */
  step?: number;
}

/**
 * What would lift a unit most in a year's ranking (docs/domain.md §8, issue 6): for each scored leaf, the score
 * and rank the unit would have if its value rose to the next better unit's, to the best unit's, or by a
 * fixed step — the top suggestions, most places gained first. It works on the values as they are now,
 * with the version the year was published with, or the newest one.
 */
export async function whatIfIndex(
  ctx: AppContext,
  actor: Actor,
  input: WhatIfIndexInput,
): Promise<WhatIfIndexResult> {
  const unitRow = await resolveUnit(ctx.db, input.unit, 'unit');
  const scope = await resolveIndexScope(ctx.db, actor, {
    ...input,
    level: input.level ?? unitRow.level,
  });
  const published = await listPublishedResults(
    ctx.db,
    scope.methodology.id,
    scope.year,
    scope.level,
    scope.within?.id ?? null,
  );
  const loaded = published[0]
    ? await loadMethodologyVersionById(ctx.db, scope.methodology, published[0].versionId)
    : await loadMethodologyVersion(ctx.db, scope.methodology);
  const inputs = await gatherIndexInputs(
    ctx.db,
    loaded.tree,
    scope.level,
    scope.year,
    scope.within?.path ?? null,
  );
  const key = formatUnitRef({ set: unitRow.set, code: unitRow.code });
  if (!inputs.valuesByUnit.has(key)) {
    throw new AppError(
      'badInput',
      {
        vi: `Đơn vị ${key} không thuộc các đơn vị ${unitLevelName(scope.level, 'vi')} được xếp hạng năm ${scope.year}.`,
        en: `Unit ${key} is not among the ${unitLevelName(scope.level, 'en')} units ranked in ${scope.year}.`,
      },
      [{ field: 'unit', message_vi: 'Đơn vị không được xếp hạng.', message_en: 'The unit is not ranked.' }],
    );
  }
  const result = whatIf(loaded.tree, inputs.valuesByUnit, key, {
    step: input.step ?? 0.05,
    top: input.top ?? 5,
  });
  if (!result.ok) throw AppError.fromDomain('badInput', result.error);
  const current = rankUnits(computeIndex(loaded.tree, inputs.valuesByUnit)).find((r) => r.unitCode === key);
  const nameOf = new Map(inputs.units.map((u) => [u.key, u.name] as const));
  return {
    methodology: scope.methodology.code,
    version: loaded.version.version,
    year: scope.year,
    level: scope.level,
    unit: key,
    name: unitRow.name,
    score: current?.score ?? 0,
    rank: current?.rank ?? inputs.units.length,
    compared: inputs.units.length,
    suggestions: result.value.map((s) => ({
      node: s.nodeCode,
      nodeName: loaded.tree.nodes.get(s.nodeCode)?.name ?? s.nodeCode,
      indicator: s.indicatorCode,
      scenarios: [...s.scenarios],
      fromValue: s.fromValue,
      toValue: s.toValue,
      sourceUnit: s.sourceUnitCode,
      sourceName: s.sourceUnitCode === null ? null : (nameOf.get(s.sourceUnitCode) ?? null),
      score: s.score,
      scoreGain: s.scoreGain,
      rank: s.rank,
      rankGain: s.rankGain,
    })),
  };
}
