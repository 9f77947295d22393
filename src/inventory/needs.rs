//! The facts a gathering may leave out: the registry names the ones each check reads
//! (`checks::CHECKS`, `needs`), and the gathering asks AWS for the union over the selected checks
//! (`aws::gather::Request::for_checks`). Every other fact follows from the inputs (the subnets,
//! security groups, clusters, task definition and service given).

/// One optional fact of a gathering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Need {
    /// Whether the ECS service-linked role exists (`Facts::service_linked_role`).
    ServiceLinkedRole,
    /// The account settings in force for the caller and as the account default
    /// (`Facts::caller_settings`, `Facts::default_settings`).
    AccountSettings,
    /// The ENIs attached to the container instances (`ClusterFacts::instance_enis`).
    InstanceEnis,
    /// awsvpcTrunking in force for each instance role (`ClusterFacts::role_settings`).
    RoleSettings,
    /// The task definition's execution role, its grants and its awslogs groups
    /// (`Facts::execution_role`, `execution_grants`, `log_groups`): with a task definition only.
    ExecutionRole,
    /// The network path before the containers start (`Facts::pull_path`; and the route tables of
    /// the instances' VPC when no subnet is given): with a task definition only.
    PullPath,
    /// The clusters' default capacity provider strategies and their providers
    /// (`ClusterFacts::default_strategy`, `providers`): read only where no launch type, service
    /// launch type or service strategy decides the launch target.
    Strategies,
}

impl Need {
    /// Every optional fact.
    pub const ALL: [Need; 7] = [
        Need::ServiceLinkedRole,
        Need::AccountSettings,
        Need::InstanceEnis,
        Need::RoleSettings,
        Need::ExecutionRole,
        Need::PullPath,
        Need::Strategies,
    ];

    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// A set of optional facts.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Needs(u8);

impl Needs {
    pub const NONE: Needs = Needs(0);

    pub fn of(needs: &[Need]) -> Needs {
        needs.iter().fold(Needs::NONE, |s, n| s.with(*n))
    }

    pub fn has(self, need: Need) -> bool {
        self.0 & need.bit() != 0
    }

    #[must_use]
    pub fn with(self, need: Need) -> Needs {
        Needs(self.0 | need.bit())
    }

    #[must_use]
    pub fn without(self, need: Need) -> Needs {
        Needs(self.0 & !need.bit())
    }

    #[must_use]
    pub fn union(self, other: Needs) -> Needs {
        Needs(self.0 | other.0)
    }

    pub fn iter(self) -> impl Iterator<Item = Need> {
        Need::ALL.into_iter().filter(move |n| self.has(*n))
    }
}

impl std::fmt::Debug for Needs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl FromIterator<Need> for Needs {
    fn from_iter<I: IntoIterator<Item = Need>>(iter: I) -> Needs {
        iter.into_iter().fold(Needs::NONE, |s, n| s.with(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_of_needs() {
        let s = Needs::of(&[Need::PullPath, Need::RoleSettings]);
        assert!(s.has(Need::PullPath) && s.has(Need::RoleSettings) && !s.has(Need::Strategies));
        assert_eq!(s.iter().collect::<Vec<_>>(), [Need::RoleSettings, Need::PullPath], "in declaration order");
        assert_eq!(s.without(Need::PullPath), Needs::of(&[Need::RoleSettings]));
        assert_eq!(s.union(Needs::of(&[Need::Strategies])).iter().count(), 3);
        assert_eq!(Need::ALL.into_iter().collect::<Needs>().iter().collect::<Vec<_>>(), Need::ALL);
        assert_eq!(format!("{:?}", Needs::of(&[Need::InstanceEnis])), "{InstanceEnis}");
    }
}
