//! `kurir-live`: runs a Kurir scenario on a real broker (see the crate docs).

fn main() -> std::process::ExitCode {
    kurir_live::cli::main()
}
