//! Audits across clusters and regions in one command, on a three-cluster, two-region account:
//! every part equals what the per-region, per-cluster command gives (record by record), every
//! record carries its region and cluster, the exit code is the worst of the parts, and a region
//! that cannot be reached is an error for that region while the other answers.

use awsvpc::exit;
use serde_json::{Value, json};

use crate::builder::{Awsvpc, Seed};
use crate::harness::{Account, strings};

const REGIONS: &str = "us-east-1,eu-west-1";

/// blue and green in us-east-1, red in eu-west-1; red has a stopped task.
fn account() -> Account {
    let acct = Account::new();
    for (cluster, region, tasks) in [("blue", "us-east-1", 2), ("green", "us-east-1", 1), ("red", "eu-west-1", 3)] {
        let seed = acct.seed(Seed::cluster().params(
            json!({"cluster": cluster, "region": region, "role": format!("{cluster}Role"),
                   "instances": [{"trunk": false, "subnet": 0, "tasks": tasks}],
                   "settings": {"role": {"awsvpcTrunking": "enabled"}}}),
        ));
        if cluster == "red" {
            let task = strings(&seed["instances"][0]["tasks"])[0].clone();
            assert!(task.contains(":eu-west-1:"), "seeded in eu-west-1: {task}");
        }
    }
    acct
}

/// The document of one command (`--output json`), without its schema_version (as a part's report
/// carries it).
fn report_of(cmd: Awsvpc<'_>) -> (i32, Value) {
    let r = cmd.json().run();
    let mut v = r.json();
    v.as_object_mut().unwrap().remove("schema_version");
    (r.code, v)
}

#[test]
fn enis_and_check_over_two_regions_equal_the_per_region_commands() {
    let acct = account();
    for command in ["enis", "check"] {
        let r = acct.awsvpc(command).region(REGIONS).all_clusters().json().run();
        let v = r.json();
        let parts = v["parts"].as_array().unwrap();
        assert_eq!(parts.iter().map(|p| p["region"].as_str().unwrap()).collect::<Vec<_>>(), ["us-east-1", "eu-west-1"]);
        let mut codes = vec![];
        for p in parts {
            let region = p["region"].as_str().unwrap();
            let (code, single) = report_of(acct.awsvpc(command).region(region).all_clusters());
            assert_eq!(p["report"], single, "{command} {region}: the part is the per-region report");
            assert_eq!(p["exit_code"], code);
            assert_eq!(p["report"]["region"], region);
            codes.push(code);
        }
        assert_eq!(r.code, *codes.iter().max_by_key(|c| [0, 2, 3, 1].iter().position(|x| x == *c)).unwrap());
    }
    // check: every finding about a cluster or its instances names that cluster.
    let v = acct.awsvpc("check").region(REGIONS).all_clusters().json().run().json();
    for p in v["parts"].as_array().unwrap() {
        let expected: &[&str] = if p["region"] == "us-east-1" { &["blue", "green"] } else { &["red"] };
        let instance: Vec<&Value> = p["report"]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["check"] == "instance.status" || f["check"] == "capacity.cluster")
            .collect();
        assert!(instance.len() >= expected.len(), "{p:#}");
        for f in instance {
            assert!(expected.contains(&f["cluster"].as_str().unwrap_or("")), "{f}");
        }
    }
    // enis: the tasks of every cluster, each with its cluster, equal to the per-cluster loop.
    let v = acct.awsvpc("enis").region(REGIONS).all_clusters().json().run().json();
    for (region, cluster, n) in [("us-east-1", "blue", 2), ("us-east-1", "green", 1), ("eu-west-1", "red", 3)] {
        let part = v["parts"].as_array().unwrap().iter().find(|p| p["region"] == region).unwrap();
        let mine: Vec<&Value> =
            part["report"]["tasks"].as_array().unwrap().iter().filter(|t| t["cluster"] == cluster).collect();
        assert_eq!(mine.len(), n, "{region} {cluster}");
        let (_, single) = report_of(acct.awsvpc("enis").region(region).cluster(cluster));
        assert_eq!(mine, single["tasks"].as_array().unwrap().iter().collect::<Vec<_>>(), "{region} {cluster}");
    }
    // text: every row starts with its region; enis rows name their cluster themselves, so the
    // header does not repeat it.
    let t = acct.awsvpc("enis").region(REGIONS).all_clusters().text().headers().run();
    let mut lines = t.stdout.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("region\ttask_id\tcluster\t"), "{}", t.stdout);
    assert_eq!(header.matches("cluster").count(), 1, "{header}");
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 6, "{}", t.stdout);
    assert!(rows.iter().all(|l| l.starts_with("us-east-1\t") || l.starts_with("eu-west-1\t")), "{}", t.stdout);
    for l in &rows {
        let cluster = l.split('\t').nth(2).unwrap();
        assert!(["blue", "green", "red"].contains(&cluster), "{l}");
    }
}

#[test]
fn capacity_and_diagnose_over_every_cluster_of_two_regions() {
    let acct = account();
    let v = acct.awsvpc("capacity").region(REGIONS).all_clusters().json().run().json();
    let parts = v["parts"].as_array().unwrap();
    let names: Vec<(String, String)> = parts
        .iter()
        .map(|p| (p["region"].as_str().unwrap().to_string(), p["cluster"].as_str().unwrap().to_string()))
        .collect();
    let expected = [("us-east-1", "blue"), ("us-east-1", "green"), ("eu-west-1", "red")];
    assert_eq!(names, expected.map(|(r, c)| (r.to_string(), c.to_string())));
    for p in parts {
        let (region, cluster) = (p["region"].as_str().unwrap(), p["cluster"].as_str().unwrap());
        let (code, single) = report_of(acct.awsvpc("capacity").region(region).cluster(cluster));
        assert_eq!(p["report"], single, "{region} {cluster}");
        assert_eq!(p["exit_code"], code);
    }
    // Several clusters of one region: parts too, in the given order.
    let v = acct.awsvpc("capacity").cluster(["green", "blue"]).json().run().json();
    let clusters: Vec<&str> = v["parts"].as_array().unwrap().iter().map(|p| p["cluster"].as_str().unwrap()).collect();
    assert_eq!(clusters, ["green", "blue"]);
    let v = acct.awsvpc("diagnose").stopped_since("1h").region(REGIONS).all_clusters().json().run().json();
    assert_eq!(v["parts"].as_array().unwrap().len(), 3, "{v:#}");
    let t = acct.awsvpc("capacity").region(REGIONS).all_clusters().text().run();
    assert!(
        t.stdout.lines().all(|l| l.starts_with("us-east-1\tblue\t")
            || l.starts_with("us-east-1\tgreen\t")
            || l.starts_with("eu-west-1\tred\t")),
        "{}",
        t.stdout
    );
    assert_eq!(t.stdout.lines().count(), 3);
}

#[test]
fn an_unreachable_region_is_an_error_for_it_and_the_other_answers() {
    let acct = account();
    acct.fault(json!({"region": "eu-west-1", "kind": "503", "times": 1000}));
    let r = acct.awsvpc("enis").region(REGIONS).all_clusters().json().opt("--max-attempts", "1").run();
    acct.clear_faults();
    let v = r.json();
    let parts = v["parts"].as_array().unwrap();
    assert_eq!(parts[0]["region"], "us-east-1");
    assert_eq!(parts[0]["exit_code"], 0);
    assert_eq!(parts[0]["report"]["tasks"].as_array().unwrap().len(), 3);
    assert_eq!(parts[1]["region"], "eu-west-1");
    assert_eq!(parts[1]["exit_code"], exit::AWS_UNAVAILABLE);
    assert!(parts[1]["report"].is_null());
    assert!(parts[1]["error"].as_str().unwrap().contains("ListClusters"), "{v:#}");
    assert_eq!(r.code, exit::AWS_UNAVAILABLE, "the worst part");
    assert!(r.stderr.contains("eu-west-1"), "{}", r.stderr);
}

#[test]
fn every_enabled_region_with_all_regions() {
    let acct = account();
    let v = acct
        .awsvpc("enis")
        .flag("--all-regions")
        .all_clusters()
        .query("parts[?report].{r: region, n: length(report.tasks)}")
        .json_ok(exit::OK);
    let n = |region: &str| v.as_array().unwrap().iter().find(|p| p["r"] == region).map(|p| p["n"].clone());
    assert_eq!(n("us-east-1"), Some(json!(3)));
    assert_eq!(n("eu-west-1"), Some(json!(3)));
    assert!(v.as_array().unwrap().len() > 2, "every enabled region is asked: {v}");
    assert!(v.as_array().unwrap().iter().filter(|p| p["n"] != 0).count() == 2, "{v}");
}

#[test]
fn commands_that_change_aws_work_in_one_region() {
    let acct = account();
    acct.clear_calls();
    let task = "0123456789abcdef0123456789abcdef";
    for cmd in [
        acct.awsvpc("run").region(REGIONS).task_definition("web").subnets("subnet-0123456789abcdef0").yes(),
        acct.awsvpc("stop").flag("--all-regions").tasks(&[task]).yes(),
        acct.awsvpc("diagnose").region(REGIONS).tasks(&[task]),
    ] {
        cmd.run().expect_clean_error(exit::USAGE, "works in one region");
    }
    acct.awsvpc("enis").region(["us-east-1", "nowhere"]).run().expect_clean_error(exit::USAGE, "--region");
    acct.awsvpc("enis").all_clusters().tasks(&[task]).run().expect_clean_error(exit::USAGE, "one cluster");
    assert!(acct.calls().is_empty(), "{:?}", acct.calls());
}
