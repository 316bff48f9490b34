export interface RunOptions {
  /** The program's standard input. */
  stdin?: string | Uint8Array;
  /** Use the Wasm JIT (default true). */
  jit?: boolean;
  /** Loop iterations before a loop is traced. */
  threshold?: number;
  /** Append JIT statistics to stderr. */
  stats?: boolean;
}

export interface RunResult {
  exitCode: number;
  stdout: Uint8Array;
  stderr: string;
}

/** Runs a Brainfuck program with Kiln compiled to WebAssembly. */
export function runKbf(source: string, options?: RunOptions): RunResult;

export interface KpyOptions extends RunOptions {
  /** The program's file name, as tracebacks and `sys.argv[0]` show it (default "main.py"). */
  path?: string;
  /** `sys.argv[1:]`. */
  args?: Array<string | number>;
  /** Other files by path: modules the program imports, data it opens. */
  files?: Record<string, string | Uint8Array>;
  /** Guard failures before a bridge is traced. */
  bridgeThreshold?: number;
  /** Capture the JIT's trace log (every trace before and after optimization). */
  jitLog?: boolean;
}

export interface KpyResult {
  /** The exit status `kpy` would have (0, 1 for an uncaught exception, `sys.exit`'s). */
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The in-memory files after the run, including those the program wrote. */
  files: Record<string, string>;
  /** The JIT's trace log, when `jitLog` was set. */
  jitLog?: string;
}

/** Runs a Python program with Kiln compiled to WebAssembly (a fresh interpreter per call). */
export function runKpy(source: string, options?: KpyOptions): KpyResult;
