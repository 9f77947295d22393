//! One file per subcommand. Each validates its arguments into a plan before any AWS call, runs
//! the plan, and returns a `Serialize` report that `output` renders.

pub mod capacity;
pub mod check;
pub mod diagnose;
pub mod enis;
pub mod explain;
pub mod iam_policy;
pub mod run;
pub mod stop;
