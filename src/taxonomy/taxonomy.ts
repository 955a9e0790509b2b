import { AppError } from '../common/app-error';
import {
  FollowUpCondition,
  FollowUpLink,
  Need,
  Phase,
  ServiceType,
  TargetGroup,
} from './models/taxonomy.models';
import { TaxonomyRow, TaxonomyRows } from './taxonomy.repository';

export type HierarchyNode = TargetGroup | Need;

/** A code's broader codes (`up`) and narrower ones (`down`), each list starting with the code. */
export interface CodeLine {
  readonly up: readonly string[];
  readonly down: readonly string[];
}

/** A code hierarchy (target groups or needs) held in memory: small, read on every request. */
export class Hierarchy<T extends HierarchyNode> {
  private readonly byCode: Map<string, T>;
  private readonly childrenOf = new Map<string, T[]>();
  /** The hierarchy never changes once built: the walks below are computed once per code. */
  private readonly below = new Map<string, string[]>();
  private readonly above = new Map<string, string[]>();
  private readonly expanded = new Map<string, string[]>();
  private readonly subtrees = new Map<string, ReadonlySet<string>>();
  private readonly lines = new Map<string, CodeLine>();

  constructor(readonly nodes: T[]) {
    this.byCode = new Map(nodes.map((n) => [n.code, n]));
    for (const node of nodes) {
      if (node.parentCode) {
        const list = this.childrenOf.get(node.parentCode) ?? [];
        list.push(node);
        this.childrenOf.set(node.parentCode, list);
      }
    }
  }

  get(code: string): T | undefined {
    return this.byCode.get(code);
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  parent(code: string): T | null {
    const parentCode = this.byCode.get(code)?.parentCode;
    return parentCode ? (this.byCode.get(parentCode) ?? null) : null;
  }

  children(code: string): T[] {
    return this.childrenOf.get(code) ?? [];
  }

  /** The code and every narrower code below it. */
  descendantsAndSelf(code: string): string[] {
    let out = this.below.get(code);
    if (!out) {
      out = [code];
      for (const child of this.children(code)) {
        out.push(...this.descendantsAndSelf(child.code));
      }
      this.below.set(code, out);
    }
    return [...out];
  }

  /** The code and every broader code above it. */
  ancestorsAndSelf(code: string): string[] {
    let out = this.above.get(code);
    if (!out) {
      out = [];
      let current: T | undefined = this.byCode.get(code);
      while (current) {
        out.push(current.code);
        current = current.parentCode ? this.byCode.get(current.parentCode) : undefined;
      }
      this.above.set(code, out);
    }
    return [...out];
  }

  /** The code and every narrower code as a set, shared (empty for a code not in the hierarchy). */
  subtree(code: string): ReadonlySet<string> {
    let set = this.subtrees.get(code);
    if (!set) {
      set = new Set(this.byCode.has(code) ? this.descendantsAndSelf(code) : []);
      this.subtrees.set(code, set);
    }
    return set;
  }

  /** The code's broader and narrower codes (each list with the code itself), shared. */
  line(code: string): CodeLine {
    let line = this.lines.get(code);
    if (!line) {
      line = { up: this.ancestorsAndSelf(code), down: this.descendantsAndSelf(code) };
      this.lines.set(code, line);
    }
    return line;
  }

  /**
   * Every code a service may carry and still match a request for `codes`: the code itself, the
   * narrower ones (a request for legal-advice is met by divorce) and the broader ones (a service
   * for victims serves women).
   */
  expandForMatch(codes: readonly string[]): string[] {
    const key = codes.join('\n');
    let sorted = this.expanded.get(key);
    if (!sorted) {
      const out = new Set<string>();
      for (const code of codes) {
        this.descendantsAndSelf(code).forEach((c) => out.add(c));
        this.ancestorsAndSelf(code).forEach((c) => out.add(c));
      }
      sorted = [...out].sort();
      // bounded: requests bring arbitrary code lists (already checked to be known codes)
      if (this.expanded.size < 10_000) {
        this.expanded.set(key, sorted);
      }
    }
    return [...sorted];
  }

  unknown(codes: readonly string[]): string[] {
    return [...new Set(codes.filter((c) => !this.byCode.has(c)))];
  }
}

export type TaxonomyKind = 'serviceTypes' | 'targetGroups' | 'needs';

const KIND_LABEL: Record<TaxonomyKind, string> = {
  serviceTypes: 'service type',
  targetGroups: 'target group',
  needs: 'need',
};

const PHASES = new Set<string>(Object.values(Phase));
const CONDITIONS = new Set<string>(['OTHER_LANGUAGE'] satisfies FollowUpCondition[]);

const asPhase = (value: string | null | undefined): Phase | null =>
  value && PHASES.has(value) ? (value as Phase) : null;

/**
 * Each row's phase; a node seeded before phases existed takes its parent's, else SUPPORT (the
 * seed gives every node one, so this only bridges an old database until the next seed).
 */
function phasesOf(rows: readonly TaxonomyRow[]): Map<string, Phase> {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const resolve = (row: TaxonomyRow, depth: number): Phase => {
    const own = asPhase(row.phase);
    const parent = row.parentCode ? byCode.get(row.parentCode) : undefined;
    return own ?? (parent && depth < 10 ? resolve(parent, depth + 1) : Phase.SUPPORT);
  };
  return new Map(rows.map((r) => [r.code, resolve(r, 0)]));
}

function toType(row: TaxonomyRow, phase: Phase): ServiceType {
  return {
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    description: row.description,
    phase,
  };
}

function toNode(row: TaxonomyRow): TargetGroup {
  return { code: row.code, name: row.name, nameEn: row.nameEn, parentCode: row.parentCode };
}

function toNeed(row: TaxonomyRow, phase: Phase): Need {
  return {
    ...toNode(row),
    phase,
    followUpLinks: (row.followUps ?? []).map((f): FollowUpLink => ({
      code: f.code,
      when: f.when && CONDITIONS.has(f.when) ? (f.when as FollowUpCondition) : null,
    })),
  };
}

/** What the conditions of the referral chain look at (never more of the request than this). */
export interface FollowUpContext {
  /** The person speaks a language other than Danish. */
  otherLanguage: boolean;
}

/** One step of the chain: the need, and the needs (requested, or earlier steps) it follows. */
export interface ChainStep {
  code: string;
  after: string[];
}

const byCode = (a: { code: string }, b: { code: string }): number =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : 0;

export class Taxonomy {
  readonly serviceTypes: ServiceType[];
  readonly serviceTypeByCode: Map<string, ServiceType>;
  readonly targetGroups: Hierarchy<TargetGroup>;
  readonly needs: Hierarchy<Need>;

  constructor(rows: TaxonomyRows) {
    const typePhases = phasesOf(rows.serviceTypes);
    const needPhases = phasesOf(rows.needs);
    this.serviceTypes = rows.serviceTypes
      .map((r) => toType(r, typePhases.get(r.code) ?? Phase.SUPPORT))
      .sort(byCode);
    this.serviceTypeByCode = new Map(this.serviceTypes.map((t) => [t.code, t]));
    this.targetGroups = new Hierarchy(rows.targetGroups.map(toNode).sort(byCode));
    this.needs = new Hierarchy(
      rows.needs.map((r) => toNeed(r, needPhases.get(r.code) ?? Phase.SUPPORT)).sort(byCode),
    );
  }

  /** The next needs after `code` that apply to this person, in order. */
  private nextOf(code: string, person: FollowUpContext): string[] {
    return (this.needs.get(code)?.followUpLinks ?? [])
      .filter((f) => f.when === null || (f.when === 'OTHER_LANGUAGE' && person.otherLanguage))
      .map((f) => f.code);
  }

  /**
   * What usually comes next after the given needs (the referral chain, as data), leaving out
   * what the request already covers and steps whose condition the person does not meet; each
   * with the requested needs it follows, in order.
   */
  followUps(
    needs: readonly string[],
    person: FollowUpContext = { otherLanguage: false },
  ): ChainStep[] {
    return this.chain(needs, person, 1);
  }

  /**
   * The referral chain followed `depth` links from the given needs, breadth first: each need once
   * (the first time it is reached), never one the request covers, so a cycle in the data ends
   * where it meets a need already taken.
   */
  chain(needs: readonly string[], person: FollowUpContext, depth: number): ChainStep[] {
    const covered = new Set(this.needs.expandForMatch(needs));
    const out = new Map<string, string[]>();
    let frontier = [...needs];
    for (let level = 0; level < depth && frontier.length > 0; level++) {
      const reached: string[] = [];
      for (const need of frontier) {
        for (const next of this.nextOf(need, person)) {
          if (covered.has(next)) {
            continue;
          }
          const after = out.get(next);
          if (after) {
            if (!after.includes(need) && reached.includes(next)) {
              after.push(need);
            }
            continue;
          }
          out.set(next, [need]);
          reached.push(next);
        }
      }
      frontier = reached;
    }
    return [...out].map(([code, after]) => ({ code, after }));
  }

  unknown(kind: TaxonomyKind, codes: readonly string[]): string[] {
    if (kind === 'serviceTypes') {
      return [...new Set(codes.filter((c) => !this.serviceTypeByCode.has(c)))];
    }
    return this[kind].unknown(codes);
  }

  /** Throws BAD_USER_INPUT listing every unknown code, so the caller can fix them all at once. */
  assertKnown(kind: TaxonomyKind, codes: readonly string[] | undefined, argument: string): void {
    if (!codes || codes.length === 0) {
      return;
    }
    const unknown = this.unknown(kind, codes);
    if (unknown.length > 0) {
      throw AppError.badInput(
        `Unknown ${KIND_LABEL[kind]} code(s) in ${argument}: ${unknown.join(', ')}`,
        {
          argument,
          unknownCodes: unknown,
        },
      );
    }
  }
}
