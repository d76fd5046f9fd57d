import { Button } from 'antd';
import type { RankedIndexResults } from '../../../src/contract/composite-index.js';
import { formatCount } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { formatChange, formatScore } from './ranking-format';

/**
 * A year's ranking: rank, unit, total score, each pillar's score with its rank, last year's score and the change
 * (score and places). Units without a single value of the year are collapsed into one line below the table, as
 * the command line does; each ranked unit offers its what-if.
 */
export function RankingTable({
  ranking,
  selected,
  onWhatIf,
}: {
  ranking: RankedIndexResults;
  selected: string | null;
  onWhatIf: (unit: string) => void;
}) {
  const { t, lang } = useI18n();
  const c = t.compositeIndex;
  const pillars = ranking.nodes.filter((n) => n.depth === 1);
  const leaves = ranking.nodes.filter((n) => n.leaf).length;
  const withData = ranking.results.filter((r) => leaves === 0 || r.missing.length < leaves);
  const withoutData = ranking.results.filter((r) => leaves > 0 && r.missing.length >= leaves);
  return (
    <>
      <div className="index-tree-scroll">
        <table className="index-ranking">
          <caption>{c.rankingCaption(ranking.year)}</caption>
          <thead>
            <tr>
              <th scope="col">{c.rank}</th>
              <th scope="col">{c.unit}</th>
              <th scope="col">{c.score}</th>
              {pillars.map((p) => (
                <th scope="col" key={p.code} title={p.name}>
                  {p.name}
                </th>
              ))}
              <th scope="col">{c.previous}</th>
              <th scope="col">{c.change}</th>
              <th scope="col">{c.whatIf}</th>
            </tr>
          </thead>
          <tbody>
            {withData.map((r) => (
              <tr
                key={r.unit}
                data-unit={r.unit}
                className={r.unit === selected ? 'index-selected' : undefined}
              >
                <td>{formatCount(r.rank, lang)}</td>
                <th scope="row">
                  {r.name}
                  <div className="index-tree-code">{r.unit}</div>
                </th>
                <td className="index-num">{formatScore(r.score, lang)}</td>
                {pillars.map((p) => {
                  const score = r.nodes[p.code];
                  const rank = r.nodeRanks[p.code];
                  return (
                    <td key={p.code} className="index-num" data-node={p.code}>
                      {score === undefined ? '—' : formatScore(score, lang)}
                      {rank !== undefined && p.scored && (
                        <div className="index-sub">{c.rankShort(formatCount(rank, lang))}</div>
                      )}
                    </td>
                  );
                })}
                <td className="index-num">
                  {r.previousScore === null ? '—' : formatScore(r.previousScore, lang)}
                  {r.previousRank !== null && (
                    <div className="index-sub">{c.rankShort(formatCount(r.previousRank, lang))}</div>
                  )}
                </td>
                <td className="index-num">
                  {r.change === null ? '—' : formatChange(r.change, lang)}
                  {r.rankChange !== null && <div className="index-sub">{c.rankMoved(r.rankChange)}</div>}
                </td>
                <td>
                  <Button size="small" onClick={() => onWhatIf(r.unit)} aria-label={c.whatIfFor(r.name)}>
                    {c.whatIf}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {withoutData.length > 0 && (
        <p className="index-without">
          {c.withoutData(
            formatCount(withoutData.length, lang),
            ranking.year,
            formatCount(withoutData[0]?.rank ?? 0, lang),
          )}{' '}
          {withoutData
            .slice(0, 8)
            .map((r) => r.name)
            .join(', ')}
          {withoutData.length > 8 && ` … (+${formatCount(withoutData.length - 8, lang)})`}
        </p>
      )}
    </>
  );
}
