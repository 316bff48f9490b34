//! The acid test of a meta-tracing framework: it knows no language. The
//! framework's sources never mention Python or any interpreter built on it.

use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn framework_sources_name_no_language() {
    let mut files = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    assert!(files.len() > 10);
    // Whole words only: "RPython" and "PyPy" name the toolchain this design
    // comes from, not a language the framework supports.
    let forbidden = ["python", "brainfuck", "kpy", "kbf", "bytecode of"];
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap().to_lowercase();
        for word in text.split(|c: char| !c.is_alphanumeric() && c != '_') {
            assert!(!forbidden.contains(&word), "{} mentions {word:?}", f.display());
        }
    }
}
