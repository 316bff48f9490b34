// Runs differential cases of the Wasm backend inside this Node process:
//   node run-difftest.mjs            lists the cases, one per line
//   node run-difftest.mjs CASE...    runs them; exit status 1 on a failure
// (a failing case panics: its message is on stderr and the instance traps).

import { readFileSync } from 'node:fs';
import { initSync, cases, run } from '../difftest/pkg/kiln_wasm_difftest.js';

initSync({ module: readFileSync(new URL('../difftest/pkg/kiln_wasm_difftest_bg.wasm', import.meta.url)) });
const names = process.argv.slice(2);
if (names.length === 0) {
  for (const c of cases()) console.log(c);
} else {
  for (const name of names) {
    try {
      console.log(run(name));
    } catch (e) {
      console.error(`${name}: FAILED: ${e && e.message ? e.message : e}`);
      process.exit(1);
    }
  }
}
