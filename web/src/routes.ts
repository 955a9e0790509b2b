/**
 * The page's addresses (history API). Each view and each listing has its own; the search words
 * and filters are in a search's address (they describe services, not a person). The referral
 * input never is: `/svar` only says "the answer", which lives in the tab's memory.
 */
import type { Lang } from './i18n';

export interface SearchParams {
  q: string;
  typeCodes: string[];
  targetGroupCodes: string[];
  needCodes: string[];
  languages: string[];
  regionCode: string | null;
}

export type Route =
  | { view: 'refer' }
  | { view: 'answer' }
  | { view: 'search'; search: SearchParams }
  | { view: 'service'; id: string }
  | { view: 'partner' };

export type View = Route['view'];

export const EMPTY_SEARCH: SearchParams = {
  q: '',
  typeCodes: [],
  targetGroupCodes: [],
  needCodes: [],
  languages: [],
  regionCode: null,
};

const LIST_PARAMS: [keyof SearchParams & `${string}s`, string][] = [
  ['typeCodes', 'type'],
  ['targetGroupCodes', 'gruppe'],
  ['needCodes', 'behov'],
  ['languages', 'sprog'],
];

const codes = (value: string | null): string[] =>
  value ? value.split(',').filter((c) => /^[a-z0-9-]{1,64}$/.test(c)) : [];

/** The route and language an address shows (an unknown path is the referral form). */
export function parseLocation(loc: { pathname: string; search: string }): {
  route: Route;
  lang: Lang;
} {
  const params = new URLSearchParams(loc.search);
  const lang: Lang = params.get('lang') === 'en' ? 'en' : 'da';
  const path = loc.pathname.replace(/\/+$/, '') || '/';
  const service = /^\/tilbud\/([^/]{1,100})$/.exec(path);
  if (service) {
    return { route: { view: 'service', id: decodeURIComponent(service[1]) }, lang };
  }
  switch (path) {
    case '/svar':
      return { route: { view: 'answer' }, lang };
    case '/partner':
      return { route: { view: 'partner' }, lang };
    case '/soeg': {
      const search: SearchParams = {
        ...EMPTY_SEARCH,
        q: (params.get('q') ?? '').slice(0, 500),
        regionCode: codes(params.get('region'))[0] ?? null,
      };
      for (const [key, name] of LIST_PARAMS) {
        search[key] = codes(params.get(name));
      }
      return { route: { view: 'search', search }, lang };
    }
    default:
      return { route: { view: 'refer' }, lang };
  }
}

/** The address of a route in a language. */
export function href(route: Route, lang: Lang): string {
  const params = new URLSearchParams();
  let path = '/';
  switch (route.view) {
    case 'refer':
      break;
    case 'answer':
      path = '/svar';
      break;
    case 'partner':
      path = '/partner';
      break;
    case 'service':
      path = `/tilbud/${encodeURIComponent(route.id)}`;
      break;
    case 'search': {
      path = '/soeg';
      const s = route.search;
      if (s.q) {
        params.set('q', s.q);
      }
      for (const [key, name] of LIST_PARAMS) {
        if (s[key].length > 0) {
          params.set(name, s[key].join(','));
        }
      }
      if (s.regionCode) {
        params.set('region', s.regionCode);
      }
      break;
    }
  }
  if (lang === 'en') {
    params.set('lang', 'en');
  }
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** Whether two searches ask the same (the words and every filter). */
export function sameSearch(a: SearchParams, b: SearchParams): boolean {
  return href({ view: 'search', search: a }, 'da') === href({ view: 'search', search: b }, 'da');
}
