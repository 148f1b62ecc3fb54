import type { ReactNode } from 'react';
import { t } from '../i18n';
import { LanguageSwitcher } from './LanguageSwitcher';

/** The business's name across the top, with a skip link for keyboard users and the language menu. */
export function SiteHeader({ name, children }: { name: string; children?: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <a className="brand" href="/">
            {name}
          </a>
          <div className="site-header-tools">
            {children}
            <LanguageSwitcher />
          </div>
        </div>
      </header>
    </>
  );
}
