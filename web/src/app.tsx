import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { gql } from './api';
import type { ReferenceQuery } from './generated/graphql';
import { I18n, type Lang, MESSAGES } from './i18n';
import { REFERENCE } from './operations';
import { PartnerView } from './partner';
import { ReferView } from './refer';
import { type Reference, ReferenceData, toReference } from './reference';
import { SearchView } from './search';

type View = 'refer' | 'search' | 'partner';
const VIEWS: View[] = ['refer', 'search', 'partner'];

export function App() {
  const [lang, setLang] = useState<Lang>('da');
  const [view, setView] = useState<View>('refer');
  const [reference, setReference] = useState<Reference | null>(null);
  const [failed, setFailed] = useState(false);
  const headings = useRef<Partial<Record<View, HTMLElement | null>>>({});
  const t = MESSAGES[lang];
  const i18n = useMemo(() => ({ lang, t }), [lang, t]);

  const load = useCallback(() => {
    setFailed(false);
    gql<ReferenceQuery>(REFERENCE)
      .then((data) => setReference(toReference(data)))
      .catch(() => setFailed(true));
  }, []);

  useEffect(load, [load]);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${t.appName}: ${t.tagline}`;
  }, [lang, t]);

  const show = (next: View) => {
    setView(next);
    // Move focus to the new view's heading, so keyboard and screen reader users land there.
    requestAnimationFrame(() => headings.current[next]?.focus());
  };
  const navLabel: Record<View, string> = {
    refer: t.navRefer,
    search: t.navSearch,
    partner: t.navPartner,
  };
  const headingRef = (v: View) => (el: HTMLElement | null) => {
    headings.current[v] = el;
  };

  return (
    <I18n.Provider value={i18n}>
      <a class="skip" href="#main">
        {lang === 'da' ? 'Gå til indhold' : 'Skip to content'}
      </a>
      <header class="top">
        <div class="brand">
          <span class="logo">{t.appName}</span>
          <span class="tagline">{t.tagline}</span>
        </div>
        <nav aria-label={t.nav}>
          <ul>
            {VIEWS.map((v) => (
              <li key={v}>
                <button
                  type="button"
                  class="navbutton"
                  aria-current={view === v ? 'page' : undefined}
                  onClick={() => show(v)}
                >
                  {navLabel[v]}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <button
          type="button"
          class="lang"
          lang={lang === 'da' ? 'en' : 'da'}
          aria-label={t.switchLanguageLabel}
          onClick={() => setLang(lang === 'da' ? 'en' : 'da')}
        >
          {t.switchLanguage}
        </button>
      </header>
      {reference?.demo && (
        <p class="demo-notice" role="note">
          {t.demoNotice}
        </p>
      )}
      <main id="main">
        {failed && (
          <div class="alert" role="alert">
            <p>{t.loadFailed}</p>
            <button type="button" onClick={load}>
              {t.retry}
            </button>
          </div>
        )}
        {!reference && !failed && (
          <p role="status" class="progress">
            {t.loading}
          </p>
        )}
        {reference && (
          <ReferenceData.Provider value={reference}>
            <section hidden={view !== 'refer'} aria-labelledby="refer-title">
              <ReferView headingRef={headingRef('refer')} />
            </section>
            <section hidden={view !== 'search'} aria-labelledby="search-title">
              <SearchView headingRef={headingRef('search')} />
            </section>
            <section hidden={view !== 'partner'} aria-labelledby="partner-title">
              <PartnerView headingRef={headingRef('partner')} />
            </section>
          </ReferenceData.Provider>
        )}
      </main>
    </I18n.Provider>
  );
}
