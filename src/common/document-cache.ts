import type { DocumentStore } from '@apollo/server';
import { BREAK, DocumentNode, Kind, visit } from 'graphql';
import { LRUCache } from 'lru-cache';

/**
 * The parsed-document cache (Apollo's `documentStore`): a request whose query text was seen
 * before skips parsing and graphql's validation (about 1–2 ms of CPU for the page's queries).
 *
 * It keeps a document only when nothing in it can describe a person. A client that types a
 * referral inline (`referral(input: { needCodes: ["…"], age: 34 … })`) instead of passing it as
 * variables must not leave it in memory, so a document is stored only when:
 *
 * - it has no string literal (`"…"` or `"""…"""`): names, codes, ids, search text, addresses;
 * - no object literal (`{ … }` as a value) and no list literal (`[ … ]` as a value): every input
 *   type (the referral, a filter, a listing) is one of these;
 * - no float literal (a position);
 * - no comment (`# …`: free text in the source, which the document keeps whole in `loc`).
 *
 * That is checked everywhere: arguments, variables' default values and directives. What may stay
 * is the operation's shape with `$variables`, and Int, Boolean, null and enum literals
 * (`first: 20`, `language: EN`, `@include(if: true)`): page sizes, versions and switches. The
 * names in the document (operation name, aliases, fragment names) are the client program's
 * identifiers and stay too. Variables' values are never part of the document; the cache key
 * is Apollo's SHA-256 of the query text and is kept only for documents stored.
 *
 * Bounded: at most MAX_DOCUMENTS documents and MAX_SOURCE_CHARS characters of query text in all
 * (a parsed document takes about 75 bytes per character of compact source, so this is at most
 * ~40 MB, typically well under 1 MB); a document over MAX_DOCUMENT_CHARS is never stored. The
 * least recently used go first. The query limits still run on every request with its own
 * variables, cached or not (see `queryLimitsPlugin`).
 */
export const MAX_DOCUMENTS = 500;
export const MAX_SOURCE_CHARS = 512 * 1024;
export const MAX_DOCUMENT_CHARS = 32 * 1024;

/** Value kinds that are never kept (see above). */
const UNSAFE_VALUES = new Set<Kind>([Kind.STRING, Kind.OBJECT, Kind.LIST, Kind.FLOAT]);

/** The query text a parsed document keeps (`loc.source.body`), or undefined without locations. */
function sourceOf(document: DocumentNode): string | undefined {
  return document.loc?.source.body;
}

/**
 * Whether a document may be kept in the cache: no string, object, list or float literal and no
 * comment anywhere (see the module comment). A document parsed without locations is not kept
 * (its source cannot be checked for comments).
 */
export function isCacheable(document: DocumentNode): boolean {
  const source = sourceOf(document);
  // With no string literal in the document, a `#` can only start a comment.
  if (source === undefined || source.includes('#') || source.length > MAX_DOCUMENT_CHARS) {
    return false;
  }
  let safe = true;
  visit(document, {
    enter(node) {
      if (UNSAFE_VALUES.has(node.kind)) {
        safe = false;
        return BREAK;
      }
      return undefined;
    },
  });
  return safe;
}

/**
 * A bounded LRU `DocumentStore` (lru-cache, sized by query text) that stores only `isCacheable`
 * documents; `set` of any other document does nothing (and removes an entry of that key, should
 * one exist).
 */
export class SafeDocumentCache implements DocumentStore {
  private readonly entries: LRUCache<string, DocumentNode>;
  /** Lookups that found a document / found none, since the start. */
  hits = 0;
  misses = 0;

  constructor(maxDocuments = MAX_DOCUMENTS, maxChars = MAX_SOURCE_CHARS) {
    this.entries = new LRUCache<string, DocumentNode>({
      max: maxDocuments,
      maxSize: maxChars,
      sizeCalculation: (document) => Math.max(1, sourceOf(document)?.length ?? 0),
    });
  }

  /** Documents held now. */
  get size(): number {
    return this.entries.size;
  }

  /** The documents held now, least recently used first (for tests and diagnostics). */
  documents(): DocumentNode[] {
    return [...this.entries.rvalues()].filter((document) => document !== undefined);
  }

  get(key: string): Promise<DocumentNode | undefined> {
    const document = this.entries.get(key);
    if (document) {
      this.hits++;
    } else {
      this.misses++;
    }
    return Promise.resolve(document);
  }

  set(key: string, document: DocumentNode): Promise<void> {
    this.entries.delete(key);
    if (isCacheable(document)) {
      this.entries.set(key, document);
    }
    return Promise.resolve();
  }

  delete(key: string): Promise<boolean> {
    return Promise.resolve(this.entries.delete(key));
  }
}
