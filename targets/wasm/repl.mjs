// kpy.mjs's interactive prompt (when stdin is a terminal and no program is
// given), on KpySession: each input runs in one persistent __main__, and a
// block continues until an empty line, as in the native kpy.

import { createInterface } from 'node:readline';

/** Runs the prompt until end of input or SystemExit; resolves to the exit code. */
export async function repl(pkg, host, flags) {
  let session;
  try {
    session = new pkg.KpySession(host, flags);
  } catch (e) {
    process.stderr.write(`${e && e.message ? e.message : e}\n`);
    return 2;
  }
  process.stdout.write('Python 3.11 (Kiln, WebAssembly) -- type exit() or Ctrl-D to quit\n');
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: '>>> ' });
  let buffer = '';
  let code = 0;
  rl.prompt();
  for await (const line of rl) {
    buffer += `${line}\n`;
    if (pkg.needsMoreInput(buffer) && line.trim() !== '') {
      rl.setPrompt('... ');
      rl.prompt();
      continue;
    }
    const src = buffer;
    buffer = '';
    let exit;
    try {
      exit = session.runInteractive(src);
    } catch (e) {
      process.stderr.write(`kpy: ${e && e.message ? e.message : e}\n`);
      code = 101;
      break;
    }
    if (exit !== undefined) {
      code = exit;
      break;
    }
    rl.setPrompt('>>> ');
    rl.prompt();
  }
  rl.close();
  session.printStats();
  return code;
}
