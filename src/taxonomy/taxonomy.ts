import { AppError } from '../common/app-error';
import { Need, ServiceType, TargetGroup } from './models/taxonomy.models';
import { TaxonomyRow, TaxonomyRows } from './taxonomy.repository';

export type HierarchyNode = TargetGroup | Need;

/** A code hierarchy (target groups or needs) held in memory: small, read on every request. */
export class Hierarchy<T extends HierarchyNode> {
  private readonly byCode: Map<string, T>;
  private readonly childrenOf = new Map<string, T[]>();
  /** The hierarchy never changes once built: the walks below are computed once per code. */
  private readonly below = new Map<string, string[]>();
  private readonly above = new Map<string, string[]>();
  private readonly expanded = new Map<string, string[]>();

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

function toType(row: TaxonomyRow): ServiceType {
  return { code: row.code, name: row.name, nameEn: row.nameEn, description: row.description };
}

function toNode(row: TaxonomyRow): TargetGroup {
  return { code: row.code, name: row.name, nameEn: row.nameEn, parentCode: row.parentCode };
}

function toNeed(row: TaxonomyRow): Need {
  return { ...toNode(row), followUpCodes: row.followUpCodes ?? [] };
}

const byCode = (a: { code: string }, b: { code: string }): number =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : 0;

export class Taxonomy {
  readonly serviceTypes: ServiceType[];
  readonly serviceTypeByCode: Map<string, ServiceType>;
  readonly targetGroups: Hierarchy<TargetGroup>;
  readonly needs: Hierarchy<Need>;

  constructor(rows: TaxonomyRows) {
    this.serviceTypes = rows.serviceTypes.map(toType).sort(byCode);
    this.serviceTypeByCode = new Map(this.serviceTypes.map((t) => [t.code, t]));
    this.targetGroups = new Hierarchy(rows.targetGroups.map(toNode).sort(byCode));
    this.needs = new Hierarchy(rows.needs.map(toNeed).sort(byCode));
  }

  /**
   * What usually comes next after the given needs (the referral chain, as data), leaving out
   * what the request already covers; each with the requested needs it follows, in order.
   */
  followUps(needs: readonly string[]): { code: string; after: string[] }[] {
    const covered = new Set(this.needs.expandForMatch(needs));
    const out = new Map<string, string[]>();
    for (const need of needs) {
      for (const next of this.needs.get(need)?.followUpCodes ?? []) {
        if (!covered.has(next)) {
          out.set(next, [...(out.get(next) ?? []), need]);
        }
      }
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
