// mimalloc instead of the system allocator: a build allocates and frees
// millions of small strings (templates, the search index), and glibc's
// malloc and free were a fifth of its time (#19).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay`, the 16th of `mimalloc.h`'s `mi_option_e` (in
/// its v2 and v3 alike), which libmimalloc-sys 0.1.49 does not name.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() {
    // Freed memory is kept for reuse instead of being returned to the
    // system after mimalloc's default 10 ms: a build frees and reallocates
    // hundreds of megabytes, and every page given back was zeroed again by
    // the kernel when taken anew (a seventh of a build's time in
    // `clear_page`, #19). The process's resident size stays at its peak.
    // Not for `dokaz serve`: it runs for hours and renders again after
    // every save, and would hold the peak of every build it ever made.
    if !serving() {
        // SAFETY: sets a process-wide option before any thread starts;
        // mimalloc documents `mi_option_set` as callable at any time.
        unsafe {
            libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1);
        }
    }
    std::process::exit(dokaz::cli::run());
}

/// Whether the command is `serve`: the first argument that is not an
/// option (dokaz has no options before its command).
fn serving() -> bool {
    std::env::args_os()
        .skip(1)
        .find(|a| !a.to_string_lossy().starts_with('-'))
        .is_some_and(|a| a == "serve")
}
