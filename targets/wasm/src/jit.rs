//! The JIT's statistics for JS (a shell's JIT panel): [`jit_stats`]
//! returns this thread's `kiln::driver::stats()` as a JSON object, written
//! by hand to keep serde out of the build.

use std::fmt::Write as _;
use wasm_bindgen::prelude::*;

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The statistics as JSON: every counter of `kiln::JitStats` in camelCase,
/// `aborts` as an object from reason to count, and the backend's name.
pub fn stats_json(st: &kiln::driver::JitStats, backend: &str) -> String {
    let counters: [(&str, u64); 21] = [
        ("loopsTraced", st.loops_traced),
        ("loopsCompiled", st.loops_compiled),
        ("loopsAborted", st.loops_aborted),
        ("functionsTraced", st.functions_traced),
        ("functionsCompiled", st.functions_compiled),
        ("functionsAborted", st.functions_aborted),
        ("bridgesTraced", st.bridges_traced),
        ("bridgesCompiled", st.bridges_compiled),
        ("bridgesAborted", st.bridges_aborted),
        ("blacklisted", st.blacklisted),
        ("bridgesCapped", st.bridges_capped),
        ("loopEntries", st.loop_entries),
        ("guardFailures", st.guard_failures),
        ("invalidations", st.invalidations),
        ("evictions", st.evictions),
        ("compileErrors", st.compile_errors),
        ("opsRecorded", st.ops_recorded),
        ("opsAfterOptimization", st.ops_after_optimization),
        ("codeBytes", st.code_bytes),
        ("abortsTotal", st.aborts.values().sum()),
        ("abortReasons", st.aborts.len() as u64),
    ];
    let mut s = String::from("{");
    for (k, v) in counters {
        let _ = write!(s, "\"{k}\":{v},");
    }
    for (k, v) in [("secondsTracing", st.seconds_tracing), ("secondsOptimizing", st.seconds_optimizing), ("secondsCompiling", st.seconds_compiling)] {
        let v = if v.is_finite() { v } else { 0.0 };
        let _ = write!(s, "\"{k}\":{v},");
    }
    s.push_str("\"aborts\":{");
    let reasons: Vec<String> = st.aborts.iter().map(|(r, n)| format!("{}:{n}", json_string(r))).collect();
    s.push_str(&reasons.join(","));
    let _ = write!(s, "}},\"backend\":{}}}", json_string(backend));
    s
}

/// This thread's JIT statistics as JSON (see [`stats_json`]).
#[wasm_bindgen(js_name = jitStats)]
pub fn jit_stats() -> String {
    stats_json(&kiln::driver::stats(), kiln::driver::backend_name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_counters_and_escaped_reasons() {
        let mut st = kiln::driver::JitStats { loops_compiled: 3, ..Default::default() };
        st.aborts.insert("too \"long\"\n".into(), 2);
        let j = stats_json(&st, "wasm");
        assert!(j.starts_with("{\"loopsTraced\":0,\"loopsCompiled\":3,"), "{j}");
        assert!(j.contains("\"aborts\":{\"too \\\"long\\\"\\n\":2}"), "{j}");
        assert!(j.ends_with("\"backend\":\"wasm\"}"), "{j}");
        assert!(j.contains("\"secondsTracing\":0,"), "{j}");
    }
}
