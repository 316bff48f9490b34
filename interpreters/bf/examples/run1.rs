use kiln::driver::{self, JitParams};
use kiln_bf::*;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = &args[1];
    let threshold: u32 = args[2].parse().unwrap();
    let enabled = threshold > 0;
    driver::set_params(JitParams { enabled, threshold: threshold.max(1), bridge_threshold: threshold.max(1), ..JitParams::default() });
    driver::set_log(Box::new(std::io::stderr()));
    let src = std::fs::read_to_string(path).unwrap();
    let prog = parse(&src).unwrap();
    let input = std::fs::read(std::path::Path::new(path).with_extension("in")).unwrap_or_default();
    let out = run(&prog, Input::Bytes(input, 0), Output::Buffer(Vec::new()), &RunOptions { describe: true }).unwrap();
    let Output::Buffer(b) = out else { panic!() };
    println!("{:?}", String::from_utf8_lossy(&b));
    eprintln!("{}", driver::stats().report());
}
