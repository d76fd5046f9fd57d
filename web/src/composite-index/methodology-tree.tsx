import { Input } from 'antd';
import type { MethodologyNodeView } from '../../../src/contract/composite-index.js';
import { editableNumber, formatFigure, formatRatio } from '../format/format';
import { useI18n } from '../i18n/i18n';
import type { DraftCheck } from './draft-tree';

const problemId = (code: string) => `index-node-problem-${code}`;

/**
 * The tree of a methodology as a table, pillars above their main indices and indicators (indented by depth): each
 * node's weight (an input when editable), its share of the whole index and the indicator a leaf binds. The
 * problems of a draft are shown in the row of the node they name; the weights that take part in a sum that does not
 * add up are marked invalid and point at that message.
 */
export function MethodologyTree({
  nodes,
  drafts,
  check,
  editable,
  onDraft,
}: {
  nodes: readonly MethodologyNodeView[];
  drafts: Readonly<Record<string, string>>;
  check: DraftCheck;
  editable: boolean;
  onDraft: (code: string, text: string) => void;
}) {
  const { t, lang } = useI18n();
  const c = t.compositeIndex;
  return (
    <div className="index-tree-scroll">
      <table className="index-tree">
        <caption>{c.treeCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{c.node}</th>
            <th scope="col">{c.weight}</th>
            <th scope="col">{c.share}</th>
            <th scope="col">{c.indicator}</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((n) => {
            const problems = check.problems.get(n.code) ?? [];
            const parentProblems = n.parentCode !== null && check.invalidWeights.has(n.code);
            const invalid = problems.length > 0 || check.invalidWeights.has(n.code);
            const describedBy = [
              ...(problems.length > 0 ? [problemId(n.code)] : []),
              ...(parentProblems && n.parentCode !== null ? [problemId(n.parentCode)] : []),
            ].join(' ');
            const share = check.rootShares?.get(n.code) ?? n.rootShare;
            const label = c.weightOf(n.code, n.name);
            return (
              <tr
                key={n.code}
                data-node={n.code}
                className={invalid ? 'index-tree-row index-tree-invalid' : 'index-tree-row'}
              >
                <th scope="row" style={{ paddingLeft: 8 + n.depth * 14 }}>
                  <span className="index-tree-code">{n.code}</span> {n.name}
                  {problems.length > 0 && (
                    <ul className="index-tree-problems" id={problemId(n.code)}>
                      {problems.map((p, i) => (
                        <li key={i}>{lang === 'en' ? p.message_en : p.message_vi}</li>
                      ))}
                    </ul>
                  )}
                </th>
                <td className="index-tree-weight">
                  {editable ? (
                    <Input
                      size="small"
                      inputMode="decimal"
                      aria-label={label}
                      aria-invalid={invalid || undefined}
                      aria-describedby={describedBy || undefined}
                      status={invalid ? 'error' : undefined}
                      value={drafts[n.code] ?? editableNumber(n.weight, lang)}
                      onChange={(e) => onDraft(n.code, e.target.value)}
                    />
                  ) : (
                    formatFigure(n.weight, lang)
                  )}
                </td>
                <td>{n.depth > 0 && share === 0 ? c.notScored : formatRatio(share, lang)}</td>
                <td>
                  {n.leaf && n.indicatorCode
                    ? `${n.indicatorCode} (${c.normalizations[n.normalization ?? 'value']})`
                    : ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
