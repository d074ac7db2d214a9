/**
 * The membrane's rules one by one (docs/security.md): what crosses into the engine and how, what comes
 * back, which members of engine objects the file may use, and that the file's own objects keep
 * JavaScript's behaviour (any key, `_`-prefixed ones included).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import ts from 'typescript';
import { Handle, tensorOf } from '../../../extension/analysis/membrane';
import { OPTION_KEYS, moduleTables, tensorMethods } from '../../../extension/analysis/membrane/api';
import { Refused, isMirror, toEngine, toFile } from '../../../extension/analysis/membrane/convert';
import { ClassValue, Closure, Instance, Unknown, newRecord } from '../../../extension/analysis/values';
import { tensor, zeros } from '../../../engine';
import { ROOT, analyzeChecked, binding, errors, logTexts, scalar } from '../helpers';

const noCall = (): never => assert.fail('no callback expected');
const H = `import { tensor, zeros, optim } from 'gradlens';\n`;

/** Methods of a class or interface declaration in the engine's source (not accessors), by visibility. */
function declaredMembers(file: string, cls: string): { public: Set<string>; hidden: Set<string> } {
  const sf = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.ES2022, true);
  const out = { public: new Set<string>(), hidden: new Set<string>() };
  sf.forEachChild((n) => {
    if (!(ts.isClassDeclaration(n) || ts.isInterfaceDeclaration(n)) || n.name?.text !== cls) return;
    for (const m of n.members) {
      if (!(ts.isMethodDeclaration(m) || ts.isMethodSignature(m)) || !m.name || !ts.isIdentifier(m.name)) continue;
      const name = m.name.text;
      const isPrivate = ts.getModifiers(m)?.some((x) => x.kind === ts.SyntaxKind.PrivateKeyword || x.kind === ts.SyntaxKind.ProtectedKeyword || x.kind === ts.SyntaxKind.StaticKeyword);
      const internal = ts.getJSDocTags(m).some((t) => t.tagName.text === 'internal');
      (isPrivate || internal || name.startsWith('_') ? out.hidden : out.public).add(name);
    }
  });
  return out;
}

describe('membrane: the tables', function () {
  this.timeout(20000); // parses the engine's sources with the compiler API
  it('exposes exactly the public methods Tensor declares, and those it inherits from TensorState', () => {
    // the class, the ops' methods it declares in an interface (engine/tensor-methods.ts attaches them), its base
    const parts = [declaredMembers('engine/tensor.ts', 'Tensor'), declaredMembers('engine/tensor.ts', 'TensorOps'), declaredMembers('engine/tensor-state.ts', 'TensorState')];
    assert.ok(parts[1].public.has('matmul'), 'found TensorOps and its matmul()');
    assert.ok(parts[2].public.has('numel'), 'found TensorState and its numel()');
    const declared = { public: new Set(parts.flatMap((p) => [...p.public])), hidden: new Set(parts.flatMap((p) => [...p.hidden])) };
    assert.ok(declared.public.size > 50, 'found the Tensor class');
    assert.deepStrictEqual([...tensorMethods()].sort(), [...declared.public].sort());
    for (const h of declared.hidden) assert.ok(!tensorMethods().has(h), `${h} is not exposed`);
  });

  it('knows every option key of the engine\'s *Options interfaces', () => {
    const keys = new Set<string>();
    const walk = (dir: string): void => {
      for (const f of fs.readdirSync(path.join(ROOT, dir))) {
        const rel = path.join(dir, f);
        if (fs.statSync(path.join(ROOT, rel)).isDirectory()) walk(rel);
        else if (f.endsWith('.ts')) {
          const sf = ts.createSourceFile(f, fs.readFileSync(path.join(ROOT, rel), 'utf8'), ts.ScriptTarget.ES2022, true);
          sf.forEachChild((n) => {
            if (!ts.isInterfaceDeclaration(n) || !n.name.text.endsWith('Options')) return;
            for (const m of n.members) if (m.name && ts.isIdentifier(m.name)) keys.add(m.name.text);
          });
        }
      }
    };
    walk('engine');
    assert.ok(keys.has('requiresGrad') && keys.has('reduction'), 'found the option interfaces');
    for (const k of keys) assert.ok(OPTION_KEYS.has(k), `option '${k}' is missing from OPTION_KEYS`);
  });
});

/**
 * Public data members (fields and getters) each class of engine/nn declares, by class name, with those
 * of the engine/nn base classes it extends (ConvNd's for Conv2d), up to nn.Module (whose `training`
 * every table allows anyway).
 */
function nnDataMembers(): Map<string, Set<string>> {
  const own = new Map<string, Set<string>>();
  const parent = new Map<string, string>();
  for (const f of fs.readdirSync(path.join(ROOT, 'engine', 'nn'))) {
    const sf = ts.createSourceFile(f, fs.readFileSync(path.join(ROOT, 'engine', 'nn', f), 'utf8'), ts.ScriptTarget.ES2022, true);
    sf.forEachChild((n) => {
      if (!ts.isClassDeclaration(n) || !n.name) return;
      const names = new Set<string>();
      for (const m of n.members) {
        if (!(ts.isPropertyDeclaration(m) || ts.isGetAccessor(m)) || !m.name || !ts.isIdentifier(m.name)) continue;
        const hidden = ts.getModifiers(m)?.some((x) => x.kind === ts.SyntaxKind.PrivateKeyword || x.kind === ts.SyntaxKind.ProtectedKeyword || x.kind === ts.SyntaxKind.StaticKeyword);
        if (!hidden && !m.name.text.startsWith('_')) names.add(m.name.text);
      }
      own.set(n.name.text, names);
      const base = n.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
      if (base && ts.isIdentifier(base)) parent.set(n.name.text, base.text);
    });
  }
  const out = new Map<string, Set<string>>();
  for (const [name, names] of own) {
    const all = new Set(names);
    for (let b = parent.get(name); b !== undefined && b !== 'Module'; b = parent.get(b)) for (const x of own.get(b) ?? []) all.add(x);
    out.set(name, all);
  }
  return out;
}

describe('membrane: the nn module tables', () => {
  it('give each engine module exactly the public data members its class declares, and nn.Module\'s public methods', () => {
    const declared = nnDataMembers();
    const { methods, classes } = moduleTables();
    assert.ok(classes.size >= 11, 'the module classes');
    for (const t of classes.values()) {
      const own = declared.get(t.name.replace('nn.', ''));
      assert.ok(own, `engine/nn declares ${t.name}`);
      assert.deepStrictEqual([...t.props].sort(), [...own].sort(), `${t.name}'s readable members`);
    }
    assert.deepStrictEqual([...declared.get('Module')!], ['training']);
    const moduleMethods = declaredMembers('engine/nn/module.ts', 'Module');
    assert.deepStrictEqual([...methods].sort(), [...moduleMethods.public].sort());
    for (const h of moduleMethods.hidden) assert.ok(!methods.has(h), `${h} is not exposed`);
  });
});

describe('membrane: crossing into the engine', function () {
  this.timeout(30000);
  it('passes numbers, strings, booleans and null as they are, and copies arrays', () => {
    const arr = [1, [2, 3]];
    const out = toEngine(arr, noCall, false) as unknown[];
    assert.deepStrictEqual(out, [1, [2, 3]]);
    assert.notStrictEqual(out, arr);
    assert.notStrictEqual(out[1], arr[1]);
  });

  it('gives a handle\'s tensor, and refuses anything shaped like one', () => {
    const t = tensor([1, 2]);
    const h = toFile(t, false) as Handle;
    assert.strictEqual(toEngine(h, noCall, false), t);
    const forged = Object.assign(newRecord(), { shape: [2], dtype: 'float32', _d: null });
    assert.ok(toEngine(forged, noCall, false) instanceof Refused);
    assert.ok(toEngine(Object.create(h) as object, noCall, false) instanceof Refused, 'an object with a handle prototype');
    assert.strictEqual(Handle.isHandle({ kind: 'tensor', name: 'Tensor' }), false);
  });

  it('copies option objects key by key, refusing keys that are no option and those that reach prototypes', () => {
    const opts = Object.assign(newRecord(), { requiresGrad: true, dtype: 'float64' });
    const out = toEngine(opts, noCall, false) as Record<string, unknown>;
    assert.deepStrictEqual({ ...out }, { requiresGrad: true, dtype: 'float64' });
    assert.strictEqual(Object.getPrototypeOf(out), Object.prototype);
    const bad = Object.assign(newRecord(), { ['__proto__']: 1 });
    assert.match((toEngine(bad, noCall, false) as Refused).reason, /__proto__/);
    assert.match((toEngine(Object.assign(newRecord(), { _d: [1] }), noCall, false) as Refused).reason, /'_d' is not an option/);
  });

  it('turns a function of the file into a callback only where the engine takes one', () => {
    const f = new Closure('f', ts.factory.createArrowFunction(undefined, undefined, [], undefined, undefined, ts.factory.createNumericLiteral(1)), undefined as never, undefined, true);
    assert.ok(toEngine(f, noCall, false) instanceof Refused);
    let called = 0;
    const cb = toEngine(f, () => ++called, true);
    assert.strictEqual(typeof cb, 'function');
    (cb as () => void)();
    assert.strictEqual(called, 1);
    const onStep = toEngine(Object.assign(newRecord(), { onStep: f }), () => 0, false) as Record<string, unknown>;
    assert.strictEqual(typeof onStep.onStep, 'function');
  });

  it('refuses class instances of the file, unknowns, and nesting or sizes beyond the limits', () => {
    assert.match((toEngine(new Instance({ name: 'Model' } as ClassValue), noCall, false) as Refused).reason, /class Model/);
    assert.strictEqual((toEngine([[new Unknown('why')]], noCall, false) as Unknown).reason, 'why');
    let deep: unknown = 1;
    for (let i = 0; i < 70; i++) deep = [deep];
    assert.match((toEngine(deep, noCall, false) as Refused).reason, /nesting deeper/);
    const row = new Array(5000).fill(0);
    const wide = new Array(5000).fill(row);
    assert.match((toEngine(wide, noCall, false) as Refused).reason, /more than/);
  });
});

describe('membrane: coming out of the engine', () => {
  it('gives one handle per engine object, and the tensor back to the trace', () => {
    const t = zeros([2]);
    const a = toFile(t, false);
    assert.ok(Handle.isHandle(a));
    assert.strictEqual(toFile(t, false), a);
    assert.strictEqual(tensorOf(a), t);
    assert.strictEqual(Object.isFrozen(a), true);
    assert.ok(!Object.values(a as object).includes(t), 'no own property holds the tensor');
  });

  it('copies engine state read through properties into frozen mirrors, typed arrays into arrays', () => {
    const t = tensor([[1, 2], [3, 4]]);
    const shape = toFile(t.shape, true);
    assert.ok(isMirror(shape) && Object.isFrozen(shape));
    const data = toFile(t.dataSync(), true) as number[];
    assert.ok(Array.isArray(data));
    assert.deepStrictEqual(data, [1, 2, 3, 4]);
    assert.ok(!isMirror(toFile([1], false)));
  });

  it('does not hand out engine objects it has no table for', () => {
    assert.ok(toFile(new Map(), false) instanceof Object && !Handle.isHandle(toFile(new Map(), false)));
    assert.match(String((toFile(() => 1, false) as { reason: string }).reason), /not exposed/);
  });
});

describe('membrane: the file\'s view', () => {
  it('the file\'s own objects keep any key, _-prefixed ones included', () => {
    const t = analyzeChecked(`const o: any = { _a: 1, toString: 2 };\no._b = 2;\no['__x'] = 3;\nconsole.log(o._a + o._b + o.__x + o.toString);\n`);
    assert.deepStrictEqual(logTexts(t), ['8']);
    assert.deepStrictEqual(t.diagnostics, []);
  });

  it('a template calls an object\'s own toString, as JavaScript does', () => {
    const t = analyzeChecked(`const o = { n: 3, toString() { return 'n=' + this.n; } };\nconsole.log(\`\${o}!\`, String(o), 'x' + o);\n`);
    assert.deepStrictEqual(logTexts(t), ['n=3! n=3 xn=3']);
  });

  it('reads public tensor members and refuses the rest, naming them', () => {
    const t = analyzeChecked(`${H}const x = tensor([1, 2], { requiresGrad: true });\nconsole.log(x.shape.length + x.ndim, x.dtype, x.isLeaf);\nconst d = (x as any)._d;\nconst r = (x as any).rare;\n`);
    assert.deepStrictEqual(logTexts(t), ['2 float32 true']);
    assert.ok(t.diagnostics.some((d) => d.line === 4 && /'_d' is not a public member of a tensor/.test(d.message)));
    assert.ok(t.diagnostics.some((d) => d.line === 5 && /'rare' is not a public member of a tensor/.test(d.message)));
  });

  it('lets the file set requiresGrad and grad with PyTorch\'s checks, and nothing else', () => {
    const t = analyzeChecked(`${H}const x = tensor([1, 2]);\nx.requiresGrad = true;\nconst y = x.mul(3).sum();\ny.backward();\nx.grad = zeros([3]);\nx.grad = zeros([2]);\n(x as any).requiresGrad = 'yes';\nconsole.log(x.grad);\n`);
    assert.ok(errors(t).some((d) => d.line === 6 && /assigned grad has data of a different size/.test(d.message)));
    assert.ok(errors(t).some((d) => d.line === 8 && /requiresGrad must be a boolean/.test(d.message)));
    assert.deepStrictEqual(logTexts(t), ['tensor([0., 0.])']);
    assert.strictEqual(binding(t, 'y').gradFn, 'SumBackward0');
  });

  it('a write to a copy of engine state is refused, not silently lost, and the tensor is unknown after it', () => {
    const t = analyzeChecked(`${H}const x = tensor([1, 2]);\nconst s = x.shape;\ns[0] = 5;\nconsole.log(x.shape[0]);\nconst y = x.sum();\n`);
    assert.ok(t.diagnostics.some((d) => d.line === 4 && /read from a gradlens object/.test(d.message)));
    // a real run changed the engine's shape array: neither the old 2 nor a sum of the old values is shown
    assert.deepStrictEqual(logTexts(t), ['<unknown>']);
    assert.strictEqual(binding(t, 'y').value, null);
  });

  it('optimizers are made through the membrane and update the real parameters', () => {
    const t = analyzeChecked(`${H}const w = tensor([1.0], { requiresGrad: true });\nconst opt = new optim.SGD([w], { lr: 0.5 });\nw.mul(w).sum().backward();\nopt.step();\nconst after = w.item();\n`);
    assert.strictEqual(scalar(binding(t, 'after').value), 0);
    assert.deepStrictEqual(errors(t), []);
  });

  it('the file\'s onStep runs, with grad functions it can read but not open', () => {
    const t = analyzeChecked(`${H}const x = tensor(2.0, { requiresGrad: true });\nconst names: string[] = [];\nx.mul(x).backward(undefined, { onStep: (e: any) => names.push(e.node.name) });\nconsole.log(names.join(','));\n`);
    assert.deepStrictEqual(logTexts(t), ['MulBackward0,AccumulateGrad']);
  });
});
