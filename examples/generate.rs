//! `cargo run --release --example generate -- OUT N`: a registry of N
//! practices cloned from the bundled example, for benchmarks.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(out), Some(n)) = (
        args.get(1),
        args.get(2).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: generate OUT N");
        std::process::exit(2);
    };
    let template = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Err(e) = dokaz::generate::generate(template, std::path::Path::new(out), n) {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
    println!("wrote {n} practices to {out}");
}
