//! Memory stays bounded: programs that make garbage in a loop (reference
//! cycles, generators drained by built-ins, nested generators) have the same
//! peak RSS whether the loop runs N or 4N times, with the JIT off and on.
//!
//! The program reports its own peak RSS (`VmHWM` from `/proc/self/status`),
//! so these tests run on Linux only.
#![cfg(target_os = "linux")]

use std::process::Command;

/// Peak RSS in KiB of `kpy` running `body` (which uses `N`) with `n`.
fn peak_kib(jit: &str, body: &str, n: u64) -> u64 {
    let program = format!(
        "N = {n}\n{body}\nfor line in open('/proc/self/status').read().splitlines():\n    if line.startswith('VmHWM:'):\n        print(line.split()[1])\n"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_kpy")).args([jit, "--jit-threshold", "7", "-c", &program]).output().expect("run kpy");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "kpy {jit} failed:\n{}{}", stdout, String::from_utf8_lossy(&out.stderr));
    stdout.lines().last().and_then(|l| l.trim().parse().ok()).unwrap_or_else(|| panic!("no VmHWM in output: {stdout}"))
}

/// The peak must not grow by more than `slack_kib` when the loop runs four
/// times as long. The slack absorbs the collector's pacing (the heap may
/// settle a few MiB higher on a busy machine); the leaks these tests guard
/// against grew by hundreds of MiB.
fn stays_flat(body: &str, n: u64, slack_kib: u64) {
    for jit in ["--jit=off", "--jit=on"] {
        let small = peak_kib(jit, body, n);
        let big = peak_kib(jit, body, 4 * n);
        assert!(big <= small + slack_kib, "{jit}: peak RSS grew from {small} KiB to {big} KiB when the loop ran 4x longer:\n{body}");
    }
}

/// A generator of the permutations of `range(n)` in lexicographic order.
const PERMS: &str = "
def perms(n):
    idx = list(range(n))
    while True:
        yield tuple(idx)
        i = n - 2
        while i >= 0 and idx[i] >= idx[i + 1]:
            i -= 1
        if i < 0:
            return
        j = n - 1
        while idx[j] <= idx[i]:
            j -= 1
        idx[i], idx[j] = idx[j], idx[i]
        idx[i + 1:] = idx[i + 1:][::-1]
";

#[test]
fn reference_cycles_are_collected() {
    let body = "
class Node:
    def __init__(self):
        self.other = None
def churn(n):
    for i in range(n):
        a = Node(); b = Node()
        a.other = b; b.other = a
        l = [i]; l.append(l)
        d = {}; d['self'] = d
churn(N)
";
    stays_flat(body, 200_000, 16 * 1024);
}

#[test]
fn generators_drained_by_builtins_are_collected() {
    // Most safe points are inside the generators (nested interpreter loops
    // that may only free what they made), while the garbage is made outside.
    let body = "
def churn(n):
    total = 0
    for k in range(n):
        t = tuple(i for i in range(8))
        s = set(i + k for i in range(8))
        total += sum(i for i in t) + len(s) + len(list(x for x in t))
    return total
print(churn(N))
";
    stays_flat(body, 100_000, 16 * 1024);
}

#[test]
fn nested_generators_are_collected() {
    // Everything runs inside generators resumed by other generators, so the
    // top-level loop never reaches a safe point while the garbage grows.
    let body = PERMS.to_string() + "
def solutions(n, rounds):
    for r in range(rounds):
        for p in perms(n):
            if len(set(p[i] + i for i in range(n))) == n:
                yield p
print(len(list(solutions(6, N))))
";
    stays_flat(&body, 60, 16 * 1024);
}

#[test]
fn drained_generators_called_again_and_again_are_collected() {
    // As nqueens under the pyperf stand-in: a top-level loop drains a
    // generator (list(...)) that resumes other generators; each call's
    // garbage is older than the next call's nested loops, so only the
    // top-level loop can free it.
    let body = PERMS.to_string() + "
def solutions(n):
    for p in perms(n):
        if len(set(p[i] + i for i in range(n))) == n:
            yield p
total = 0
for r in range(N):
    total += len(list(solutions(7)))
print(total)
";
    stays_flat(&body, 5, 16 * 1024);
}
