import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ReferenceQuery } from './generated/graphql';

export interface Named {
  code: string;
  name: string;
  nameEn: string;
}

export interface TreeNode extends Named {
  children: TreeNode[];
}

export interface Reference {
  groups: TreeNode[];
  needs: TreeNode[];
  types: Named[];
  regions: Named[];
  municipalities: ReferenceQuery['municipalities'];
  /** Any organisation marked as demonstration data: the page then says so everywhere. */
  demo: boolean;
  /** code → name, for facets and reasons across the hierarchies. */
  byCode: Map<string, Named>;
}

/** Roots in the order a professional thinks of them; everything else by name. */
const ROOT_ORDER = [
  'victims',
  'relatives',
  'professionals',
  'perpetrators',
  'safety',
  'health',
  'counselling',
  'legal-advice',
  'stalking-support',
  'aftercare',
];

function byOrder(a: TreeNode, b: TreeNode): number {
  const ia = ROOT_ORDER.indexOf(a.code);
  const ib = ROOT_ORDER.indexOf(b.code);
  if (ia !== ib) {
    return (ia === -1 ? ROOT_ORDER.length : ia) - (ib === -1 ? ROOT_ORDER.length : ib);
  }
  return a.name.localeCompare(b.name, 'da');
}

function sortTree(nodes: TreeNode[]): TreeNode[] {
  for (const node of nodes) {
    sortTree(node.children);
  }
  return nodes.sort(byOrder);
}

function tree(items: (Named & { parent: { code: string } | null })[]): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  for (const item of items) {
    nodes.set(item.code, { code: item.code, name: item.name, nameEn: item.nameEn, children: [] });
  }
  const roots: TreeNode[] = [];
  for (const item of items) {
    const node = nodes.get(item.code);
    const parent = item.parent ? nodes.get(item.parent.code) : undefined;
    if (!node) {
      continue;
    }
    if (parent) {
      parent.children.push(node);
    } else {
      roots.push(node);
    }
  }
  return sortTree(roots);
}

export function toReference(data: ReferenceQuery): Reference {
  const byCode = new Map<string, Named>();
  for (const item of [...data.targetGroups, ...data.needs, ...data.serviceTypes, ...data.regions]) {
    byCode.set(item.code, item);
  }
  return {
    groups: tree(data.targetGroups),
    needs: tree(data.needs),
    types: data.serviceTypes,
    regions: data.regions,
    municipalities: [...data.municipalities].sort((a, b) => a.name.localeCompare(b.name, 'da')),
    demo: data.organisations.edges.some((edge) => edge.node.demo),
    byCode,
  };
}

export const ReferenceData = createContext<Reference | null>(null);

export function useReference(): Reference {
  const ref = useContext(ReferenceData);
  if (!ref) {
    throw new Error('reference data is not loaded');
  }
  return ref;
}
