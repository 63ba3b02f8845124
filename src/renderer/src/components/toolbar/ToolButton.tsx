import type { ReactNode } from 'react';
import { ariaKeys, shortcutHint } from '../../hooks/use-shortcuts';

/** A toolbar button that says its shortcut in its tooltip and to assistive technology. */
export function ToolButton({
  keys,
  title,
  disabled,
  onClick,
  className,
  children,
}: {
  keys?: string;
  title: string;
  disabled?: boolean;
  onClick: () => void;
  className?: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={className}
      disabled={disabled}
      onClick={onClick}
      title={keys ? `${title} (${shortcutHint(keys)})` : title}
      aria-keyshortcuts={keys ? ariaKeys(keys) : undefined}
    >
      {children}
    </button>
  );
}
