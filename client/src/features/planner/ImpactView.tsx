import type { Impact } from '../../api/gridEditTypes';
import { impactSentences, memberCount } from './impactText';
import { useT } from '../../i18n/useT';
import { RangeLabel } from './SizeBar';
import { plannerText } from './strings';

/** What an edit moves, in sentences, and the new totals of every grid it touches as a table. */
export function ImpactView({ impact, newGridId = null }: { impact: Impact; newGridId?: number | null }) {
  const text = useT(plannerText);
  const { t, num } = text;
  const sentences = impactSentences(impact, text, newGridId);
  return (
    <div className="planner-impact">
      <h4>{t('impact')}</h4>
      {sentences.length > 0 ? (
        <ul className="planner-impact-moves">
          {sentences.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('impactNone')}</p>
      )}
      {impact.grids.length > 0 && (
        <table className="planner-table">
          <caption>{t('totalsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colGrid')}</th>
              <th scope="col">{t('colMembers')}</th>
              <th scope="col">{t('colFacilities')}</th>
              <th scope="col">{t('colHouseholds')}</th>
              <th scope="col">{t('colArea')}</th>
            </tr>
          </thead>
          <tbody>
            {impact.grids.map((g) => (
              <tr key={g.id} data-grid-id={g.id}>
                <th scope="row">
                  {g.id === newGridId ? t('newGridRef') : g.name}
                  {g.retired ? t('retiredMark') : ''}
                  <span className="planner-code">{g.code}</span>
                </th>
                <td>{memberCount(g.members, text)}</td>
                <td>{num(g.facilities)}</td>
                <td data-source={g.householdsSource}>
                  {num(g.households)}
                  {g.householdsSource === 'estimate' && <span className="muted">{t('estimateMark')}</span>}
                  {!g.retired && <RangeLabel range={g.range} text={text} />}
                </td>
                <td>{num(g.areaSqm / 10_000, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
