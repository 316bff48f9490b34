//! Embeds the Brainfuck test programs (`interpreters/bf/tests/programs`,
//! with their `.in` files) so that the wasm32 harness, which has no file
//! system, can run them; and makes the function table growable on wasm32
//! (the Wasm backend adds a slot per trace).

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg=--growable-table");
    }
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("../../../interpreters/bf/tests/programs");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".b") && !n.starts_with("err_"))
        .collect();
    names.sort();
    let mut out = String::from("/// (name, source, stdin) of every BF test program.\npub const PROGRAMS: &[(&str, &str, &[u8])] = &[\n");
    for n in names {
        let path = dir.join(&n);
        let input = path.with_extension("in");
        let input = if input.exists() { format!("include_bytes!({:?})", input.display().to_string()) } else { "b\"\"".into() };
        let _ = writeln!(out, "    ({n:?}, include_str!({:?}), {input}),", path.display().to_string());
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("programs.rs");
    std::fs::write(dest, out).unwrap();
}
