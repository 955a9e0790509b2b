// No imports: fragments are embedded by modules that load before anything else (the seed).

const tagged: Cypher[] = [];
let make: (text: string) => Cypher;

/**
 * Query text the code may run. Only two things make one: the `cypher` tag, whose interpolations
 * may only be other `Cypher` values (fragments), never a string or a number, so a value can never
 * be built into a query's text; and `cypher.unchecked`, for statements read from reviewed
 * `.cypher` files (migrations) and for tests. `Neo4jService` and `run` accept nothing else.
 */
export class Cypher {
  readonly #text: string;

  private constructor(text: string) {
    this.#text = text;
  }

  /** The text as it is sent to Neo4j. */
  get text(): string {
    return this.#text;
  }

  toString(): string {
    return this.#text;
  }

  static {
    // The constructor stays private to this module: the tag and `unchecked` below.
    make = (text) => new Cypher(text);
  }
}

/** A template literal's strings: the engine freezes them, a hand-made array is not. */
function isTemplate(strings: TemplateStringsArray): boolean {
  return Object.isFrozen(strings) && Array.isArray(strings.raw) && Object.isFrozen(strings.raw);
}

/**
 * Tags a query constant: `const FIND = cypher\`MATCH (s:Service {id: $id}) RETURN ${PROJECTION}\``.
 * Values go in `$parameters`; `${…}` takes only another tagged constant. Every tagged query is
 * written down in the order the modules create them (see `taggedQueries`), so the query snapshot
 * (`queries.spec.ts`) shows each one whole, fragments resolved, exactly as it runs.
 */
export function cypher(strings: TemplateStringsArray, ...fragments: Cypher[]): Cypher {
  if (!isTemplate(strings) || fragments.some((f) => !(f instanceof Cypher))) {
    throw new TypeError('cypher`…` takes a template literal and only Cypher fragments');
  }
  const query = make(strings.reduce((all, part, i) => all + fragments[i - 1].text + part));
  tagged.push(query);
  return query;
}

/**
 * Cypher text that did not come from the tag: a statement of a migration file (reviewed as a
 * file in graph/migrations) or a query in a test or benchmark. Not used for application queries
 * (queries.spec.ts checks where it is called).
 */
cypher.unchecked = (text: string): Cypher => make(text);

/** Every query the tag has made so far (the query snapshot reads them). */
export function taggedQueries(): readonly Cypher[] {
  return tagged;
}
