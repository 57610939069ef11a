#!/usr/bin/env node
'use strict';
// The command line is TypeScript run through tsx, a dependency of this package (the CLI runs users'
// .ts apps with it too): no build step, in the repository or once installed from the registry.
require('tsx/cjs/api').register();
require('../src/main.ts').main(process.argv.slice(2));
