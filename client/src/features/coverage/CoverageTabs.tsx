import { createContext, useContext, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useT } from '../../i18n/useT';
import { useSession } from '../../ui/session';
import { caseText } from './caseStrings';

// 覆盖分析's two tabs: 党员覆盖 (what was there) and 民情 (cases; leaders and admins only).

export type CoverageTab = 'coverage' | 'cases';
const TABS: readonly CoverageTab[] = ['coverage', 'cases'];

interface TabState {
  tab: CoverageTab;
  setTab: (tab: CoverageTab) => void;
}

const TabContext = createContext<TabState>({ tab: 'coverage', setTab: () => undefined });

export function CoverageTabsProvider({ children }: { children: ReactNode }) {
  const [tab, setTab] = useState<CoverageTab>('coverage');
  return <TabContext.Provider value={{ tab, setTab }}>{children}</TabContext.Provider>;
}

/** The tab shown: 民情 only for the accounts that may see cases. */
export function useCoverageTab(): CoverageTab {
  const { tab } = useContext(TabContext);
  const session = useSession();
  return tab === 'cases' && session.hasRole('leader', 'admin') ? 'cases' : 'coverage';
}

/** The tab switch under the page heading (nothing for planners, who see no cases). */
export function CoverageTabBar() {
  const { t } = useT(caseText);
  const { setTab } = useContext(TabContext);
  const tab = useCoverageTab();
  const session = useSession();
  const buttons = useRef<Partial<Record<CoverageTab, HTMLButtonElement | null>>>({});
  if (!session.hasRole('leader', 'admin')) return null;

  // Arrow keys move between tabs (WAI-ARIA tabs pattern), Tab leaves the bar.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const next = TABS[(TABS.indexOf(tab) + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
    setTab(next);
    buttons.current[next]?.focus();
  };

  return (
    <div className="coverage-tabs" role="tablist" aria-label={t('tabsLabel')} onKeyDown={onKeyDown}>
      {TABS.map((id) => (
        <button
          key={id}
          ref={(el) => {
            buttons.current[id] = el;
          }}
          type="button"
          role="tab"
          id={`coverage-tab-${id}`}
          aria-selected={tab === id}
          tabIndex={tab === id ? 0 : -1}
          className={tab === id ? 'coverage-tab is-active' : 'coverage-tab'}
          onClick={() => setTab(id)}
        >
          {t(id === 'coverage' ? 'tabCoverage' : 'tabCases')}
        </button>
      ))}
    </div>
  );
}
