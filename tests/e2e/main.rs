//! End-to-end tests: the real binary against the moto emulator (see harness.rs), plus checks of
//! the repository's generated files and documentation. One test binary keeps link time down.

mod action;
mod architecture;
mod audits;
mod bad_input;
mod builder;
mod capacity;
mod check;
mod check_cluster;
mod check_fix;
mod check_service;
mod cli;
mod contract;
mod diagnose_service;
mod docs;
mod enis;
mod faults;
mod fleet;
mod golden;
mod golden_norm;
mod harness;
mod iam;
mod iam_cases;
mod install;
mod options;
mod placement;
mod promises;
mod pty;
mod pull;
mod random_faults;
mod run;
mod schemas;
mod shell;
mod targets;
mod truth;
mod widths;
