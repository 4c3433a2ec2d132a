import type { Unit } from '#shared/contracts/administration.ts';

export type UnitNode = Unit & { children: UnitNode[]; depth: number };

/** Units as a tree (parents first, names in order); a unit whose parent is not listed is a root. */
export function unitTree(units: Unit[]): UnitNode[] {
  const byParent = new Map<string | null, Unit[]>();
  const ids = new Set(units.map((unit) => unit.id));
  for (const unit of units) {
    const parent = unit.parentId && ids.has(unit.parentId) ? unit.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), unit]);
  }
  const build = (parent: string | null, depth: number): UnitNode[] =>
    (byParent.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'sv')).map((unit) => ({ ...unit, depth, children: build(unit.id, depth + 1) }));
  return build(null, 0);
}

/** The tree flattened in display order, for select options that show the depth. */
export function flatten(nodes: UnitNode[]): UnitNode[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children)]);
}

/** A unit and every unit below it: never a valid new parent for it. */
export function selfAndBelow(units: Unit[], id: string): Set<string> {
  const result = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const unit of units) {
      if (unit.parentId && result.has(unit.parentId) && !result.has(unit.id)) {
        result.add(unit.id);
        grew = true;
      }
    }
  }
  return result;
}

/** A select label that shows the depth without relying on indentation alone. */
export function indentedName(node: UnitNode): string {
  return `${'– '.repeat(node.depth)}${node.name}`;
}
