#!/usr/bin/env node
// Entry point of `npx moongate`: the compiled CLI (npm install builds dist/ through the prepare script).
import '../dist/src/cli.js';
