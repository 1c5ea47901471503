import type { Impact } from '../../api/gridEditTypes';
import { impactSentences, memberCount } from './impactText';
import { usePlannerStrings } from './strings';

/** What an edit moves, in sentences, and the new totals of every grid it touches as a table. */
export function ImpactView({ impact, newGridId = null }: { impact: Impact; newGridId?: number | null }) {
  const text = usePlannerStrings();
  const { s, num } = text;
  const sentences = impactSentences(impact, text, newGridId);
  return (
    <div className="planner-impact">
      <h4>{s.impact}</h4>
      {sentences.length > 0 ? (
        <ul className="planner-impact-moves">
          {sentences.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">{s.impactNone}</p>
      )}
      {impact.grids.length > 0 && (
        <table className="planner-table">
          <caption>{s.totalsCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{s.colGrid}</th>
              <th scope="col">{s.colMembers}</th>
              <th scope="col">{s.colFacilities}</th>
              <th scope="col">{s.colHouseholds}</th>
              <th scope="col">{s.colArea}</th>
            </tr>
          </thead>
          <tbody>
            {impact.grids.map((g) => (
              <tr key={g.id} data-grid-id={g.id}>
                <th scope="row">
                  {g.id === newGridId ? s.newGridRef : g.name}
                  {g.retired ? s.retiredMark : ''}
                  <span className="planner-code">{g.code}</span>
                </th>
                <td>{memberCount(g.members, text)}</td>
                <td>{num(g.facilities)}</td>
                <td>{num(g.households)}</td>
                <td>{num(g.areaSqm / 10_000, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
