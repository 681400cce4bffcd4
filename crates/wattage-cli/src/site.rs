//! placeholder
#[derive(Debug, clap::Subcommand)]
pub(crate) enum SiteCommand { Run(RunArgs) }
#[derive(Debug, clap::Args)]
pub(crate) struct RunArgs {}
#[derive(Debug, clap::Args)]
pub(crate) struct CompareArgs {}
pub(crate) fn run(_: &RunArgs) -> crate::error::Result<Vec<crate::output::Section>> { Ok(vec![]) }
pub(crate) fn compare(_: &CompareArgs) -> crate::error::Result<Vec<crate::output::Section>> { Ok(vec![]) }
