import type { ReactNode } from 'react';

interface AppBarProps {
  /** Right-hand controls: the theme picker, and once signed in the user and the DM badge. */
  children?: ReactNode;
}

/** The top bar: the product name and the controls. */
export function AppBar({ children }: AppBarProps) {
  return (
    <header className="app-bar">
      <h1 className="brand">
        <span aria-hidden="true" className="brand-mark">
          ●
        </span>{' '}
        Natter <span className="muted narrow-hidden">demo</span>
      </h1>
      <div className="app-bar-controls">{children}</div>
    </header>
  );
}
