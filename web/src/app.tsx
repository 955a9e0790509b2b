import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { gql } from './api';
import { ServiceDetail } from './detail';
import type { ReferenceQuery } from './generated/graphql';
import { I18n, type Lang, MESSAGES, useI18n } from './i18n';
import { REFERENCE } from './operations';
import { PartnerView } from './partner';
import { ReferView } from './refer';
import { type Reference, ReferenceData, toReference } from './reference';
import {
  EMPTY_SEARCH,
  href,
  parseLocation,
  type Route,
  type SearchParams,
  type View,
} from './routes';
import { returnFocusTarget, SearchView } from './search';

/** The views in the header; an answer belongs to Henvis, a listing to Søg. */
type NavView = 'refer' | 'search' | 'partner';
const NAV: NavView[] = ['refer', 'search', 'partner'];
const navOf = (view: View): NavView =>
  view === 'answer' ? 'refer' : view === 'service' ? 'search' : view;

export interface Navigate {
  (route: Route, options?: { replace?: boolean; focus?: boolean; fromSearch?: boolean }): void;
}

/**
 * The numbers to call before anything else, on every view and first in reading order: a person
 * in danger needs 112 more than any list.
 */
function EmergencyStrip() {
  const { t } = useI18n();
  const numbers: [string, string][] = [
    ['112', t.emergency112],
    ['1888', t.emergency1888],
    ['114', t.emergency114],
  ];
  return (
    <aside class="emergency" aria-label={t.emergencyLabel}>
      <ul>
        {numbers.map(([number, label]) => (
          <li key={number}>
            <a href={`tel:${number}`} class={`sos sos-${number}`}>
              <strong>{number}</strong> <span>{label}</span>
            </a>
          </li>
        ))}
      </ul>
    </aside>
  );
}

export function App() {
  const initial = useMemo(() => parseLocation(window.location), []);
  const [lang, setLang] = useState<Lang>(initial.lang);
  const [route, setRoute] = useState<Route>(initial.route);
  const [reference, setReference] = useState<Reference | null>(null);
  const [failed, setFailed] = useState(false);
  const headings = useRef<Partial<Record<View, HTMLElement | null>>>({});
  const langRef = useRef(lang);
  langRef.current = lang;
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

  const focusView = (view: View) =>
    requestAnimationFrame(() =>
      ((view === 'search' ? returnFocusTarget() : null) ?? headings.current[view])?.focus({
        preventScroll: true,
      }),
    );

  // Back and Forward: show the address's view (its state lives in the views, kept mounted).
  useEffect(() => {
    const onPop = () => {
      const next = parseLocation(window.location);
      // The language chosen stays: an earlier address in the other one is rewritten to it.
      if (next.lang !== langRef.current) {
        history.replaceState(history.state, '', href(next.route, langRef.current));
      }
      setRoute(next.route);
      window.scrollTo(0, 0);
      focusView(next.route.view);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate: Navigate = useCallback(
    (next, options = {}) => {
      const url = href(next, lang);
      if (options.replace) {
        history.replaceState(null, '', url);
      } else if (url !== `${location.pathname}${location.search}`) {
        history.pushState(options.fromSearch ? { fromSearch: true } : null, '', url);
      }
      setRoute(next);
      window.scrollTo(0, 0);
      if (options.focus !== false) {
        focusView(next.view);
      }
    },
    [lang],
  );

  // A link to one of the page's own addresses (a listing from a card) stays in the page, so the
  // answer in memory survives the visit and Back returns to it.
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.('a[href^="/"]');
      if (
        !link ||
        event.defaultPrevented ||
        event.button !== 0 ||
        event.metaKey ||
        event.ctrlKey ||
        event.shiftKey ||
        event.altKey
      ) {
        return;
      }
      const url = new URL((link as HTMLAnchorElement).href);
      event.preventDefault();
      navigate(parseLocation(url).route);
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, [navigate]);

  // The language is part of the address; switching it keeps the view, its results and the scroll.
  const switchLanguage = () => {
    const next: Lang = lang === 'da' ? 'en' : 'da';
    history.replaceState(history.state, '', href(route, next));
    setLang(next);
  };

  const headingRef = (v: View) => (el: HTMLElement | null) => {
    headings.current[v] = el;
  };
  const navLabel: Record<NavView, string> = {
    refer: t.navRefer,
    search: t.navSearch,
    partner: t.navPartner,
  };
  const current = navOf(route.view);
  const section = (view: NavView, labelledBy: string, children: ComponentChildren) => (
    <section hidden={current !== view} aria-labelledby={labelledBy}>
      {children}
    </section>
  );

  return (
    <I18n.Provider value={i18n}>
      <EmergencyStrip />
      <header class="top">
        <a class="skip" href="#main">
          {t.skip}
        </a>
        <div class="brand">
          <span class="logo">{t.appName}</span>
          <span class="tagline">{t.tagline}</span>
        </div>
        <nav aria-label={t.nav}>
          <ul>
            {NAV.map((v) => (
              <li key={v}>
                <a
                  class="navbutton"
                  href={href(
                    v === 'search'
                      ? { view: 'search', search: lastSearch.current }
                      : v === 'refer'
                        ? { view: 'refer' }
                        : { view: v },
                    lang,
                  )}
                  aria-current={current === v ? 'page' : undefined}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(
                      v === 'search'
                        ? { view: 'search', search: lastSearch.current }
                        : v === 'refer'
                          ? { view: 'refer' }
                          : { view: v },
                    );
                  }}
                >
                  {navLabel[v]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <button
          type="button"
          class="lang"
          lang={lang === 'da' ? 'en' : 'da'}
          aria-label={t.switchLanguageLabel}
          onClick={switchLanguage}
        >
          {t.switchLanguage}
        </button>
      </header>
      {reference?.demo && (
        <aside class="demo-notice" aria-label={t.demoLabel}>
          <p>{t.demoNotice}</p>
        </aside>
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
            {section(
              'refer',
              route.view === 'answer' ? 'result-title' : 'refer-title',
              <ReferView
                headingRef={headingRef('refer')}
                answerRef={headingRef('answer')}
                showAnswer={route.view === 'answer'}
                navigate={navigate}
              />,
            )}
            <section hidden={route.view !== 'service'} aria-labelledby="detail-title">
              {route.view === 'service' && (
                <ServiceDetail
                  id={route.id}
                  headingRef={headingRef('service')}
                  onBack={() =>
                    (history.state as { fromSearch?: boolean } | null)?.fromSearch
                      ? history.back()
                      : navigate({ view: 'search', search: lastSearch.current })
                  }
                />
              )}
            </section>
            <SearchHost
              hidden={route.view !== 'search'}
              route={route}
              navigate={navigate}
              headingRef={headingRef('search')}
            />
            {section(
              'partner',
              'partner-title',
              <PartnerView headingRef={headingRef('partner')} />,
            )}
          </ReferenceData.Provider>
        )}
      </main>
    </I18n.Provider>
  );
}

/** The last search shown, so the header's Søg returns to it. */
const lastSearch: { current: SearchParams } = { current: EMPTY_SEARCH };

/** The search view stays mounted (its hits survive a visit to a listing and Back). */
function SearchHost({
  hidden,
  route,
  navigate,
  headingRef,
}: {
  hidden: boolean;
  route: Route;
  navigate: Navigate;
  headingRef: (el: HTMLElement | null) => void;
}) {
  useEffect(() => {
    if (route.view === 'search') {
      lastSearch.current = route.search;
    }
  }, [route]);
  return (
    <section hidden={hidden} aria-labelledby="search-title">
      <SearchView
        headingRef={headingRef}
        params={route.view === 'search' ? route.search : null}
        navigate={navigate}
      />
    </section>
  );
}
