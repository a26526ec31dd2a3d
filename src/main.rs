fn main() {
    std::process::exit(dokaz::cli::run());
}
