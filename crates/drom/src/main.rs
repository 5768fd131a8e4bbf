//! The `drom` binary: a thin shell over `drom::cli`.

fn main() -> std::process::ExitCode {
    drom::cli::main()
}
