/**
 * Files an attacker would commit to a repository, one per way out of the interpreter, grouped by the
 * root cause they aim at. Each would write the file MARKER if any of it ran as JavaScript; the line
 * marked `// attack` is where the analysis must say, in a diagnostic, that it refused something.
 * `MARKER` is replaced by the JSON string of a fresh path; `PAYLOAD` by a statement writing it (`'PAYLOAD'`
 * by that statement as a string), and
 * `EXPR` by that statement as an expression string (for the fused loop's compiler).
 */
export type RootCause = 'code-from-data' | 'prototype' | 'internals' | 'forged-operand' | 'engine-function' | 'hooks' | 'callback' | 'module' | 'host' | 'shared';

export interface Attack {
  name: string;
  cause: RootCause;
  code: string;
  /** Words the diagnostic on the attack line says (case-insensitive), e.g. "not a public member". */
  says: RegExp;
}

const H = `import { tensor, zeros, cat, noGrad, optim, F, autograd } from 'gradlens';\nconst x = tensor([1, 2, 3], { requiresGrad: true });\n`;
const M = `import { nn } from 'gradlens';\n`;
const NODE = `{ expr: EXPR, args: [], f32: false, n: 1, len: 1, data: null, divisor: 0, store: false, retired: false }`;

function a(name: string, cause: RootCause, body: string, says: RegExp): Attack {
  return { name, cause, code: H + body, says };
}

export const ATTACKS: readonly Attack[] = [
  // (a) code from data: a deferred node whose expression travels through objects
  a('the issue repro: a forged lazy node under a tensor prototype', 'code-from-data',
    `const node = ${NODE};\nconst fake = { __proto__: x, _d: null, _x: { lz: node } }; // attack\nconsole.log(fake.data);\n`, /__proto__/),
  a('a lazy node written into a real tensor', 'code-from-data',
    `const big = zeros([5000]);\n(big as any)._x = { lz: ${NODE} }; // attack\nconsole.log(big.sum().item());\n`, /engine|writable|_x/),
  a('a lazy node through the _lz setter', 'code-from-data',
    `const big = zeros([5000]);\n(big as any)._lz = ${NODE}; // attack\nconsole.log(big.data);\n`, /writable|_lz/),

  // (b) prototypes
  a('an object literal with a tensor prototype as an operand', 'prototype',
    `const fake: any = { __proto__: x, _d: null, _x: { lz: ${NODE} } }; // attack\nconsole.log(x.add(fake).data);\n`, /__proto__/),
  a('Object.setPrototypeOf onto a tensor', 'prototype',
    `const o: any = { _d: null };\nObject.setPrototypeOf(o, x); // attack\nconsole.log(o.data);\n`, /setPrototypeOf/),
  a('Object.create with a tensor prototype', 'prototype',
    `const o: any = Object.create(x); // attack\no._x = { lz: ${NODE} };\nconsole.log(o.data);\n`, /Object\.create/),
  a('__proto__ written on an object', 'prototype',
    `const o: any = {};\no.__proto__ = x; // attack\nconsole.log(o.data);\n`, /__proto__/),
  a('__proto__ written through an index', 'prototype',
    `const o: any = {};\no['__proto__'] = x; // attack\nconsole.log(o.sum());\n`, /__proto__/),
  a('constructor.constructor from a tensor', 'prototype',
    `const f = (x as any).constructor.constructor('PAYLOAD'); // attack\nf();\n`, /constructor/),
  a('constructor.constructor from an array', 'prototype',
    `const f = ([] as any).constructor.constructor('PAYLOAD'); // attack\nf();\n`, /constructor/),

  // (c) reading, spreading and writing engine internals
  a('spreading a tensor copies its private fields', 'internals',
    `const copy: any = { ...x, _x: { lz: ${NODE} } }; // attack\nconsole.log(x.add(copy).data);\n`, /spread/),
  a('Object.assign from a tensor', 'internals',
    `const copy: any = Object.assign({}, x); // attack\ncopy._x = { lz: ${NODE} };\nconsole.log(x.add(copy).data);\n`, /keys of a gradlens object/),
  a('writing a tensor shape', 'internals',
    `(x as any).shape = [1e9]; // attack\nconsole.log(x.tolist());\n`, /only a tensor's requiresGrad, grad and data/),
  a('assigning forged data', 'internals',
    `(x as any).data = { shape: [3], dtype: 'float32', _d: { length: 3, 0: 'PAYLOAD' } }; // attack\nconsole.log(x.sum().item());\n`, /not an option gradlens takes|data must be a Tensor/),
  a('assigning a string as data', 'internals',
    `(x as any).data = 'PAYLOAD'; // attack\nconsole.log(x.sum().item());\n`, /data must be a Tensor/),
  a('writing the storage field through .data', 'internals',
    `(x.data as any)._d = { length: 3, 0: 'PAYLOAD' }; // attack\nconsole.log(x.sum().item());\n`, /only a tensor's requiresGrad, grad and data/),
  a('writing into a tensor shape array', 'internals',
    `(x.shape as any)[0] = 1e9; // attack\nconsole.log(x.tolist());\n`, /read from a gradlens object/),
  a('replacing a tensor method', 'internals',
    `(x as any).mul = () => 0; // attack\nconsole.log(x.mul(2).sum().item());\n`, /only a tensor's requiresGrad, grad and data/),
  a('writing the storage field', 'internals',
    `(x as any)._d = { length: 3, 0: 'PAYLOAD' }; // attack\nconsole.log(x.sum().item());\n`, /only a tensor's requiresGrad, grad and data/),
  a('reading a grad function internals', 'internals',
    `const op: any = (x.mul(2).gradFn as any).op; // attack\nop.backward = () => 0;\n`, /not a public member/),
  a('replacing a namespace function', 'internals',
    `(F as any).softmax = (t: any) => t; // attack\nconsole.log(F.softmax(x, 0).data);\n`, /Cannot assign/),
  a('importing the op-definition machinery', 'internals',
    `import { defineOp, ops, withLimits, Node } from 'gradlens'; // attack\nconst op = (defineOp as any)({ name: 'Evil', forward: () => 0 });\n(ops as any).mul.forward = () => 0;\n(withLimits as any)({ maxElements: 1e15 }, () => zeros([1e9]));\nnew (Node as any)();\n`, /engine internal/),
  a('constructing a raw Tensor', 'internals',
    `import { Tensor } from 'gradlens';\nconst raw = new Tensor(new Float64Array(3) as any, [1e9] as any, 'float64' as any); // attack\nconsole.log(raw.tolist());\n`, /new Tensor/),
  a('reading an optimizer private state', 'internals',
    `const opt = new optim.SGD([x], { lr: 0.1, momentum: 0.9 });\nconst bufs: any = (opt as any).bufs; // attack\nbufs.set(x, 'PAYLOAD');\n`, /not a public member/),

  // (d) forged operands: objects that look like tensors
  a('a forged tensor as an operand', 'forged-operand',
    `const fake: any = { id: 1, shape: [3], dtype: 'float32', requiresGrad: false, _d: null, _s: 0, _x: { lz: ${NODE} }, _fn: null, _tape: null, _slot: -1 };\nconsole.log(x.add(fake).data); // attack\n`, /not an option gradlens takes/),
  a('a forged tensor inside a list', 'forged-operand',
    `const fake: any = { shape: [3], dtype: 'float32', _d: null, _x: { lz: ${NODE} } };\nconsole.log(cat([x, fake]).data); // attack\n`, /not an option gradlens takes/),
  a('a forged parameter for an optimizer', 'forged-operand',
    `const fake: any = { shape: [3], dtype: 'float32', _d: null, _g: { data: 'PAYLOAD' } };\nconst opt = new optim.SGD([fake], { lr: 1 }); // attack\nopt.step();\n`, /not an option gradlens takes/),
  a('a forged tensor for autograd.grad', 'forged-operand',
    `const fake: any = { shape: [], dtype: 'float32', _fn: { arity: 0, apply: 'PAYLOAD' } };\nconsole.log(autograd.grad(fake, [x])); // attack\n`, /cannot be passed to gradlens/),

  // (e) engine functions handed back as values
  a('an engine method through call', 'engine-function',
    `const m: any = x.mul;\nconsole.log(m.call({ _d: 'PAYLOAD' }, 2)); // attack\n`, /property 'call'/),
  a('an engine method as an argument', 'engine-function',
    `console.log(x.add(x.mul as any)); // attack\n`, /cannot be passed to gradlens/),
  a('the constructor of an engine function', 'engine-function',
    `const G: any = (tensor as any).constructor; // attack\nG('PAYLOAD')();\n`, /constructor/),
  a('bind on an engine function', 'engine-function',
    `const b: any = (F.softmax as any).bind(null); // attack\nb(x, 0);\n`, /property 'bind'/),

  // (f) hooks on objects passed to the engine
  a('a getter on an options object', 'hooks',
    `const o = { get dim() { return (globalThis as any).process.mainModule.require('fs').writeFileSync(MARKER, 'x'); } }; // attack\nconsole.log(x.sum(o as any));\n`, /get accessor/),
  a('toString on an argument', 'hooks',
    `const o = { toString() { return 'PAYLOAD'; } };\nconsole.log(x.add(o as any)); // attack\n`, /cannot be passed to gradlens/),
  a('valueOf on a scalar operand', 'hooks',
    `const o = { valueOf() { return 2; } };\nconsole.log(x.mul(o as any).data); // attack\n`, /cannot be passed to gradlens/),
  a('toJSON and then on options', 'hooks',
    `const o = { lr: 0.1, toJSON: () => 'PAYLOAD', then: (r: any) => r('PAYLOAD') };\nconst opt = new optim.SGD([x], o as any); // attack\n`, /cannot be passed to gradlens/),
  a('Symbol.toPrimitive on an operand', 'hooks',
    `const o = { [(Symbol as any).toPrimitive]: () => 'PAYLOAD' }; // attack\nconsole.log(x.mul(o as any));\n`, /Symbol/),

  // (g) callbacks from the engine into the file, and engine objects they receive
  a('onStep receiving grad functions', 'callback',
    `const y = x.mul(2).sum();\ny.backward(undefined, { onStep: (e: any) => { e.node.op.backward = 'PAYLOAD'; (e.node as any).constructor.constructor('PAYLOAD')(); } }); // attack\n`, /not a public member|constructor/),
  a('noGrad with a function that escapes through this', 'callback',
    `noGrad(function (this: any) { return this.constructor.constructor('PAYLOAD')(); }); // attack\n`, /read properties of undefined|constructor/),
  a('a file function handed to gradcheck', 'callback',
    `console.log(autograd.gradcheck((t: any) => 'PAYLOAD', [x])); // attack\n`, /only noGrad\/enableGrad and onStep take one/),
  a('a file class extending autograd.Function reaching Function through its argument', 'callback',
    `class Evil extends autograd.Function { static override forward(_c: any, t: any) { return (t as any).constructor.constructor('PAYLOAD')(); } } // attack\nconsole.log((Evil as any).apply(x));\n`, /constructor/),
  a('a custom backward returning a forged tensor', 'callback',
    `class Evil extends autograd.Function { static override forward(_c: any, t: any) { return t.mul(2); } static override backward(_c: any, g: any) { return { shape: g.shape, dtype: g.dtype, _d: null, _x: { lz: ${NODE} } }; } } // attack\nEvil.apply(x).sum().backward();\nconsole.log(x.grad);\n`, /gradlens takes a tensor or null/),
  a('a custom backward returning a file function', 'callback',
    `class Evil extends autograd.Function { static override forward(_c: any, t: any) { return t.mul(2); } static override backward() { return [() => 'PAYLOAD']; } } // attack\nEvil.apply(x).sum().backward();\nconsole.log(x.grad);\n`, /gradlens takes a tensor or null/),
  a('a ctx method reaching Function', 'callback',
    `class Evil extends autograd.Function { static override forward(c: any, t: any) { return c.saveForBackward.constructor.constructor('PAYLOAD')(); } } // attack\nconsole.log(Evil.apply(x));\n`, /constructor/),
  a('a ctx method called on a forged receiver', 'callback',
    `class Evil extends autograd.Function { static override forward(c: any, t: any) { c.saveForBackward.call({ saved: 'PAYLOAD' }, t); return t.mul(2); } } // attack\nconsole.log(Evil.apply(x));\n`, /property 'call'/),
  a('a saved tensor\'s internals written in backward', 'callback',
    `class Evil extends autograd.Function { static override forward(c: any, t: any) { c.saveForBackward(t); return t.mul(2); } static override backward(c: any, g: any) { c.savedTensors[0]._x = { lz: ${NODE} }; return g; } } // attack\nEvil.apply(x).sum().backward();\nconsole.log(x.grad);\n`, /only a tensor's requiresGrad, grad and data/),
  a('Function.apply of a custom Function on a forged class', 'callback',
    `class F extends autograd.Function { static override forward(_c: any, t: any) { return t; } }\nconst fake: any = { name: 'X', forward: () => 'PAYLOAD', backward: () => 'PAYLOAD' };\nconsole.log((F.apply as any).call(fake, x)); // attack\n`, /property 'call'/),
  a('apply on a file class that does not extend autograd.Function', 'callback',
    `class G { static forward(_c: any, _t: any) { return 'PAYLOAD'; } }\nconsole.log((G as any).apply(null, x)); // attack\n`, /property 'apply'/),
  a('a custom forward that applies itself forever', 'callback',
    `class R extends autograd.Function { static override forward(_c: any, t: any): any { return R.apply(t); } } // attack\nconsole.log(R.apply(x));\n`, /call depth|recursion/i),
  a('a custom backward that runs backward through itself forever', 'callback',
    `import { enableGrad } from 'gradlens';\nclass R extends autograd.Function { static override forward(_c: any, t: any) { return t.mul(2); } static override backward(_c: any, g: any): any { enableGrad(() => R.apply(g.detach().requiresGrad_()).sum().backward()); return g; } } // attack\nR.apply(x).sum().backward();\nconsole.log(x.grad);\n`, /call depth|recursion/i),
  a('autograd.Function.apply called with a file object as the class', 'callback',
    `const fake: any = { name: 'X', forward: () => 'PAYLOAD', backward: () => 'PAYLOAD' };\nconsole.log((autograd.Function as any).apply.call(fake, x)); // attack\n`, /property 'apply'/),
  a('a callback where the engine takes none', 'callback',
    `console.log(tensor((() => 'PAYLOAD') as any)); // attack\n`, /only noGrad\/enableGrad and onStep take one/),

  // (h) nn modules: a file class extending nn.Module is an interpreter value; engine modules are handles
  a('a module subclass reaching Function through super', 'module',
    `${M}class Evil extends nn.Module { grab() { return (super.constructor as any).constructor('PAYLOAD'); } } // attack\nnew Evil().grab()();\n`, /constructor/),
  a('a module subclass reaching Function through this', 'module',
    `${M}class Evil extends nn.Module { override forward() { return (this as any).constructor.constructor('PAYLOAD')(); } } // attack\nnew Evil().forward();\n`, /constructor/),
  a('a module subclass reading the prototype through super', 'module',
    `${M}class Evil extends nn.Module { grab() { return (super['__proto__' as never] as any); } } // attack\nconst p: any = new Evil().grab();\np.parameters = 'PAYLOAD';\n`, /__proto__/),
  a('a file module handed to an engine container', 'module',
    `${M}class Evil extends nn.Module { _d = 'PAYLOAD'; override forward(t: any) { return t; } }\nconst seq = new nn.Sequential(new Evil() as any); // attack\nconsole.log(seq.forward(x));\n`, /instance of the file's class/),
  a('a forged module handed to an engine container', 'module',
    `${M}const fake: any = { training: true, forward: () => 'PAYLOAD', _getName: () => 'PAYLOAD' };\nconst seq = new nn.Sequential(fake); // attack\nconsole.log(seq.forward(x));\n`, /not an option gradlens takes|cannot be passed/),
  a('a file class extending an engine module', 'module',
    `${M}class Evil extends (nn.Linear as any) { override forward() { return (this as any)._getName.constructor('PAYLOAD')(); } } // attack\nnew Evil(2, 2).forward();\n`, /extending/),
  a('a file class extending Tensor', 'module',
    `import { Tensor } from 'gradlens';\nclass Evil extends Tensor { boom() { return (this as any)._d; } } // attack\nconsole.log(new (Evil as any)(null, [3], 'float32').boom());\n`, /extending/),
  a('reading an engine module internal', 'module',
    `${M}const lin = new nn.Linear(3, 1);\nconst name: any = (lin as any)._getName; // attack\nname.call({ constructor: 'PAYLOAD' });\n`, /not a public member/),
  a('replacing an engine module method', 'module',
    `${M}const lin = new nn.Linear(3, 1);\n(lin as any).forward = () => 'PAYLOAD'; // attack\nconsole.log(new nn.Sequential(lin).forward(x));\n`, /only its training flag and parameter slots/),
  a('a forged tensor in a parameter slot', 'module',
    `${M}const lin = new nn.Linear(3, 1);\n(lin as any).weight = { shape: [1, 3], dtype: 'float32', _d: null, _x: { lz: ${NODE} } }; // attack\nconsole.log(lin.forward(x.reshape([1, 3])));\n`, /a tensor \(nn.Parameter\) or null/),
  a('the engine error a catch clause receives', 'module',
    `let caught: any;\ntry { x.view(7); } catch (e) { caught = e; }\nconsole.log(caught.source, caught.constructor.constructor('PAYLOAD')()); // attack\n`, /source|constructor/),

  // (i) the host's globals and code evaluators, in every syntactic position
  a('a constructor key built from strings', 'host',
    `const k = 'con' + 'structor';\nconst f = (x as any)[k][k]('PAYLOAD'); // attack\nf();\n`, /constructor/),
  a('a constructor key from a template literal on a string', 'host',
    `const k = \`\${'con'}structor\`;\nconst f = ('s' as any)[k][k]('PAYLOAD'); // attack\nf();\n`, /constructor/),
  a('a constructor key from join on an iterator', 'host',
    `const k = ['con', 'struc', 'tor'].join('');\nconst f = (new Map().keys() as any)[k][k]('PAYLOAD'); // attack\nf();\n`, /constructor/),
  a('a constructor key from String.fromCharCode', 'host',
    `const k = (String as any).fromCharCode(99, 111, 110, 115, 116, 114, 117, 99, 116, 111, 114); // attack\n(x as any)[k][k]('PAYLOAD')();\n`, /fromCharCode/),
  a('the constructor of a bound array method', 'host',
    `const m: any = [].map;\nm.constructor('PAYLOAD')(); // attack\n`, /constructor/),
  a('the constructor of a number', 'host',
    `const N: any = (1 as any).constructor; // attack\nN.constructor('PAYLOAD')();\n`, /constructor/),
  a('a class field holding this.constructor', 'host',
    `class A { c = (this as any).constructor; } // attack\nnew (new A() as any).c.constructor('PAYLOAD')();\n`, /constructor/),
  a('new.target', 'host',
    `class A { t: any; constructor() { this.t = new.target; } } // attack\nnew (new A().t as any).constructor('PAYLOAD')();\n`, /meta property/),
  a('arguments.callee', 'host',
    `function f() { return (arguments as any).callee.constructor('PAYLOAD')(); } // attack\nf();\n`, /arguments/),
  a('this of a plain function call', 'host',
    `function f(this: any) { return this; }\nconst g: any = f();\ng.process.mainModule.require('fs').writeFileSync(MARKER, 'x'); // attack\n`, /undefined/),
  a('Object.getPrototypeOf of a tensor', 'host',
    `const p: any = (Object as any).getPrototypeOf(x); // attack\np.constructor.constructor('PAYLOAD')();\n`, /getPrototypeOf/),
  a('Object.defineProperty on a tensor', 'host',
    `(Object as any).defineProperty(x, 'data', { get: () => (globalThis as any).process.mainModule.require('fs').writeFileSync(MARKER, 'x') }); // attack\nconsole.log(x.data);\n`, /defineProperty/),
  a('Reflect.get of a constructor', 'host',
    `const c: any = (Reflect as any).get(x, 'constructor'); // attack\nc.constructor('PAYLOAD')();\n`, /Reflect/),
  a('a Proxy handed to the engine', 'host',
    `const p: any = new (Proxy as any)({}, { get: () => (globalThis as any).process.mainModule.require('fs').writeFileSync(MARKER, 'x') }); // attack\nconsole.log(x.add(p));\n`, /Proxy/),
  a('a with statement over a tensor', 'host',
    `with (x as any) { constructor.constructor('PAYLOAD')(); } // attack\n`, /with statement/),
  a('a tagged template reaching Function', 'host',
    `const t = (s: any) => s.raw.constructor.constructor('PAYLOAD')();\nt\`x\`; // attack\n`, /tagged template/),
  a('a decorator reaching Function', 'host',
    `function d(c: any) { c.constructor('PAYLOAD')(); }\n@d class A {} // attack\nconsole.log(A);\n`, /decorator/),
  a('an eval alias', 'host',
    `const e: any = eval; // attack\ne('PAYLOAD');\n`, /eval/),
  a('Function from the global object', 'host',
    `const F2: any = (globalThis as any)['Func' + 'tion']; // attack\nF2('PAYLOAD')();\n`, /globalThis/),
  a('a dynamic import', 'host',
    `import('fs').then((fs: any) => fs.writeFileSync(MARKER, 'x')); // attack\n`, /dynamic import/),
  a('require declared as a global', 'host',
    `declare const require: any;\nrequire('fs').writeFileSync(MARKER, 'x'); // attack\n`, /require/),
  a('a namespace exporting the Function constructor', 'host',
    `namespace N { export const f = (x as any).constructor.constructor; } // attack\n(N as any).f('PAYLOAD')();\n`, /module declaration/),
  a('Symbol.hasInstance on the right of instanceof', 'host',
    `const o: any = { [(Symbol as any).hasInstance]: (v: any) => v.constructor.constructor('PAYLOAD')() }; // attack\nconsole.log(x instanceof o);\n`, /Symbol/),

  // (j) changes to what every later line shares: the run ends at the change
  a('the tensor prototype patched through __proto__', 'shared',
    `const p: any = (x as any).__proto__;\np.toString = () => (globalThis as any).process.mainModule.require('fs').writeFileSync(MARKER, 'x'); // attack\nconsole.log(String(x));\n`, /analysis stopped/),
  a('Array.prototype patched', 'shared',
    `(Array as any).prototype.map = () => (globalThis as any).process.mainModule.require('fs').writeFileSync(MARKER, 'x'); // attack\nconsole.log([1].map((v) => v));\n`, /analysis stopped/),
  a('a namespace of gradlens handed to code not seen here', 'shared',
    `import { patch } from './evil';\npatch(F); // attack\nconsole.log(F.relu(x));\n`, /analysis stopped/),
  a('Math patched', 'shared',
    `(Math as any).exp = () => (globalThis as any).process.mainModule.require('fs').writeFileSync(MARKER, 'x'); // attack\nconsole.log(x.exp());\n`, /analysis stopped/),

  // (k) forged shapes and option bags: refused with the argument named
  a('a shape that is an object with a huge length', 'forged-operand',
    `console.log(zeros({ length: 1e9 } as any)); // attack\n`, /not an option gradlens takes/),
  a('a shape with holes, NaN and Infinity', 'forged-operand',
    `console.log(zeros([1, , 3] as any), zeros([NaN] as any), zeros([Infinity] as any)); // attack\n`, /argument 'size'/),
  a('a getter on a class instance passed as an option', 'hooks',
    `class O { get dim(): any { return (globalThis as any).process.mainModule.require('fs').writeFileSync(MARKER, 'x'); } }\nconsole.log(x.sum(new O() as any)); // attack\n`, /instance of the file's class/),
];

export function materialise(attack: Attack, marker: string): string {
  return withPayload(attack.code, marker);
}

/** `code` with its placeholders filled: a statement and an expression string that would write `marker` if they ever ran. */
export function withPayload(code: string, marker: string): string {
  const m = JSON.stringify(marker);
  const stmt = `process.mainModule.require('fs').writeFileSync(${m}, 'x')`;
  return code
    .replace(/EXPR/g, JSON.stringify(`(${stmt}, 0)`))
    .replace(/'PAYLOAD'/g, JSON.stringify(stmt))
    .replace(/PAYLOAD/g, stmt)
    .replace(/MARKER/g, m);
}
