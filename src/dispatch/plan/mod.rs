//! Each command's plan from its clap arguments and `&Env`, validated before any call (ripgrep's
//! `HiArgs::from_low_args`): a bad value names its option, the value and the rule. Clap's types
//! stop here; the commands get plain plans. Every function is pure: no environment read, no
//! terminal probe (both are in `Env`), no AWS.

pub mod capacity;
pub mod check;
pub mod diagnose;
pub mod enis;
pub mod run;
pub mod stop;

#[allow(unused_imports)] // the prelude of the plan modules (`use super::*`)
use std::collections::{BTreeMap, BTreeSet};
#[allow(unused_imports)]
use std::time::Duration;

#[allow(unused_imports)]
use anyhow::Result;

#[allow(unused_imports)]
use crate::aws::ecs::TaskFilter;
#[allow(unused_imports)]
use crate::checks::{self, CheckId};
#[allow(unused_imports)]
use crate::cli::{
    Annotations, AssignPublicIp, CapacityArgs, CheckArgs, DiagnoseArgs, EnisArgs, Feature, FindingStatus, LaunchType,
    PropagateTags, RunArgs, StopArgs,
};
#[allow(unused_imports)]
use crate::env::Env;
#[allow(unused_imports)]
use crate::error::{Failure, invalid};
#[allow(unused_imports)]
use crate::ids::{self, TaskRef};
#[allow(unused_imports)]
use crate::inventory::{CapacityProviderItem, ContainerOverrides};
#[allow(unused_imports)]
use crate::output::check::CiOutputs;
#[allow(unused_imports)]
use crate::rules::limits::{MAX_SECURITY_GROUPS, MAX_SUBNETS, MAX_TAGS};
