import type { Ref } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { ApiError, gql } from './api';
import { ServiceDetail } from './detail';
import type { SearchQuery, SearchQueryVariables, ServiceFilterInput } from './generated/graphql';
import { languageName, nameIn, useI18n } from './i18n';
import { SEARCH } from './operations';
import { useReference } from './reference';

const PAGE_SIZE = 10;

type ListKey = 'typeCodes' | 'targetGroupCodes' | 'needCodes' | 'languages';

interface Filter {
  typeCodes: string[];
  targetGroupCodes: string[];
  needCodes: string[];
  languages: string[];
  regionCode: string | null;
}

const EMPTY: Filter = {
  typeCodes: [],
  targetGroupCodes: [],
  needCodes: [],
  languages: [],
  regionCode: null,
};

function toServiceFilter(filter: Filter): ServiceFilterInput {
  return {
    ...(filter.typeCodes.length ? { typeCodes: filter.typeCodes } : {}),
    ...(filter.targetGroupCodes.length ? { targetGroupCodes: filter.targetGroupCodes } : {}),
    ...(filter.needCodes.length ? { needCodes: filter.needCodes } : {}),
    ...(filter.languages.length ? { languages: filter.languages } : {}),
    ...(filter.regionCode ? { regionCode: filter.regionCode } : {}),
  };
}

type Facet = SearchQuery['searchServices']['facets']['types'];

export function SearchView({ headingRef }: { headingRef: Ref<HTMLHeadingElement> }) {
  const { lang, t } = useI18n();
  const ref = useReference();
  const [text, setText] = useState('');
  const [query, setQuery] = useState<string | null>(null);
  const [filter, setFilter] = useState<Filter>(EMPTY);
  // Cursors of the pages shown so far: page n starts after cursors[n - 1].
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [result, setResult] = useState<SearchQuery['searchServices'] | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [detail, setDetail] = useState<string | null>(null);
  const lastOpened = useRef<string | null>(null);
  const page = cursors.length;

  // Only the answer to the latest request is shown (facets can be clicked faster than answers).
  const latest = useRef(0);
  const run = async (q: string, f: Filter, pageCursors: (string | null)[]) => {
    const mine = ++latest.current;
    setBusy(true);
    setFailure(null);
    try {
      const data = await gql<SearchQuery, SearchQueryVariables>(SEARCH, {
        query: q,
        filter: toServiceFilter(f),
        first: PAGE_SIZE,
        after: pageCursors[pageCursors.length - 1],
      });
      if (mine !== latest.current) {
        return;
      }
      setResult(data.searchServices);
      setQuery(q);
      setFilter(f);
      setCursors(pageCursors);
    } catch (error) {
      if (mine === latest.current) {
        setFailure(
          error instanceof ApiError && error.code === 'UNAUTHENTICATED'
            ? t.unauthenticated
            : t.error(error instanceof Error ? error.message : String(error)),
        );
      }
    } finally {
      if (mine === latest.current) {
        setBusy(false);
      }
    }
  };

  const submit = (event: Event) => {
    event.preventDefault();
    if (text.trim() === '') {
      setFailure(t.emptyQuery);
      return;
    }
    void run(text.trim(), filter, [null]);
  };

  const change = (next: Filter) => {
    // The boxes show the new choice at once; the counts and hits follow when the answer comes.
    setFilter(next);
    if (query) {
      void run(query, next, [null]);
    }
  };

  const toggleCode = (key: ListKey, code: string, on: boolean) => {
    const values = filter[key].filter((c) => c !== code);
    change({ ...filter, [key]: on ? [...values, code] : values });
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
        {withSelected(values, filter[key2]).map((value) => {
          const id = `facet-${key2}-${value.code}`;
          return (
            <li key={value.code}>
              <span class="check">
                <input
                  type="checkbox"
                  id={id}
                  checked={filter[key2].includes(value.code)}
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

  if (detail) {
    return (
      <ServiceDetail
        id={detail}
        onBack={() => {
          setDetail(null);
          requestAnimationFrame(() =>
            document.getElementById(`hit-${lastOpened.current ?? ''}`)?.focus(),
          );
        }}
      />
    );
  }

  const facets = result?.facets;
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
      {/* The count is announced to screen readers; on screen the heading above the hits says it. */}
      <p class={busy ? 'progress' : 'progress sr-only'} role="status">
        {busy ? t.loading : result ? t.hits(result.totalHits) : ''}
      </p>
      {failure && (
        <div class="alert" role="alert">
          {failure}
        </div>
      )}
      {result && facets && (
        <div class="search-layout">
          <aside class="facets" aria-labelledby="facets-title">
            <h2 id="facets-title">{t.filters}</h2>
            <button type="button" class="secondary small" onClick={() => change(EMPTY)}>
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
                      checked={filter.regionCode === null}
                      onChange={() => change({ ...filter, regionCode: null })}
                    />
                    <label for="facet-region-all">{t.allRegions}</label>
                  </span>
                </li>
                {withSelected(facets.regions, filter.regionCode ? [filter.regionCode] : []).map(
                  (value) => (
                    <li key={value.code}>
                      <span class="check">
                        <input
                          type="radio"
                          name="facet-region"
                          id={`facet-region-${value.code}`}
                          checked={filter.regionCode === value.code}
                          onChange={() => change({ ...filter, regionCode: value.code })}
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
          </aside>
          <div class="hits">
            <h2 id="hits-title">{t.hits(result.totalHits)}</h2>
            {result.hits.length === 0 ? (
              <p>{t.noHits}</p>
            ) : (
              <ol class="plain hit-list" start={(page - 1) * PAGE_SIZE + 1}>
                {result.hits.map(({ service }) => (
                  <li key={service.id} class="card hit">
                    <h3 class="card-title">
                      <button
                        type="button"
                        class="link"
                        id={`hit-${service.id}`}
                        onClick={() => {
                          lastOpened.current = service.id;
                          setDetail(service.id);
                        }}
                      >
                        {service.name}
                      </button>
                    </h3>
                    <p class="type">
                      {nameIn(lang, service.type)}
                      {service.municipality ? ` · ${service.municipality.name}` : ''}
                      {` · ${service.organisation.name}`}
                    </p>
                    {service.demo && <span class="badge demo">{t.demoBadge}</span>}
                  </li>
                ))}
              </ol>
            )}
            <nav class="pager" aria-label={t.page(page)}>
              <button
                type="button"
                class="secondary"
                disabled={page === 1}
                onClick={() => query && void run(query, filter, cursors.slice(0, -1))}
              >
                {t.previousPage}
              </button>
              <span>{t.page(page)}</span>
              <button
                type="button"
                class="secondary"
                disabled={!result.pageInfo.hasNextPage}
                onClick={() =>
                  query && void run(query, filter, [...cursors, result.pageInfo.endCursor])
                }
              >
                {t.nextPage}
              </button>
            </nav>
          </div>
        </div>
      )}
    </div>
  );
}
