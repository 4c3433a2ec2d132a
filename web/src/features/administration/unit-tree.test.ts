import { describe, expect, it } from 'vitest';
import type { Unit } from '#shared/contracts/administration.ts';
import { flatten, indentedName, selfAndBelow, unitTree } from './unit-tree.ts';

const unit = (id: string, name: string, parentId: string | null = null): Unit => ({
  id,
  tenantId: 't',
  parentId,
  level: 'unit',
  name,
  countyCode: null,
  municipalityCode: null,
  active: true,
  version: 1,
});

describe('the unit tree of the administration pages', () => {
  const units = [unit('c', 'Falun', 'r'), unit('r', 'Region Mitt'), unit('b', 'Borlänge', 'r'), unit('g', 'Gruvan', 'c'), unit('x', 'Underhållsstöd')];

  it('orders parents before children and siblings by Swedish name', () => {
    expect(flatten(unitTree(units)).map(indentedName)).toEqual(['Region Mitt', '– Borlänge', '– Falun', '– – Gruvan', 'Underhållsstöd']);
  });

  it('knows a unit and everything below it, which can never become its parent', () => {
    expect([...selfAndBelow(units, 'r')].sort()).toEqual(['b', 'c', 'g', 'r']);
    expect([...selfAndBelow(units, 'g')]).toEqual(['g']);
  });
});
