//! Link flags of the wasm32 build: the Wasm JIT backend adds one table slot
//! per compiled trace, so the function table must be growable (wasm-ld gives
//! it a fixed maximum otherwise). wasm-ld exports the table by default and
//! wasm-bindgen keeps it because the backend asks for
//! `wasm_bindgen::function_table()`.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg=--growable-table");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
