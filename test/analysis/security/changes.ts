/**
 * Hostile-but-legal files that change what the analysis does not model (changes.test.ts). SHARED_CHANGES
 * change a built-in, a prototype or gradlens itself: the run must end at the line marked `// stops` (they
 * are not run for real here: they would change this process). LOCAL_CHANGES change only objects of the
 * file: they run for real, and every value the trace prints must be the real one or unknown.
 */
export interface Change {
  name: string;
  code: string;
}

const H = `import { tensor, F, nn, optim } from 'gradlens';\nconst x = tensor([1, 2, 3], { requiresGrad: true });\nconsole.log(x.sum().item());\n`;

function c(name: string, body: string): Change {
  return { name, code: H + body };
}

export const SHARED_CHANGES: readonly Change[] = [
  // built-in namespaces and functions
  c('a Math function replaced', `(Math as any).exp = () => 42; // stops\nconsole.log(Math.exp(1));\n`),
  c('a Math constant incremented', `(Math as any).PI++; // stops\nconsole.log(Math.PI);\n`),
  c('a Math constant set by destructuring', `[(Math as any).PI] = [3]; // stops\nconsole.log(Math.PI);\n`),
  c('a replaced built-in inside try: the catch clause must not run', `let caught = 0;\ntry { (Math as any).exp = () => 42; } catch { caught = 1; } // stops\nconsole.log(caught, Math.exp(1));\n`),
  c('console.log replaced', `(console as any).log = () => 0; // stops\nconsole.log('not printed by the real run');\n`),
  c('JSON.stringify replaced', `(JSON as any).stringify = () => 'x'; // stops\nconsole.log(JSON.stringify([1]));\n`),
  c('Array.isArray replaced', `(Array as any).isArray = () => false; // stops\nconsole.log(Array.isArray([]));\n`),
  c('Object.assign into Math', `Object.assign(Math, { PI: 3 }); // stops\nconsole.log(Math.PI);\n`),
  c('Object.defineProperty on Math', `(Object as any).defineProperty(Math, 'PI', { value: 3 }); // stops\nconsole.log(Math.PI);\n`),
  c('a built-in deleted', `delete (Math as any).max; // stops\nconsole.log(Math.max(1, 2));\n`),
  // prototypes, however they are reached
  c('Array.prototype.map replaced', `(Array as any).prototype.map = () => 42; // stops\nconsole.log([1].map((v) => v));\n`),
  c('Number.prototype through a number\'s constructor', `const N: any = (1 as any).constructor;\nN.prototype.toFixed = () => 'no'; // stops\nconsole.log((1.5).toFixed(1));\n`),
  c('a string\'s prototype through Object.getPrototypeOf', `const p: any = (Object as any).getPrototypeOf(''); // stops\np.toUpperCase = () => 'no';\nconsole.log('a'.toUpperCase());\n`),
  c('the tensor prototype through __proto__', `const p: any = (x as any).__proto__;\np.mul = () => 42; // stops\nconsole.log(x.mul(2));\n`),
  c('the key built at run time', `const k = ['__pro', 'to__'].join('');\nconst p: any = (x as any)[k];\np.sum = () => 42; // stops\nconsole.log(x.sum());\n`),
  c('Object.prototype through a file object', `const o: any = {};\no.__proto__.polluted = 1; // stops\nconsole.log(({} as any).polluted);\n`),
  c('Object.prototype.toString deleted', `const o: any = {};\ndelete o.__proto__.toString; // stops\nconsole.log(String(o));\n`),
  c('Array.prototype through globalThis', `(globalThis as any).Array.prototype.map = () => 42; // stops\nconsole.log([1].map((v) => v));\n`),
  c('Reflect.set on Math', `(Reflect as any).set(Math, 'PI', 3); // stops\nconsole.log(Math.PI);\n`),
  c('eval through globalThis', `(globalThis as any).eval('Math.PI = 3'); // stops\nconsole.log(Math.PI);\n`),
  c('a constructor reached and called', `const T: any = (x as any).constructor;\nconst t = new T([1]); // stops\nconsole.log(t);\n`),
  c('Math handed to code not seen here', `import { patch } from './helpers';\npatch(Math); // stops\nconsole.log(Math.PI);\n`),
  // gradlens itself
  c('a function of F replaced', `(F as any).relu = () => 42; // stops\nconsole.log(F.relu(x));\n`),
  c('an engine class prototype', `(nn.Linear as any).prototype.forward = () => 42; // stops\nconsole.log(new nn.Linear(3, 1).forward(x));\n`),
  c('a grad function member written', `const y: any = x.mul(2);\ny.gradFn.name = 'X'; // stops\nconsole.log(y.gradFn.name);\n`),
];

export const LOCAL_CHANGES: readonly Change[] = [
  c('a tensor method replaced', `(x as any).mul = () => 42;\nconsole.log(x.mul(2));\nconsole.log(x.sum().item());\n`),
  c('a result tensor method replaced', `const y: any = x.mul(2);\ny.sum = () => 42;\nconsole.log(y.sum());\n`),
  c('an engine module method replaced', `const lin = new nn.Linear(3, 1);\n(lin as any).forward = () => 42;\nconsole.log(lin.forward(x));\n`),
  c('an engine module training flag set to a string', `const lin = new nn.Linear(3, 1);\n(lin as any).training = 'yes';\nconsole.log(lin.training);\n`),
  c('an optimizer member replaced', `const opt = new optim.SGD([x], { lr: 0.1 });\n(opt as any).step = () => 42;\nconsole.log(opt.step());\n`),
  c('a tensor shape pushed to', `(x.shape as any).push(5);\nconsole.log(x.shape);\n`),
  c('array methods replaced on the array', `const a: any = [1, 2, 3];\na.map = () => 42;\nconsole.log(a.map((v: number) => v));\na.push = () => 42;\nconsole.log(a.push(1), a.length);\n`),
  c('an array grown through length', `const a: any = [1];\na.length = 5;\nconsole.log(a, a.length);\n`),
  c('a named key on an array', `const a: any = [1, 2];\na.foo = 3;\nconsole.log(a, Object.keys(a));\n`),
  c('an array index past the analysis limit', `const a: any = [];\na[4294967294] = 1;\nconsole.log(a.length);\n`),
  c('a prototype set on a file object', `const o: any = {};\no.__proto__ = { v: 7 };\nconsole.log(o.v);\n`),
  c('a getter in an object literal with a counter', `let n = 0;\nconst o = { get v() { return ++n; } };\nconsole.log(o.v, o.v);\nclass A { get g() { return ++n; } }\nconst a = new A();\nconsole.log(x.mul(a.g).sum().item(), a.g);\n`),
  c('an object literal whose members after a getter have effects', `let n = 0;\nconst o: any = { get v() { return 1; }, w: n++ };\nconsole.log(n, o.w);\n`),
  c('a circular array printed', `const a: any[] = [1];\na.push(a);\nconsole.log(a);\n`),
  c('a circular object printed', `const o: any = { v: 1 };\no.self = o;\nconsole.log(o);\n`),
];
