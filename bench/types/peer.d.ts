// The benchmark peers (tfjs, js-pytorch) are installed into bench/node_modules only by `npm run bench`,
// so the scripts' type check (tsconfig.scripts.json) maps them here and does not depend on that install.
// tfjs is loaded with require(): any module.
declare const peer: any; // eslint-disable-line @typescript-eslint/no-explicit-any
export = peer;
