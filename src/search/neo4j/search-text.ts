import { run, Tx } from '../../neo4j/neo4j.service';
import { cypher } from '../../neo4j/cypher';
import { KEYWORDS_BY_CODE, LANGUAGE_WORDS } from '../search-vocabulary';

/**
 * Recomputes `s.searchText` for `s` (null is skipped): the description, the Danish and English
 * names of type, groups, needs, organisation and places, keywords and language names, followed by
 * the Danish ASCII form of all of it (å → aa, æ → ae, ø → oe). Never an address.
 */
export const REFRESH_SEARCH_TEXT_OF_S = cypher`
CALL {
  WITH s
  WITH s WHERE s IS NOT NULL
  WITH s,
    [s.name, coalesce(s.description, '')]
    + [(s)-[:OF_TYPE]->(t:ServiceType) | t.name + ' ' + t.nameEn + ' ' + coalesce($keywords[t.code], '')]
    + [(s)-[:SERVES]->(g:TargetGroup) | g.name + ' ' + g.nameEn + ' ' + coalesce($keywords[g.code], '')]
    + [(s)-[:MEETS]->(n:Need) | n.name + ' ' + n.nameEn + ' ' + coalesce($keywords[n.code], '')]
    + [(o:Organisation)-[:OPERATES]->(s) | o.name]
    + [(s)-[:LOCATED_IN]->(m:Municipality) | m.name]
    + [(s)-[:LOCATED_IN]->(:Municipality)-[:IN_REGION]->(r:Region) | r.name + ' ' + r.nameEn]
    + [(s)-[:COVERS]->(r:Region) | r.name + ' ' + r.nameEn]
    + [(s)-[:COVERS]->(m:Municipality) | m.name]
    + [l IN coalesce(s.languages, []) | coalesce($languageWords[l], l)] AS parts
  WITH s, reduce(text = '', p IN parts | text + ' ' + p) AS text
  SET s.searchText = trim(text + ' ' +
    replace(replace(replace(toLower(text), 'å', 'aa'), 'æ', 'ae'), 'ø', 'oe'))
}`;

/** The parameters REFRESH_SEARCH_TEXT_OF_S reads: keywords by code and words by language. */
export const SEARCH_TEXT_VOCABULARY = { keywords: KEYWORDS_BY_CODE, languageWords: LANGUAGE_WORDS };

const REFRESH_SEARCH_TEXT = cypher`
UNWIND $serviceIds AS serviceId
OPTIONAL MATCH (s:Service {id: serviceId})
${REFRESH_SEARCH_TEXT_OF_S}
RETURN count(s) AS refreshed`;

/**
 * Recomputes `searchText` of these services in the caller's transaction, with no outbox entry:
 * a reindex on the Neo4j engine, and the start-up pass over services that have none.
 */
export async function refreshSearchTextInTx(tx: Tx, serviceIds: string[]): Promise<number> {
  const ids = [...new Set(serviceIds)];
  if (ids.length === 0) {
    return 0;
  }
  const [row] = await run<{ refreshed: number }>(tx, REFRESH_SEARCH_TEXT, {
    serviceIds: ids,
    ...SEARCH_TEXT_VOCABULARY,
  });
  return row?.refreshed ?? 0;
}
