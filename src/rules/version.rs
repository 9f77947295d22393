//! Agent versions compared as numbers, never as strings ("1.9.0" < "1.15.0").

use std::cmp::Ordering;

/// A dotted version such as `1.15.0` (a leading `v` and a suffix such as `-rc1` are ignored).
#[derive(Debug, Clone)]
pub struct Version(Vec<u64>);

impl Version {
    pub fn parse(s: &str) -> Option<Version> {
        let s = s.trim().trim_start_matches('v');
        let core = s.split(['-', '+', ' ']).next()?;
        let parts: Option<Vec<u64>> = core.split('.').map(|p| p.parse().ok()).collect();
        parts.filter(|p| !p.is_empty() && p.len() <= 4).map(Version)
    }

    pub fn new(parts: &[u64]) -> Version {
        Version(parts.to_vec())
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        let n = self.0.len().max(other.0.len());
        (0..n)
            .map(|i| self.0.get(i).copied().unwrap_or(0).cmp(&other.0.get(i).copied().unwrap_or(0)))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
    }
}

impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Version {}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s: Vec<String> = self.0.iter().map(u64::to_string).collect();
        f.write_str(&s.join("."))
    }
}

/// awsvpc on Linux (ECS developer guide, task-networking-awsvpc).
pub const AWSVPC_LINUX: &[u64] = &[1, 15, 0];
/// awsvpc on Windows.
pub const AWSVPC_WINDOWS: &[u64] = &[1, 54, 0];
/// ENI trunking (Linux only).
pub const TRUNKING: &[u64] = &[1, 28, 1];
/// IPv6 for tasks (Linux only).
pub const IPV6: &[u64] = &[1, 45, 0];

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    #[test]
    fn numeric_not_lexical() {
        assert!(v("1.9.0") < v("1.15.0"));
        assert!(v("1.15.0") >= Version::new(AWSVPC_LINUX));
        assert!(v("1.28.0") < Version::new(TRUNKING));
        assert_eq!(v("1.15"), v("1.15.0"));
        assert_eq!(v("v1.2.3-rc1"), v("1.2.3"));
        assert!(Version::parse("").is_none() && Version::parse("abc").is_none() && Version::parse("1..2").is_none());
    }

    /// A property over many pairs: the order of versions is the order of their number tuples.
    #[test]
    fn order_matches_tuples() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % 40
        };
        for _ in 0..2000 {
            let a = (next(), next(), next());
            let b = (next(), next(), next());
            let (va, vb) = (v(&format!("{}.{}.{}", a.0, a.1, a.2)), v(&format!("{}.{}.{}", b.0, b.1, b.2)));
            assert_eq!(va.cmp(&vb), a.cmp(&b), "{a:?} {b:?}");
            assert_eq!(va.to_string(), format!("{}.{}.{}", a.0, a.1, a.2));
        }
    }
}
