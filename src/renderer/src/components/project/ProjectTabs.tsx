import { useRef, type KeyboardEvent } from 'react';
import { ariaKeys, shortcutHint } from '../../hooks/use-shortcuts';

/** One tab of the project view. */
export interface TabSpec<T extends string> {
  id: T;
  label: string;
  keys: string;
}

/** The id of a tab's panel, for aria-controls. */
export const panelId = (id: string): string => `panel-${id}`;
/** The id of a tab, for the panel's aria-labelledby. */
export const tabId = (id: string): string => `tab-${id}`;

/** A tab list: arrows, Home and End move between tabs (and select them), as ARIA's pattern says. */
export function ProjectTabs<T extends string>({
  tabs,
  active,
  onChange,
}: {
  tabs: readonly TabSpec<T>[];
  active: T;
  onChange: (tab: T) => void;
}) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent): void => {
    const at = tabs.findIndex((t) => t.id === active);
    const to: Record<string, number> = {
      ArrowRight: (at + 1) % tabs.length,
      ArrowLeft: (at - 1 + tabs.length) % tabs.length,
      Home: 0,
      End: tabs.length - 1,
    };
    const next = to[event.key];
    const tab = next === undefined ? undefined : tabs[next];
    if (!tab) return;
    event.preventDefault();
    onChange(tab.id);
    list.current?.querySelector<HTMLElement>(`#${tabId(tab.id)}`)?.focus();
  };
  return (
    <div
      ref={list}
      className="tabs"
      role="tablist"
      aria-label="Project views"
      onKeyDown={onKeyDown}
    >
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          id={tabId(tab.id)}
          aria-selected={tab.id === active}
          aria-controls={panelId(tab.id)}
          aria-keyshortcuts={ariaKeys(tab.keys)}
          title={`${tab.label} (${shortcutHint(tab.keys)})`}
          tabIndex={tab.id === active ? 0 : -1}
          onClick={() => onChange(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
