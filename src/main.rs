// mimalloc instead of the system allocator: a build allocates and frees
// millions of small strings (templates, the search index), and glibc's
// malloc and free were a fifth of its time (#19).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(dokaz::cli::run());
}
