import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../src/pathway/resolve.js';
import { parseScenario, ScenarioError, type Scenario } from '../../src/pathway/scenario.js';
import { validateScenario } from '../../src/pathway/validate.js';
import { applyVariant, mergePatch, variantNames } from '../../src/pathway/variants.js';

describe('mergePatch (RFC 7386)', () => {
  // Every example of RFC 7386, Appendix A, verbatim.
  const appendixA: [unknown, unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  it.each(appendixA)('%j + %j = %j', (target, patch, result) => {
    expect(mergePatch(target, patch)).toEqual(result);
  });

  it('reproduces the example of RFC 7386 section 3', () => {
    const target = {
      title: 'Goodbye!',
      author: { givenName: 'John', familyName: 'Doe' },
      tags: ['example', 'sample'],
      content: 'This will be unchanged',
    };
    const patch = { title: 'Hello!', phoneNumber: '+01-123-456-7890', author: { familyName: null }, tags: ['example'] };
    expect(mergePatch(target, patch)).toEqual({
      title: 'Hello!',
      author: { givenName: 'John' },
      tags: ['example'],
      content: 'This will be unchanged',
      phoneNumber: '+01-123-456-7890',
    });
  });

  it('is pure: neither argument changes and the result shares nothing with them', () => {
    const target = { a: { b: [1, 2] }, c: 1 };
    const patch = { a: { d: { e: 1 } }, c: null };
    const before = JSON.stringify([target, patch]);
    const out = mergePatch(target, patch) as { a: { b: number[]; d: { e: number } } };
    expect(JSON.stringify([target, patch])).toBe(before);
    out.a.b.push(3);
    out.a.d.e = 2;
    expect(target.a.b).toEqual([1, 2]);
    expect(patch.a.d.e).toBe(1);
  });

  it('treats "__proto__" as an ordinary key', () => {
    const patch = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
    const out = mergePatch({}, patch) as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(out, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});

function base(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 1,
    name: 'v',
    horizon: 100,
    arrivals: { a: { to: 'clinic', rate: { perDay: 1 } } },
    stages: { clinic: { capacity: { servers: 2 }, service: 0.5 } },
    ...extra,
  };
}

describe('variants', () => {
  const s = parseScenario(
    base({
      variants: {
        more: { description: 'three servers', patch: { stages: { clinic: { capacity: { servers: 3 } } } } },
        slower: { extends: 'more', patch: { stages: { clinic: { service: 1 } } } },
        slowest: { extends: 'slower', patch: { stages: { clinic: { service: 2, queue: 'priority' } }, seed: 5 } },
        slots: { patch: { stages: { clinic: { capacity: { servers: null, slots: 10, per: 'week' } } } } },
      },
    }) as never,
  );

  it('variantNames lists declared variants in file order, without base', () => {
    expect(variantNames(s)).toEqual(['more', 'slower', 'slowest', 'slots']);
    expect(variantNames(parseScenario(base() as never))).toEqual([]);
  });

  it('base is the scenario without its variants', () => {
    const b = applyVariant(s, 'base');
    expect(b.variants).toBeUndefined();
    expect(b.stages).toEqual(s.stages);
  });

  it('applies the extends chain from the outermost ancestor, then the variant itself', () => {
    const v = applyVariant(s, 'slowest');
    expect(v.variants).toBeUndefined();
    // servers from `more`, service overridden by `slower` then `slowest`, queue and seed from `slowest`.
    expect(v.stages.clinic).toEqual({ capacity: { servers: 3 }, service: 2, queue: 'priority' });
    expect(v.seed).toBe(5);
    expect(applyVariant(s, 'slower').stages.clinic).toEqual({ capacity: { servers: 3 }, service: 1 });
  });

  it('null in a patch deletes, so one capacity kind can replace another', () => {
    expect(applyVariant(s, 'slots').stages.clinic!.capacity).toEqual({ slots: 10, per: 'week' });
    expect(resolveScenario(s, 'slots').stages[0]!.capacity[0]!.kind).toBe('slots');
  });

  it('does not change the scenario it is given', () => {
    const before = JSON.stringify(s);
    applyVariant(s, 'slowest');
    resolveScenario(s, 'slowest');
    expect(JSON.stringify(s)).toBe(before);
  });

  it('an unknown variant is a ScenarioError listing the known ones', () => {
    expect(() => applyVariant(s, 'moer')).toThrow(ScenarioError);
    expect(() => applyVariant(s, 'moer')).toThrow(/unknown variant "moer" \(did you mean "more"\?\); the variants are "base", "more", "slower", "slowest" and "slots"/);
    expect(() => resolveScenario(s, 'nope')).toThrow(ScenarioError);
  });

  it('a cycle of extends is an error, from validation and from applyVariant', () => {
    const cyclic = base({
      variants: { x: { extends: 'y', patch: {} }, y: { extends: 'x', patch: {} } },
    });
    const r = validateScenario(cyclic);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.path)).toContain('variants.y.extends');
    expect(r.issues.find((i) => i.path === 'variants.y.extends')!.message).toBe('variants extend each other in a cycle: x → y → x');
    expect(() => applyVariant(cyclic as Scenario, 'x')).toThrow(/variants.y.extends: variants extend each other in a cycle: x → y → x/);
  });

  it('extends naming an unknown variant is an error naming it', () => {
    const r = validateScenario(base({ variants: { x: { extends: 'mroe', patch: {} }, more: { patch: {} } } }));
    expect(r.issues).toContainEqual({
      path: 'variants.x.extends',
      message: 'unknown variant "mroe" (did you mean "more"?); the variants are "x" and "more"',
    });
  });

  it('every variant is validated merged over the base, with the variant named in the path', () => {
    const r = validateScenario(
      base({ variants: { bad: { patch: { stages: { clinic: { capacity: { servers: -1 } } } } }, ok: { patch: {} } } }),
    );
    expect(r.issues).toEqual([{ path: 'variants.bad: stages.clinic.capacity.servers', message: 'expected a positive integer, got -1' }]);
  });

  it('semantic rules apply to variants too (a patch routing to a missing stage)', () => {
    const r = validateScenario(base({ variants: { v: { patch: { stages: { clinic: { next: [{ to: 'xray' }] } } } } } }));
    expect(r.issues).toEqual([{ path: 'variants.v: stages.clinic.next[0].to', message: 'unknown stage "xray"; stages are "clinic" and "exit"' }]);
  });

  it('problems of the base are not repeated for every variant', () => {
    const r = validateScenario({ ...base({ variants: { v: { patch: { seed: 3 } } } }), horizon: -1 });
    expect(r.issues.map((i) => i.path)).toEqual(['horizon']);
  });

  it('a patch must be an object and must not touch variants', () => {
    const r = validateScenario(base({ variants: { p: { patch: [1] }, q: { patch: { variants: null } } } }));
    expect(r.issues).toContainEqual({ path: 'variants.p.patch', message: 'expected an object (a JSON Merge Patch over the scenario), got [1]' });
    expect(r.issues).toContainEqual({ path: 'variants.q.patch.variants', message: 'a variant cannot change `variants`' });
  });

  it('applyVariant and resolveScenario refuse non-plain data with a ScenarioError', () => {
    const cyclic = base() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    cyclic.stages.clinic.loop = cyclic;
    expect(() => applyVariant(cyclic as Scenario, 'base')).toThrow(ScenarioError);
    expect(() => resolveScenario(cyclic as Scenario)).toThrow(/stages\.clinic\.loop: refers back to itself/);
  });

  it('"base" cannot be a variant name', () => {
    const r = validateScenario(base({ variants: { base: { patch: {} } } }));
    expect(r.issues).toContainEqual({
      path: 'variants.base',
      message: '"base" is reserved for the scenario without variants; give this variant another name',
    });
  });
});
