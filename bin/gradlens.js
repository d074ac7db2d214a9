#!/usr/bin/env node
'use strict';
// The command-line tool over the analyzer (`gradlens annotate FILE.ts`); see extension/cli.ts.
require('../out/extension/cli.js').main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
