//! End-to-end tests of the `wattage` binary on the shipped inputs in
//! `tests/data/`. Outputs that people read are compared with the files in
//! `tests/expected/`; run with `WATTAGE_BLESS=1` to rewrite them after an
//! intended change (and review the diff).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn wattage() -> Command {
    let mut cmd = Command::cargo_bin("wattage").unwrap();
    cmd.current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data"));
    cmd
}

/// Runs `args`, asserts success and returns stdout.
fn ok(args: &[&str]) -> String {
    let out = wattage().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Compares `actual` with `tests/expected/<name>`.
fn snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/expected")
        .join(name);
    if std::env::var_os("WATTAGE_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with WATTAGE_BLESS=1)", path.display()));
    assert_eq!(actual, expected, "output differs from {}", path.display());
}

/// Runs `args`, asserts bad input: exit code 1, nothing on stdout, and
/// on stderr an `error:` line and a `hint:` line, no panic, no backtrace.
/// Returns the error line.
fn bad_input(args: &[&str]) -> String {
    let out = wattage().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{args:?}");
    assert!(out.stdout.is_empty(), "{args:?} wrote to stdout");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{args:?}: {stderr}");
    assert!(lines[0].starts_with("error: "), "{stderr}");
    assert!(lines[1].starts_with("hint: "), "{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"));
    lines[0].to_string()
}

const PRICES: &str = "ercot_hb_west_2023-08-15_17.csv";

#[test]
fn hashprice() {
    let args = [
        "hashprice",
        "--difficulty",
        "148.26T",
        "--fees",
        "0.55%",
        "--btc-price",
        "91132",
    ];
    snapshot("hashprice.txt", &ok(&args));
    let json = ok(&[&args[..], &["--format", "json"]].concat());
    snapshot("hashprice.json", &json);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["command"], "hashprice");
    assert_eq!(value["schema"], 1);
    assert_eq!(value["hashprice"][0]["usd_per_ph_day"], "38.85");
}

#[test]
fn hashprice_at_a_height() {
    // Height 600,000 is in the third epoch: 12.5 BTC.
    let csv = ok(&[
        "hashprice",
        "--difficulty",
        "13.69T",
        "--btc-price",
        "$10,000/BTC",
        "--height",
        "600000",
        "--format",
        "csv",
    ]);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let row: Vec<&str> = lines.next().unwrap().split(',').collect();
    let subsidy = header.iter().position(|h| *h == "subsidy_btc").unwrap();
    assert_eq!(row[subsidy], "12.5");
}

#[test]
fn breakeven_and_revenue() {
    snapshot(
        "breakeven.txt",
        &ok(&[
            "breakeven",
            "--efficiency",
            "17.5 J/TH",
            "--hashprice",
            "$54.3/PH/day",
            "--pue",
            "1.1",
            "--pool-fee",
            "2%",
        ]),
    );
    snapshot(
        "revenue.csv",
        &ok(&[
            "revenue",
            "--efficiency",
            "16 J/TH",
            "--hashprice",
            "$52/PH/day",
            "--format",
            "csv",
        ]),
    );
}

#[test]
fn catalog() {
    snapshot(
        "catalog-list-2024.txt",
        &ok(&["catalog", "list", "--year", "2024"]),
    );
    snapshot(
        "catalog-list-hydro.csv",
        &ok(&[
            "catalog",
            "list",
            "--cooling",
            "hydro",
            "--max-efficiency",
            "15 J/TH",
            "--format",
            "csv",
        ]),
    );
    // A filter that matches nothing: success, and nothing to print.
    assert_eq!(ok(&["catalog", "list", "--year", "1999"]), "");
    assert_eq!(
        ok(&["catalog", "list", "--year", "1999", "--format", "csv"]),
        ""
    );
    snapshot("catalog-show.txt", &ok(&["catalog", "show", "s21 xp hyd"]));
    let accelerators = ok(&[
        "catalog",
        "accelerators",
        "--precision",
        "fp8",
        "--format",
        "csv",
    ]);
    snapshot("catalog-accelerators-fp8.csv", &accelerators);
    assert!(
        accelerators.contains("Epoch AI"),
        "the attribution travels with the data"
    );
    snapshot(
        "catalog-compare.json",
        &ok(&["catalog", "compare", "S19", "S21 XP", "--format", "json"]),
    );
}

#[test]
fn site_run_prints_the_summary_and_writes_the_ledger() {
    let dir = std::env::temp_dir().join(format!("wattage-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ledger = dir.join("ledger.csv");
    let lines = dir.join("lines.csv");
    let table = ok(&[
        "site",
        "run",
        "site.toml",
        "--prices",
        PRICES,
        "--out",
        ledger.to_str().unwrap(),
        "--workloads-out",
        lines.to_str().unwrap(),
    ]);
    // The library's workload lines: one row per period and workload, the
    // curtailed periods with their reason.
    let written_lines = std::fs::read_to_string(&lines).unwrap();
    assert!(written_lines.starts_with("start_utc,workload,live,running,reason,it_energy_mwh,"));
    assert_eq!(written_lines.lines().count(), 1 + 288);
    assert_eq!(written_lines.matches(",false,breakeven,").count(), 41); // 10.25 h of quarter hours
    snapshot("site-run.txt", &table);
    let written = std::fs::read_to_string(&ledger).unwrap();
    snapshot("site-run-ledger.csv", &written);
    // One row per 15-minute period of the three days, and a header.
    assert_eq!(written.lines().count(), 1 + 288);
    std::fs::remove_dir_all(&dir).unwrap();
    snapshot(
        "site-run.json",
        &ok(&[
            "site",
            "run",
            "site.toml",
            "--prices",
            PRICES,
            "--format",
            "json",
        ]),
    );
}

#[test]
fn site_run_by_month_sums_to_the_summary() {
    let csv = ok(&[
        "site",
        "run",
        "site.toml",
        "--prices",
        PRICES,
        "--by",
        "month",
        "--format",
        "csv",
    ]);
    // The by-month section: the three August days are one group, and its
    // revenue is the summary's.
    assert!(
        csv.contains("start,periods,workload,revenue,energy_cost,curtailed_periods,btc_mined"),
        "{csv}"
    );
    assert!(csv.contains("2023-08-15,288,fleet,$378808.77"), "{csv}");
    let bad = bad_input(&[
        "site",
        "run",
        "site.toml",
        "--prices",
        PRICES,
        "--by",
        "week",
    ]);
    assert!(bad.contains("week"), "{bad}");
    // On ERCOT's calendar the three days start at local midnight, 05:00 UTC.
    let local = ok(&[
        "site",
        "run",
        "site.toml",
        "--prices",
        PRICES,
        "--by",
        "month",
        "--zone",
        "America/Chicago",
        "--format",
        "csv",
    ]);
    assert!(local.contains("2023-08-15,288,fleet,$378808.77"), "{local}");
    let bad = bad_input(&[
        "site",
        "run",
        "site.toml",
        "--prices",
        PRICES,
        "--by",
        "month",
        "--zone",
        "Texas",
    ]);
    assert!(bad.contains("--zone \"Texas\""), "{bad}");
}

/// Writes `gapped.csv` into `dir`: the sample price file without its
/// third data row (05:45 ending, line 4), one 15-minute interval missing.
fn write_gapped_prices(dir: &std::path::Path) -> PathBuf {
    let text = std::fs::read_to_string(data(PRICES)).unwrap();
    let gapped: Vec<&str> = text
        .lines()
        .enumerate()
        .filter(|(i, _)| *i != 3)
        .map(|(_, l)| l)
        .collect();
    let file = dir.join("gapped.csv");
    std::fs::write(&file, gapped.join("\n") + "\n").unwrap();
    file
}

#[test]
fn a_price_file_with_a_gap_needs_a_gap_policy() {
    let dir = std::env::temp_dir().join(format!("wattage-cli-gaps-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = write_gapped_prices(&dir);
    let file = file.to_str().unwrap();
    let line = bad_input(&["site", "run", "site.toml", "--prices", file]);
    assert!(
        line.contains("gapped.csv") && line.contains("line 4"),
        "{line}"
    );
    let out = wattage()
        .args([
            "site",
            "run",
            "site.toml",
            "--prices",
            file,
            "--gap-policy",
            "fill-forward",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("filled 1 missing interval(s)"), "{stderr}");
    for policy in ["interpolate", "$100/MWh"] {
        ok(&[
            "site",
            "run",
            "site.toml",
            "--prices",
            file,
            "--gap-policy",
            policy,
        ]);
    }
    let bad = bad_input(&[
        "site",
        "run",
        "site.toml",
        "--prices",
        file,
        "--gap-policy",
        "guess",
    ]);
    assert!(bad.contains("guess"), "{bad}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_sweep_path_from_a_file_with_a_gap_takes_a_gap_policy() {
    let dir = std::env::temp_dir().join(format!("wattage-cli-sweep-gaps-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    write_gapped_prices(&dir);
    std::fs::copy(data("site.toml"), dir.join("site.toml")).unwrap();
    let sweep = |policy: &str| {
        let file = dir.join(format!("sweep-{}.toml", policy.len()));
        let policy = if policy.is_empty() {
            String::new()
        } else {
            format!("gap_policy = \"{policy}\"\n")
        };
        std::fs::write(
            &file,
            format!(
                "sites = [\"site.toml\"]\n[horizon]\nstart = \"2023-08-15T05:00:00Z\"\nresolution = \"fifteen_minutes\"\nperiods = 288\n[[paths]]\nname = \"gapped\"\nfile = \"gapped.csv\"\n{policy}"
            ),
        )
        .unwrap();
        file.to_str().unwrap().to_string()
    };
    let refused = bad_input(&["sweep", &sweep("")]);
    assert!(refused.contains("gap in the series"), "{refused}");
    let forward = ok(&["sweep", &sweep("fill-forward")]);
    let flat_fill = ok(&["sweep", &sweep("$100/MWh")]);
    assert!(forward.lines().count() == 2 && flat_fill.lines().count() == 2);
    assert_ne!(
        forward, flat_fill,
        "the two policies fill the interval differently"
    );
    let bad = bad_input(&["sweep", &sweep("guess")]);
    assert!(bad.contains("gap_policy") && bad.contains("guess"), "{bad}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn hashprice_on_a_date_from_the_shipped_history() {
    let table = ok(&["hashprice", "--date", "2024-04-20"]);
    // The difficulty in force that day, the pre-halving subsidy, and
    // April 2024's fees and price from the shipped history.
    assert!(table.contains("86,388,558,925,171.02"), "{table}");
    assert!(table.contains("subsidy_btc           6.25"), "{table}");
    // A flag overrides the history's figure.
    let table = ok(&["hashprice", "--date", "2024-04-20", "--btc-price", "60000"]);
    assert!(table.contains("btc_price_usd         60,000"), "{table}");
    let line = bad_input(&["hashprice", "--date", "1999-01-01"]);
    assert!(line.contains("before the genesis block"), "{line}");
    let line = bad_input(&["hashprice", "--date", "2024-13-01"]);
    assert!(line.contains("2024-13-01"), "{line}");
}

#[test]
fn site_run_on_other_price_sources() {
    // ERCOT's settlement point layout: Winter Storm Uri, 16 February 2021.
    // Prices near $9,000/MWh all day, so the fleet never runs.
    let json = ok(&[
        "site",
        "run",
        "site.toml",
        "--prices",
        "ercot_spp_hb_west_north_2021-02-16.csv",
        "--hub",
        "HB_NORTH",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["workloads"][0]["curtailed_time"], "1 day");
    assert_eq!(v["site"][0]["revenue"], "$0");
    // A config with its own contract and horizon, and no --prices.
    snapshot(
        "site-run-fixed.csv",
        &ok(&["site", "run", "fixed.toml", "--format", "csv"]),
    );
    // A config with a contract and --prices too: one or the other.
    let line = bad_input(&["site", "run", "fixed.toml", "--prices", PRICES]);
    assert!(line.contains("[contract]"), "{line}");
}

#[test]
fn compare() {
    snapshot(
        "compare.txt",
        &ok(&["compare", "site.toml", "efficient.toml", "--prices", PRICES]),
    );
}

#[test]
fn sweep_and_its_shards() {
    let whole = ok(&["sweep", "sweep.toml"]);
    snapshot("sweep.csv", &whole);
    assert_eq!(whole.lines().count(), 1 + 6);
    for n in 1..=4 {
        let parts: String = (1..=n)
            .map(|i| ok(&["sweep", "sweep.toml", "--shard", &format!("{i}/{n}")]))
            .collect();
        assert_eq!(parts, whole, "{n} shards");
        let whole_json = ok(&["sweep", "sweep.toml", "--format", "json"]);
        let parts_json: String = (1..=n)
            .map(|i| {
                ok(&[
                    "sweep",
                    "sweep.toml",
                    "--format",
                    "json",
                    "--shard",
                    &format!("{i}/{n}"),
                ])
            })
            .collect();
        assert_eq!(parts_json, whole_json, "{n} JSON shards");
    }
    // More shards than cases: the empty ones add nothing, the first still has the header.
    let parts: String = (1..=8)
        .map(|i| ok(&["sweep", "sweep.toml", "--shard", &format!("{i}/8")]))
        .collect();
    assert_eq!(parts, whole);
}

#[test]
fn a_sweep_over_monte_carlo_hashprice_paths_shards_exactly() {
    let whole = ok(&["sweep", "sweep_montecarlo.toml"]);
    snapshot("sweep-montecarlo.csv", &whole);
    assert_eq!(whole.lines().count(), 1 + 4);
    assert!(
        whole.starts_with("case,site,hashprice_path,path,"),
        "{whole}"
    );
    // Each path is drawn from (seed, index) alone, so any split of the
    // cases concatenates to the single run.
    for n in 1..=4 {
        let parts: String = (1..=n)
            .map(|i| {
                ok(&[
                    "sweep",
                    "sweep_montecarlo.toml",
                    "--shard",
                    &format!("{i}/{n}"),
                ])
            })
            .collect();
        assert_eq!(parts, whole, "{n} shards");
    }
    // The paths differ, and so do the cases' revenues.
    let revenues: std::collections::BTreeSet<&str> = whole
        .lines()
        .skip(1)
        .filter_map(|l| l.rsplit(',').nth(5))
        .collect();
    assert_eq!(revenues.len(), 4, "{whole}");
}

#[test]
fn sweep_kernel_agrees_with_the_exact_ledger() {
    // Case 1 is site.toml on the shipped prices: the same as `site run`.
    let sweep = ok(&["sweep", "sweep.toml"]);
    let case = sweep.lines().nth(2).unwrap();
    assert!(case.contains(",378808.77,"), "{case}");
    let json = ok(&[
        "site",
        "run",
        "site.toml",
        "--prices",
        PRICES,
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(
        v["site"][0]["revenue"]
            .as_str()
            .unwrap()
            .starts_with("$378808.77")
    );
}

#[test]
fn every_subcommand_has_help_with_examples() {
    for args in [
        &["--help"][..],
        &["hashprice", "--help"],
        &["breakeven", "--help"],
        &["revenue", "--help"],
        &["catalog", "--help"],
        &["site", "--help"],
        &["catalog", "list", "--help"],
        &["catalog", "show", "--help"],
        &["catalog", "compare", "--help"],
        &["catalog", "accelerators", "--help"],
        &["site", "run", "--help"],
        &["compare", "--help"],
        &["sweep", "--help"],
        &["completions", "--help"],
    ] {
        let help = ok(args);
        assert!(help.contains("Examples:"), "{args:?}");
    }
}

#[test]
fn completions() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = ok(&["completions", shell]);
        assert!(script.contains("wattage"), "{shell}");
        assert!(script.contains("hashprice"), "{shell}");
    }
}

#[test]
fn a_unit_typo_in_a_flag() {
    let line = bad_input(&[
        "breakeven",
        "--efficiency",
        "17.5 J/TT",
        "--hashprice",
        "$54.3/PH/day",
    ]);
    assert!(
        line.contains("17.5 J/TT") && line.contains("--efficiency"),
        "{line}"
    );
}

#[test]
fn a_unit_typo_in_a_config() {
    let text = std::fs::read_to_string(data("site.toml")).unwrap();
    let path = temp("typo.toml", &text.replace("\"60 MW\"", "\"60 MWW\""));
    let line = bad_input(&["site", "run", path.to_str().unwrap(), "--prices", PRICES]);
    assert!(
        line.contains("typo.toml:") && line.contains("60 MWW"),
        "{line}"
    );
}

#[test]
fn a_missing_file() {
    let line = bad_input(&["site", "run", "no-such-site.toml", "--prices", PRICES]);
    assert!(line.contains("no-such-site.toml"), "{line}");
    let line = bad_input(&["site", "run", "site.toml", "--prices", "no-such-prices.csv"]);
    assert!(line.contains("no-such-prices.csv"), "{line}");
    let line = bad_input(&["sweep", "no-such-sweep.toml"]);
    assert!(line.contains("no-such-sweep.toml"), "{line}");
    // A sweep's own files are relative to the sweep file, and the hint says so.
    let text = std::fs::read_to_string(data("sweep.toml")).unwrap();
    // A copy elsewhere, with the site configs that should be found named in full.
    let sites = format!(
        "sites = [{:?}, {:?}]",
        data("site.toml").display().to_string(),
        data("efficient.toml").display().to_string()
    );
    let text = text.replace("sites = [\"site.toml\", \"efficient.toml\"]", &sites);
    for (name, from, to) in [
        ("no-site.toml", "efficient.toml\"]", "no-such-site.toml\"]"),
        (
            "no-prices.toml",
            "file = \"ercot_hb_west_2023-08-15_17.csv\"",
            "file = \"no-such-prices.csv\"",
        ),
    ] {
        let sweep = temp(name, &text.replace(from, to));
        let out = wattage()
            .args(["sweep", sweep.to_str().unwrap()])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains("no-such-"), "{stderr}");
        assert!(
            stderr.contains("relative to the sweep file's directory"),
            "{stderr}"
        );
    }
}

#[test]
fn a_malformed_toml() {
    let text = std::fs::read_to_string(data("site.toml")).unwrap();
    let path = temp(
        "malformed.toml",
        &text.replace("hall = \"A\"", "hall = \"A"),
    );
    let line = bad_input(&["site", "run", path.to_str().unwrap(), "--prices", PRICES]);
    // File, line and column of the unterminated string.
    assert!(line.contains("malformed.toml:19:"), "{line}");
}

#[test]
fn an_unknown_field() {
    let text = std::fs::read_to_string(data("site.toml")).unwrap();
    // At the top level...
    let path = temp("unknown-top.toml", &format!("colour = \"red\"\n{text}"));
    let line = bad_input(&["site", "run", path.to_str().unwrap(), "--prices", PRICES]);
    assert!(line.contains("colour"), "{line}");
    // ...and inside the library's own tables, which would ignore it.
    let path = temp(
        "unknown-nested.toml",
        &text.replace(
            "it_capacity = \"50 MW\"",
            "it_capacity = \"50 MW\"\ncolour = \"red\"",
        ),
    );
    let line = bad_input(&["site", "run", path.to_str().unwrap(), "--prices", PRICES]);
    assert!(line.contains("unknown-nested.toml:"), "{line}");
    assert!(
        line.contains("unknown field `colour`, expected one of `name`, `it_capacity`, `pue`"),
        "{line}"
    );
}

#[test]
fn a_missing_field_points_at_its_table() {
    let text = std::fs::read_to_string(data("site.toml")).unwrap();
    // The hall's table starts on line 12 of the file; without its capacity
    // the error names the field and that table's line.
    let path = temp(
        "missing-capacity.toml",
        &text.replace("it_capacity = \"50 MW\"\n", ""),
    );
    let line = bad_input(&["site", "run", path.to_str().unwrap(), "--prices", PRICES]);
    assert!(line.contains("missing-capacity.toml:12:"), "{line}");
    assert!(line.contains("missing field `it_capacity`"), "{line}");
}

#[test]
fn other_bad_input() {
    bad_input(&[
        "hashprice",
        "--difficulty",
        "148.26X",
        "--btc-price",
        "91132",
    ]);
    bad_input(&[
        "hashprice",
        "--difficulty",
        "148.26T",
        "--btc-price",
        "91132",
        "--fees",
        "0.55",
    ]);
    bad_input(&[
        "breakeven",
        "--efficiency",
        "17.5 J/TH",
        "--hashprice",
        "$54.3/PH/day",
        "--pue",
        "0.9",
    ]);
    bad_input(&["catalog", "show", "S21 XPP"]);
    bad_input(&["sweep", "sweep.toml", "--shard", "5/4"]);
    bad_input(&["sweep", "sweep.toml", "--shard", "1/2", "--format", "table"]);
    bad_input(&["site", "run", "site.toml"]);
    bad_input(&["no-such-command"]);
}

fn temp(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wattage-cli-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn bad_input_an_analyst_might_type() {
    let hp = ["hashprice", "--difficulty", "148.26T"];
    // Negative values reach their parser instead of reading as flags.
    let line = bad_input(&[&hp[..], &["--btc-price", "-5"]].concat());
    assert!(
        line.contains("--btc-price") && line.contains("greater than zero"),
        "{line}"
    );
    let line = bad_input(&[&hp[..], &["--btc-price", "91132", "--fees", "-1%"]].concat());
    assert!(line.contains("\"-1%\" is outside 0% to 100%"), "{line}");
    let line = bad_input(&[&hp[..], &["--btc-price", "91132", "--fees", "101%"]].concat());
    assert!(line.contains("\"101%\" is outside 0% to 100%"), "{line}");
    let line = bad_input(&[&hp[..], &["--btc-price", "91132", "--height", "-1"]].concat());
    assert!(line.contains("--height"), "{line}");
    // A flag without its value says so, and does not take the next flag.
    let line = bad_input(&["hashprice", "--difficulty", "--btc-price", "5"]);
    assert!(
        line.contains("a value is required for '--difficulty"),
        "{line}"
    );
    // Missing arguments are named on the line.
    let line = bad_input(&["catalog", "show"]);
    assert!(line.ends_with("not provided: <NAME>"), "{line}");
    let line = bad_input(&[
        "site",
        "run",
        "site.toml",
        "--prices",
        PRICES,
        "--zone",
        "America/Chicago",
    ]);
    assert!(line.contains("--by <PERIOD>"), "{line}");
    // A value outside a fixed list names the possible ones.
    let line = bad_input(&[&hp[..], &["--btc-price", "91132", "--format", "xml"]].concat());
    assert!(
        line.contains("[possible values: table, csv, json]"),
        "{line}"
    );
    let line = bad_input(&[
        "site",
        "run",
        "site.toml",
        "--prices",
        PRICES,
        "--by",
        "week",
    ]);
    assert!(line.contains("[possible values: month, year]"), "{line}");
    // A directory where a file belongs, for every file argument.
    let dir = data("");
    let dir = dir.to_str().unwrap();
    let line = bad_input(&["site", "run", dir, "--prices", PRICES]);
    assert!(line.contains("cannot read site config"), "{line}");
    let line = bad_input(&["site", "run", "site.toml", "--prices", dir]);
    assert!(line.contains("cannot read price file"), "{line}");
    let line = bad_input(&["sweep", dir]);
    assert!(line.contains("cannot read sweep file"), "{line}");
    let line = bad_input(&["site", "run", "site.toml", "--prices", PRICES, "--out", dir]);
    assert!(line.contains("cannot create ledger file"), "{line}");
}

#[test]
fn a_flag_without_its_value_is_named_not_the_next_flags_value() {
    let line = bad_input(&["breakeven", "--efficiency", "--hashprice", "$54.3/PH/day"]);
    assert_eq!(
        line,
        "error: --efficiency needs a value, but the flag --hashprice follows it"
    );
    let line = bad_input(&[
        "breakeven",
        "--efficiency",
        "17.5 J/TH",
        "--hashprice",
        "$54.3/PH/day",
        "--pool-fee",
        "--pue",
        "1.1",
    ]);
    assert!(line.contains("--pool-fee needs a value"), "{line}");
    // A value that starts with a hyphen is still a value.
    let line = bad_input(&[
        "breakeven",
        "--efficiency",
        "-1 J/TH",
        "--hashprice",
        "$54.3/PH/day",
    ]);
    assert!(!line.contains("needs a value"), "{line}");
}

#[test]
fn a_negative_fill_price_is_a_gap_policy() {
    let out = ok(&[
        "site",
        "run",
        "site.toml",
        "--prices",
        PRICES,
        "--gap-policy",
        "-$5/MWh",
        "--format",
        "json",
    ]);
    assert!(out.contains("\"revenue\": \"$378808.77"), "{out}");
}

#[test]
fn price_files_that_are_empty_or_have_times_without_an_offset() {
    let line = bad_input(&[
        "site",
        "run",
        "site.toml",
        "--prices",
        temp("empty.csv", "").to_str().unwrap(),
    ]);
    assert!(line.contains("empty.csv is empty"), "{line}");
    let naive =
        "\"start\":\"2024-01-01T00:00:00\",\"resolution\":\"hourly\",\"prices\":[\"$30/MWh\"]";
    let json = temp("naive.json", &format!("{{{naive}}}"));
    let line = bad_input(&[
        "site",
        "run",
        "site.toml",
        "--prices",
        json.to_str().unwrap(),
    ]);
    assert!(line.contains("naive.json:1:30: "), "{line}");
    assert!(
        line.contains("UTC offset") && line.contains("2024-01-01T00:00:00Z"),
        "{line}"
    );
    assert!(
        !line.contains(" at line "),
        "the position is said once: {line}"
    );
    for (name, start) in [
        ("quoted.toml", "\"2024-01-01T00:00:00\""),
        ("bare.toml", "2024-01-01T00:00:00"),
    ] {
        let toml = temp(
            name,
            &format!("start = {start}\nresolution = \"hourly\"\nprices = [\"$30/MWh\"]\n"),
        );
        let line = bad_input(&[
            "site",
            "run",
            "site.toml",
            "--prices",
            toml.to_str().unwrap(),
        ]);
        assert!(line.contains(&format!("{name}:1:9: ")), "{line}");
        assert!(line.contains("UTC offset"), "{line}");
    }
}

#[test]
fn a_piped_sweep_draws_no_progress_bar() {
    let out = wattage().args(["sweep", "sweep.toml"]).output().unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn help_text_shows_no_escaped_quotes() {
    for args in [&["catalog", "--help"][..], &["catalog", "show", "--help"]] {
        let help = ok(args);
        assert!(!help.contains("\\\""), "{args:?}: {help}");
    }
}

#[test]
fn consecutive_price_files_read_as_one() {
    let text = std::fs::read_to_string(data(PRICES)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let (header, rows) = lines.split_first().unwrap();
    let (first, second) = rows.split_at(rows.len() / 2);
    let part = |name: &str, rows: &[&str]| {
        let body: String = rows.iter().map(|r| format!("{r}\n")).collect();
        temp(name, &format!("{header}\n{body}"))
    };
    let (a, b) = (
        part("first-half.csv", first),
        part("second-half.csv", second),
    );
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let whole = ok(&[
        "site",
        "run",
        "site.toml",
        "--prices",
        PRICES,
        "--format",
        "json",
    ]);
    let parts = ok(&[
        "site",
        "run",
        "site.toml",
        "--prices",
        a,
        "--prices",
        b,
        "--format",
        "json",
    ]);
    assert_eq!(parts, whole);
    // Out of order, the second file does not start where the first ends.
    let line = bad_input(&["site", "run", "site.toml", "--prices", b, "--prices", a]);
    assert!(line.contains("first-half.csv"), "{line}");
}

#[test]
fn a_catalog_filter_that_matches_nothing_says_so_on_stderr() {
    for args in [
        &["catalog", "list", "--year", "1999"][..],
        &["catalog", "list", "--year", "1999", "--format", "csv"],
        &["catalog", "accelerators", "--vendor", "nobody"],
    ] {
        let out = wattage().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        // Accelerators still carry their data's credit line.
        let stdout = String::from_utf8(out.stdout).unwrap();
        if args[1] == "list" {
            assert!(stdout.is_empty(), "{args:?}: {stdout}");
        } else {
            assert!(
                stdout.contains("Epoch AI") && !stdout.contains("NVIDIA"),
                "{stdout}"
            );
        }
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.starts_with("note: no ") && stderr.contains("match the filters"),
            "{stderr}"
        );
    }
    let json = ok(&["catalog", "list", "--year", "1999", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["miners"], serde_json::json!([]));
}

/// On a terminal (a pseudo-terminal from util-linux `script`) the sweep
/// draws its bar on stderr; the results on stdout are the same as piped.
#[cfg(target_os = "linux")]
#[test]
fn a_sweep_on_a_terminal_draws_a_progress_bar() {
    let bin = assert_cmd::cargo::cargo_bin("wattage");
    let dir = data("");
    let out_file = std::env::temp_dir().join(format!("wattage-tty-{}.csv", std::process::id()));
    let command = format!(
        "{} sweep sweep_montecarlo.toml > {}",
        bin.display(),
        out_file.display()
    );
    let Ok(run) = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(&dir)
        .output()
    else {
        eprintln!("util-linux `script` is not installed; the terminal case is not run");
        return;
    };
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    // The bar's blocks (U+2588 and U+2591) reach the terminal.
    let terminal = String::from_utf8_lossy(&run.stdout);
    assert!(
        terminal.contains('\u{2588}') || terminal.contains('\u{2591}'),
        "{terminal:?}"
    );
    let written = std::fs::read_to_string(&out_file).unwrap();
    assert_eq!(written, ok(&["sweep", "sweep_montecarlo.toml"]));
}

/// Output that cannot be written is the internal exit code, 2, in one
/// line naming what could not be written (`/dev/full` refuses every write).
#[cfg(target_os = "linux")]
#[test]
fn output_that_cannot_be_written_exits_2() {
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    let run = |args: &[&str], stdout: Option<std::fs::File>| {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("wattage"));
        cmd.current_dir(data("")).args(args);
        if let Some(f) = stdout {
            cmd.stdout(f);
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 2, "{stderr}");
        stderr.lines().next().unwrap().to_string()
    };
    let line = run(&["catalog", "list"], Some(full()));
    assert!(line.starts_with("error: could not write output"), "{line}");
    for flag in ["--out", "--workloads-out"] {
        let line = run(
            &[
                "site",
                "run",
                "site.toml",
                "--prices",
                PRICES,
                flag,
                "/dev/full",
            ],
            None,
        );
        assert!(
            line.starts_with("error: could not write ledger file /dev/full: "),
            "{line}"
        );
        assert!(!line.contains("cannot read"), "{line}");
    }
}

/// The repository's root (two levels above this crate).
fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Splits a shell command line into words, honouring single and double
/// quotes (enough for the commands in the README and the book).
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.get_or_insert_with(String::new).push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                word.get_or_insert_with(String::new);
            }
            (None, c) if c.is_whitespace() => words.extend(word.take()),
            (None, c) => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    words
}

#[test]
fn the_readme_commands_work_from_the_repository_root() {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let section = readme
        .split("## From the command line")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .unwrap();
    let commands: Vec<&str> = section
        .lines()
        .filter_map(|l| l.strip_prefix("cargo run -p wattage-cli -- "))
        .collect();
    assert_eq!(commands.len(), 3, "{section}");
    assert!(section.contains("cargo install --path crates/wattage-cli"));
    for command in commands {
        let out = wattage()
            .current_dir(repo_root())
            .args(shell_words(command))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{command}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty(), "{command}");
    }
}

/// Every example in the book's CLI chapter that shows its whole output (a
/// one-line `wattage ...` block followed by a text block without "...")
/// prints exactly that output.
#[test]
fn the_books_sample_outputs_are_the_real_ones() {
    let book = std::fs::read_to_string(repo_root().join("docs/10-cli.md")).unwrap();
    let blocks: Vec<&str> = book.split("```").collect();
    let mut checked = 0;
    for pair in blocks.windows(3) {
        let (Some(sh), Some(text)) = (pair[0].strip_prefix("sh\n"), pair[2].strip_prefix("text\n"))
        else {
            continue;
        };
        let lines: Vec<&str> = sh.lines().filter(|l| !l.trim().is_empty()).collect();
        let [command] = lines[..] else { continue };
        let Some(args) = command.strip_prefix("wattage ") else {
            continue;
        };
        if text.contains("...") || !pair[1].trim().is_empty() {
            continue;
        }
        assert_eq!(
            ok(&shell_words(args)
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()),
            text,
            "{command}"
        );
        checked += 1;
    }
    assert!(checked >= 2, "only {checked} examples checked");
}

/// Every flag a subcommand's `--help` lists is in the book's reference.
#[test]
fn the_book_documents_every_flag() {
    let book = std::fs::read_to_string(repo_root().join("docs/10-cli.md")).unwrap();
    for command in [
        &["hashprice"][..],
        &["breakeven"],
        &["revenue"],
        &["catalog", "list"],
        &["catalog", "show"],
        &["catalog", "compare"],
        &["catalog", "accelerators"],
        &["site", "run"],
        &["compare"],
        &["sweep"],
        &["completions"],
    ] {
        let help = ok(&[command, &["--help"]].concat());
        for line in help.lines() {
            let Some(flag) = line.trim_start().strip_prefix("--") else {
                continue;
            };
            let flag: String = flag
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '-')
                .collect();
            if flag == "help" {
                continue;
            }
            assert!(
                book.contains(&format!("`--{flag}")),
                "{command:?}: --{flag} is not in docs/10-cli.md"
            );
        }
    }
}

#[test]
fn compare_three_plans_each_against_the_first() {
    let json = ok(&[
        "compare",
        "fixed.toml",
        "efficient.toml",
        "site.toml",
        "--discount-rate",
        "8%",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rows = v["comparisons"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "{json}");
    for (row, name) in rows
        .iter()
        .zip(["West Texas, new miners", "West Texas, all mining"])
    {
        assert_eq!(row["base"], "West Texas, fixed price");
        assert_eq!(row["alternative"], name);
    }
    // site.toml is fixed.toml's fleet on fixed.toml's contract: the same plan.
    assert_eq!(rows[1]["base_npv"], rows[1]["alternative_npv"]);
    let years = v["years"].as_array().unwrap();
    assert_eq!(
        years.len(),
        2,
        "one year per alternative over two days: {json}"
    );
    assert_eq!(years[1]["incremental_cash_flow"], "$0");
}

/// Years until `flows` (one a year, the first at time 0) sum to zero or
/// more: the whole years before, plus the share of the year that covers
/// what is left.
fn payback_of(flows: &[f64]) -> Option<f64> {
    let mut cumulative = 0.0;
    for (year, flow) in flows.iter().enumerate() {
        let owed = -cumulative;
        cumulative += flow;
        if cumulative >= 0.0 {
            return Some(if year == 0 {
                0.0
            } else {
                (year - 1) as f64 + owed / flow
            });
        }
    }
    None
}

fn dollars(v: &serde_json::Value) -> f64 {
    v.as_str().unwrap().replace(['$', ','], "").parse().unwrap()
}

#[test]
fn compare_gives_each_plans_own_payback() {
    // Three years of fixed.toml; the alternative is the same fleet bought for
    // $60 million on the first day, the base has no capex.
    let fixed = std::fs::read_to_string(data("fixed.toml")).unwrap();
    let long = fixed.replace("periods = 48", "periods = 26280");
    let base = temp("payback-base.toml", &long);
    let bought = temp(
        "payback-bought.toml",
        &format!(
            "{}\n[[capex]]\nat = \"2026-01-01T00:00:00Z\"\namount = \"$60,000,000\"\n",
            long.replace("West Texas, fixed price", "bought")
        ),
    );
    let json = ok(&[
        "compare",
        base.to_str().unwrap(),
        bought.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let row = &v["comparisons"][0];
    let years = v["years"].as_array().unwrap();
    assert_eq!(years.len(), 3, "{json}");
    let alternative: Vec<f64> = years
        .iter()
        .map(|y| dollars(&y["alternative_cash_flow"]))
        .collect();
    assert!(
        alternative[0] < 0.0,
        "the purchase outweighs the first year: {json}"
    );
    let expected = payback_of(&alternative).unwrap();
    let got: f64 = row["alternative_payback_years"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((got - expected).abs() < 1e-4, "{got} against {expected}");
    assert!(got > 0.0 && got < 2.0, "{got}");
    assert_eq!(
        row["base_payback_years"], "0",
        "no capex: paid back at once"
    );
}

#[test]
fn compare_refuses_an_alternative_on_other_terms() {
    let fixed = std::fs::read_to_string(data("fixed.toml")).unwrap();
    let other_contract = temp("other-contract.toml", &fixed.replace("$42/MWh", "$43/MWh"));
    let line = bad_input(&["compare", "fixed.toml", other_contract.to_str().unwrap()]);
    assert!(
        line.contains("other-contract.toml has a [contract] that differs"),
        "{line}"
    );
    let other_horizon = temp(
        "other-horizon.toml",
        &fixed.replace("periods = 48", "periods = 24"),
    );
    let line = bad_input(&["compare", "fixed.toml", other_horizon.to_str().unwrap()]);
    assert!(
        line.contains("other-horizon.toml has a [horizon] that differs"),
        "{line}"
    );
    let line = bad_input(&["compare", "fixed.toml"]);
    assert!(line.contains("2 values required"), "{line}");
}

#[test]
fn compare_year_by_year_with_irr_and_payback() {
    // Three years on the fixed contract: the base fleet, and one at 13.5
    // J/TH bought for $20M on the first day.
    let fixed = std::fs::read_to_string(data("fixed.toml")).unwrap();
    let base = fixed.replace("periods = 48", "periods = 26304");
    let alternative = format!(
        "{}\n[[capex]]\nat = \"2026-01-01T00:00:00Z\"\namount = \"$20,000,000\"\n",
        base.replace("it_power = \"45.15 MW\"", "it_power = \"28.35 MW\"")
            .replace(
                "name = \"West Texas, fixed price\"",
                "name = \"New miners\""
            )
    );
    let (base, alternative) = (
        temp("base-3y.toml", &base),
        temp("alternative-3y.toml", &alternative),
    );
    let table = ok(&[
        "compare",
        base.to_str().unwrap(),
        alternative.to_str().unwrap(),
    ]);
    snapshot("compare-years.txt", &table);
    let json = ok(&[
        "compare",
        base.to_str().unwrap(),
        alternative.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["years"].as_array().unwrap().len(), 3);
    // Paid back within the second year, at an IRR the $20M earns.
    let payback: f64 = v["comparisons"][0]["incremental_payback_years"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1.0..2.0).contains(&payback), "{json}");
    assert!(v["comparisons"][0]["incremental_irr"].is_string(), "{json}");
    // Each plan's own IRR needs a year that loses: none without capex (the
    // base), and none for $20M that the first year's margin covers.
    assert!(v["comparisons"][0]["base_irr"].is_null(), "{json}");
    assert!(v["comparisons"][0]["alternative_irr"].is_null(), "{json}");
    let text = std::fs::read_to_string(&alternative).unwrap();
    let costly = temp(
        "alternative-3y-60m.toml",
        &text.replace("$20,000,000", "$60,000,000"),
    );
    let json = ok(&[
        "compare",
        base.to_str().unwrap(),
        costly.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let irr: f64 = v["comparisons"][0]["alternative_irr"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(irr > 0.0 && irr < 2.0, "{json}");
}

#[test]
fn site_run_draws_its_charts() {
    let dir = std::env::temp_dir().join(format!("wattage-cli-charts-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let charts = dir.join("charts");
    ok(&[
        "site",
        "run",
        "site.toml",
        "--prices",
        PRICES,
        "--charts",
        charts.to_str().unwrap(),
    ]);
    for (file, title) in [
        ("prices.svg", "Energy price per period"),
        ("margin.svg", "Cumulative gross margin"),
    ] {
        let svg = std::fs::read_to_string(charts.join(file)).unwrap();
        assert!(svg.starts_with("<svg"), "{file}");
        assert!(svg.trim_end().ends_with("</svg>"), "{file}");
        assert!(svg.contains(title), "{file}");
        assert!(
            svg.contains("site.toml") && svg.contains(PRICES),
            "{file}: source line"
        );
        assert!(
            svg.contains("<path") || svg.contains("<polyline"),
            "{file}: a line"
        );
    }
    // A file where the directory should be is bad input.
    let file = temp("not-a-dir.csv", "");
    let line = bad_input(&[
        "site",
        "run",
        "site.toml",
        "--prices",
        PRICES,
        "--charts",
        file.to_str().unwrap(),
    ]);
    assert!(line.contains("cannot create chart directory"), "{line}");
}

#[test]
fn catalog_by_manufacturer_and_hashprice_with_a_subsidy() {
    let csv = ok(&[
        "catalog",
        "list",
        "--manufacturer",
        "canaan",
        "--format",
        "csv",
    ]);
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|r| r.split(',').nth(1) == Some("Canaan")),
        "{csv}"
    );
    // --subsidy 6.25 BTC is --height 839999's subsidy.
    let hp = [
        "hashprice",
        "--difficulty",
        "86.39T",
        "--btc-price",
        "64000",
        "--format",
        "csv",
    ];
    assert_eq!(
        ok(&[&hp[..], &["--subsidy", "6.25 BTC"]].concat()),
        ok(&[&hp[..], &["--height", "839999"]].concat())
    );
    bad_input(&[&hp[..], &["--subsidy", "6.25 BTC", "--height", "1"]].concat());
}

/// The JSON result sets of every command are the book's list.
#[test]
fn json_result_sets_are_the_documented_ones() {
    // The top-level keys in the order the text has them (serde_json's
    // map sorts its keys).
    let sets = |args: &[&str]| -> Vec<String> {
        let json = ok(&[args, &["--format", "json"]].concat());
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["schema"], 1, "{args:?}");
        let keys: Vec<String> = json
            .lines()
            .filter_map(|l| {
                l.strip_prefix("  \"")?
                    .split_once("\":")
                    .map(|(k, _)| k.to_string())
            })
            .collect();
        assert_eq!(keys.len(), v.as_object().unwrap().len(), "{json}");
        assert_eq!(
            keys[..2],
            ["command".to_string(), "schema".to_string()],
            "{args:?}"
        );
        keys[2..].to_vec()
    };
    let run = ["site", "run", "site.toml", "--prices", PRICES];
    for (args, expected) in [
        (&["catalog", "show", "S21"][..], &["miner"][..]),
        (&["catalog", "compare", "S19", "S21"], &["miners", "gains"]),
        (
            &["catalog", "accelerators"],
            &["accelerators", "attribution"],
        ),
        (&run, &["site", "workloads", "years"]),
        (
            &[&run[..], &["--by", "year"]].concat(),
            &["site", "workloads", "years", "by year"],
        ),
        (
            &["compare", "site.toml", "efficient.toml", "--prices", PRICES],
            &["comparisons", "years"],
        ),
    ] {
        assert_eq!(sets(args), expected, "{args:?}");
    }
}

#[test]
fn no_fees_read_zero() {
    let json = ok(&[
        "hashprice",
        "--difficulty",
        "148.26T",
        "--btc-price",
        "91132",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["hashprice"][0]["fees_btc_per_block"], "0", "{json}");
    assert_eq!(v["hashprice"][0]["reward_btc_per_block"], "3.125", "{json}");
}

#[test]
fn any_settlement_point_by_name() {
    let spp = "ercot_spp_hb_west_north_2021-02-16.csv";
    let run = [
        "site",
        "run",
        "site.toml",
        "--prices",
        spp,
        "--format",
        "csv",
    ];
    assert_eq!(
        ok(&[&run[..], &["--point", "HB_NORTH"]].concat()),
        ok(&[&run[..], &["--hub", "HB_NORTH"]].concat())
    );
    // A point the file does not have is named in the error.
    let line = bad_input(&[&run[..], &["--point", "LZ_WEST"]].concat());
    assert!(line.contains("LZ_WEST"), "{line}");
    // A hub LMP file has no settlement points.
    let line = bad_input(&[
        "site",
        "run",
        "site.toml",
        "--prices",
        PRICES,
        "--point",
        "LZ_WEST",
    ]);
    assert!(line.contains("is a hub LMP file"), "{line}");
}

#[test]
fn a_sweep_path_at_any_settlement_point() {
    let spp = data("ercot_spp_hb_west_north_2021-02-16.csv");
    let sweep = |path_keys: &str| {
        format!(
            "sites = [{:?}]\n\n[horizon]\nstart = \"2021-02-16T06:00:00Z\"\nresolution = \"fifteen_minutes\"\nperiods = 96\n\n[[paths]]\nname = \"Uri\"\nfile = {:?}\n{path_keys}\n",
            data("site.toml").display().to_string(),
            spp.display().to_string()
        )
    };
    let by_point = temp("sweep-point.toml", &sweep("point = \"HB_NORTH\""));
    let by_hub = temp("sweep-hub.toml", &sweep("hub = \"HB_NORTH\""));
    let rows = ok(&["sweep", by_point.to_str().unwrap()]);
    assert_eq!(rows.lines().count(), 2, "{rows}");
    assert_eq!(rows, ok(&["sweep", by_hub.to_str().unwrap()]));
    let both = temp(
        "sweep-both.toml",
        &sweep("hub = \"HB_NORTH\"\npoint = \"HB_NORTH\""),
    );
    let line = bad_input(&["sweep", both.to_str().unwrap()]);
    assert!(line.contains("both `hub` and `point`"), "{line}");
}
