//! placeholder
#[derive(Debug, clap::Args)]
pub(crate) struct SweepArgs {}
pub(crate) fn run<W: std::io::Write>(_: &SweepArgs, _: crate::output::Format, _: W) -> crate::error::Result<()> { Ok(()) }
