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
