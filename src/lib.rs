//! `awsvpc`: preflight, launch and inspect Amazon ECS tasks in the awsvpc network mode.
//!
//! The flow of every command: parse (`cli`), resolve into a plan (`dispatch`, no AWS), gather
//! (`aws`), evaluate (`checks`, pure functions over the `inventory` and the `rules`), render
//! (`output`), map to an exit code (`exit`). CONTRIBUTING.md's "Architecture" section maps the
//! folders and what each may depend on; a test enforces it.

pub mod aws;
pub mod checks;
pub mod cli;
pub mod commands;
pub mod dispatch;
pub mod env;
pub mod error;
pub mod exit;
#[cfg(test)]
mod fixtures;
pub mod generate;
pub mod ids;
pub mod inventory;
pub mod output;
pub mod rules;
pub mod signals;

/// The whole program: arguments in, exit code out.
pub fn main() -> i32 {
    dispatch::run_args(std::env::args_os())
}
