import type { ReactNode } from 'react';

/** The business's name across the top, with a skip link for keyboard users. */
export function SiteHeader({ name, children }: { name: string; children?: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <a className="brand" href="/">
            {name}
          </a>
          {children}
        </div>
      </header>
    </>
  );
}
