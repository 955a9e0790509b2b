import type { Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, gql } from './api';
import type { Navigate } from './app';
import { AvailabilityBadge, Tel } from './cards';
import type { SearchQuery, SearchQueryVariables, ServiceFilterInput } from './generated/graphql';
import { languageName, nameIn, useI18n } from './i18n';
import { SEARCH } from './operations';
import { useReference } from './reference';
import { EMPTY_SEARCH, href, type SearchParams, sameSearch } from './routes';

const PAGE_SIZE = 10;

type ListKey = 'typeCodes' | 'targetGroupCodes' | 'needCodes' | 'languages';

function toServiceFilter(p: SearchParams): ServiceFilterInput {
  return {
    ...(p.typeCodes.length ? { typeCodes: p.typeCodes } : {}),
    ...(p.targetGroupCodes.length ? { targetGroupCodes: p.targetGroupCodes } : {}),
    ...(p.needCodes.length ? { needCodes: p.needCodes } : {}),
    ...(p.languages.length ? { languages: p.languages } : {}),
    ...(p.regionCode ? { regionCode: p.regionCode } : {}),
  };
}

const chosenFilters = (p: SearchParams): number =>
  p.typeCodes.length +
  p.targetGroupCodes.length +
  p.needCodes.length +
  p.languages.length +
  (p.regionCode ? 1 : 0);

type Facet = SearchQuery['searchServices']['facets']['types'];

/** The hit whose listing was opened last: Back to the hits puts the focus on it again. */
let lastOpened: string | null = null;
export function returnFocusTarget(): HTMLElement | null {
  return lastOpened ? document.getElementById(`hit-${lastOpened}`) : null;
}

/** On a phone the filters start folded away, so the first hit is near the top. */
const wide = () => window.matchMedia('(min-width: 48rem)').matches;

/**
 * Search over the listings. The words and filters are the address (`/soeg?q=…`), so a listing
 * can be shared, Back undoes a filter and a reload shows the same hits.
 */
export function SearchView({
  headingRef,
  params,
  navigate,
}: {
  headingRef: Ref<HTMLHeadingElement>;
  /** The search the address asks for (null while another view shows). */
  params: SearchParams | null;
  navigate: Navigate;
}) {
  const { lang, t } = useI18n();
  const ref = useReference();
  const [text, setText] = useState(params?.q ?? '');
  const [shown, setShown] = useState<SearchParams>(EMPTY_SEARCH);
  // Cursors of the pages shown so far: page n starts after cursors[n - 1].
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [result, setResult] = useState<SearchQuery['searchServices'] | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [filtersOpen, setFiltersOpen] = useState(wide);
  const failureRef = useRef<HTMLDivElement>(null);
  const page = cursors.length;

  // Only the answer to the latest request is shown (facets can be clicked faster than answers).
  const latest = useRef(0);
  const run = async (p: SearchParams, pageCursors: (string | null)[]) => {
    const mine = ++latest.current;
    setBusy(true);
    setFailure(null);
    try {
      const data = await gql<SearchQuery, SearchQueryVariables>(SEARCH, {
        query: p.q,
        filter: toServiceFilter(p),
        first: PAGE_SIZE,
        after: pageCursors[pageCursors.length - 1],
      });
      if (mine !== latest.current) {
        return;
      }
      setResult(data.searchServices);
      setShown(p);
      setCursors(pageCursors);
    } catch (error) {
      if (mine === latest.current) {
        setFailure(
          error instanceof ApiError && error.code === 'UNAUTHENTICATED'
            ? t.unauthenticated
            : t.error(error instanceof Error ? error.message : String(error)),
        );
        requestAnimationFrame(() => failureRef.current?.focus());
      }
    } finally {
      if (mine === latest.current) {
        setBusy(false);
      }
    }
  };

  // The address decides what is searched: a submit, a filter, Back, Forward or a reload.
  useEffect(() => {
    if (!params) {
      return;
    }
    setText(params.q);
    if (params.q.trim() === '') {
      setResult(null);
      setShown(EMPTY_SEARCH);
      return;
    }
    if (!result || !sameSearch(params, shown)) {
      void run(params, [null]);
    }
  }, [params && href({ view: 'search', search: params }, 'da')]);

  const go = (next: SearchParams) => {
    lastOpened = null;
    navigate({ view: 'search', search: next }, { focus: false });
  };

  const submit = (event: Event) => {
    event.preventDefault();
    if (text.trim() === '') {
      setFailure(t.emptyQuery);
      requestAnimationFrame(() => failureRef.current?.focus());
      return;
    }
    go({ ...(params ?? shown), q: text.trim() });
  };

  const current = params ?? shown;
  const change = (next: SearchParams) => {
    if (next.q) {
      go(next);
    }
  };

  const toggleCode = (key: ListKey, code: string, on: boolean) => {
    const values = current[key].filter((c) => c !== code);
    change({ ...current, [key]: on ? [...values, code] : values });
  };

  const facetName = (key: ListKey, value: { code: string; name: string }) => {
    if (key === 'languages') {
      return languageName(lang, value.code);
    }
    const known = ref.byCode.get(value.code);
    return known ? nameIn(lang, known) : value.name;
  };

  /** The facet's values, plus the selected ones the current result no longer has (count 0). */
  const withSelected = (values: Facet, selected: string[]): Facet => [
    ...values,
    ...selected
      .filter((code) => !values.some((v) => v.code === code))
      .map((code) => ({ code, name: ref.byCode.get(code)?.name ?? code, count: 0 })),
  ];

  const checkFacet = (title: string, key2: ListKey, values: Facet) => (
    <fieldset class="facet">
      <legend>{title}</legend>
      <ul class="plain">
        {withSelected(values, current[key2]).map((value) => {
          const id = `facet-${key2}-${value.code}`;
          return (
            <li key={value.code}>
              <span class="check">
                <input
                  type="checkbox"
                  id={id}
                  checked={current[key2].includes(value.code)}
                  onChange={(e) => toggleCode(key2, value.code, e.currentTarget.checked)}
                />
                <label for={id}>
                  {facetName(key2, value)} <span class="count">({value.count})</span>
                </label>
              </span>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );

  const facets = result?.facets;
  const chosen = chosenFilters(current);
  return (
    <div class="search">
      <h1 id="search-title" tabIndex={-1} ref={headingRef}>
        {t.searchTitle}
      </h1>
      <form class="search-form" role="search" onSubmit={submit} autoComplete="off">
        <label for="search-query">{t.searchLabel}</label>
        <p class="hint" id="search-hint">
          {t.searchHint}
        </p>
        <div class="search-row">
          <input
            id="search-query"
            type="search"
            value={text}
            maxLength={500}
            aria-describedby="search-hint"
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <button type="submit" class="primary">
            {t.searchButton}
          </button>
        </div>
      </form>
      {failure && (
        <div class="alert" role="alert" tabIndex={-1} ref={failureRef}>
          {failure}
        </div>
      )}
      {/* The count is announced to screen readers; on screen the heading above the hits says it. */}
      <p class={busy ? 'progress' : 'progress sr-only'} role="status">
        {busy ? t.loading : result ? t.hits(result.totalHits) : ''}
      </p>
      {result && facets && (
        <div class="search-layout">
          <details
            class="facets"
            open={filtersOpen}
            onToggle={(e) => setFiltersOpen(e.currentTarget.open)}
          >
            <summary id="facets-title">{t.filtersCount(chosen)}</summary>
            <button
              type="button"
              class="secondary small"
              onClick={() => change({ ...EMPTY_SEARCH, q: current.q })}
            >
              {t.clearFilters}
            </button>
            {checkFacet(t.facetTypes, 'typeCodes', facets.types)}
            <fieldset class="facet">
              <legend>{t.facetRegions}</legend>
              <ul class="plain">
                <li>
                  <span class="check">
                    <input
                      type="radio"
                      name="facet-region"
                      id="facet-region-all"
                      checked={current.regionCode === null}
                      onChange={() => change({ ...current, regionCode: null })}
                    />
                    <label for="facet-region-all">{t.allRegions}</label>
                  </span>
                </li>
                {withSelected(facets.regions, current.regionCode ? [current.regionCode] : []).map(
                  (value) => (
                    <li key={value.code}>
                      <span class="check">
                        <input
                          type="radio"
                          name="facet-region"
                          id={`facet-region-${value.code}`}
                          checked={current.regionCode === value.code}
                          onChange={() => change({ ...current, regionCode: value.code })}
                        />
                        <label for={`facet-region-${value.code}`}>
                          {nameIn(lang, ref.byCode.get(value.code) ?? value)}{' '}
                          <span class="count">({value.count})</span>
                        </label>
                      </span>
                    </li>
                  ),
                )}
              </ul>
            </fieldset>
            {checkFacet(t.facetGroups, 'targetGroupCodes', facets.targetGroups)}
            {checkFacet(t.facetNeeds, 'needCodes', facets.needs)}
            {checkFacet(t.facetLanguages, 'languages', facets.languages)}
          </details>
          <div class="hits">
            <h2 id="hits-title">{t.hits(result.totalHits)}</h2>
            {result.hits.length === 0 ? (
              <p>
                {t.noHits} {t.noHitsHint}
              </p>
            ) : (
              <ol class="plain hit-list" start={(page - 1) * PAGE_SIZE + 1}>
                {result.hits.map(({ service, availability }) => (
                  <li key={service.id} class="card hit">
                    <h3 class="card-title">
                      <a
                        id={`hit-${service.id}`}
                        href={href({ view: 'service', id: service.id }, lang)}
                        onClick={(e) => {
                          e.preventDefault();
                          lastOpened = service.id;
                          navigate({ view: 'service', id: service.id }, { fromSearch: true });
                        }}
                      >
                        {service.name}
                      </a>
                    </h3>
                    <p class="badges">
                      <AvailabilityBadge availability={availability} capacity={service.capacity} />
                      {service.demo && <span class="badge demo">{t.demoBadge}</span>}
                    </p>
                    {service.contact.phone && (
                      <p class="contact">
                        <Tel
                          phone={service.contact.phone}
                          label={t.call(service.contact.phone)}
                          big
                        />
                      </p>
                    )}
                    <p class="type">
                      {nameIn(lang, service.type)}
                      {service.municipality ? ` · ${service.municipality.name}` : ''}
                      {` · ${service.organisation.name}`}
                    </p>
                  </li>
                ))}
              </ol>
            )}
            {(result.totalHits > PAGE_SIZE || page > 1) && (
              <nav class="pager" aria-label={t.page(page)}>
                <button
                  type="button"
                  class="secondary"
                  disabled={page === 1}
                  onClick={() => void run(shown, cursors.slice(0, -1))}
                >
                  {t.previousPage}
                </button>
                <span>{t.page(page)}</span>
                <button
                  type="button"
                  class="secondary"
                  disabled={!result.pageInfo.hasNextPage}
                  onClick={() => void run(shown, [...cursors, result.pageInfo.endCursor])}
                >
                  {t.nextPage}
                </button>
              </nav>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
