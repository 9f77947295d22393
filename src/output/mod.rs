//! Rendering, done once at the edge. Every report is `Serialize` (the `json` format) and knows
//! its table and its `text` rows; the reports of each command live here, one file each. stdout
//! carries the data only; a closed pipe is not an error. Everything a command says on stderr
//! (notes, warnings, problems, questions, progress) goes through a `console::Console`, drawn here.
//! Output reads the inventory, the rules and the checks' findings; it fetches nothing.

pub mod capacity;
pub mod check;
pub mod console;
pub mod diagnose;
pub mod enis;
pub mod error;
pub mod explain;
pub mod grid;
pub mod layout;
pub mod parts;
pub mod policy;
pub mod progress;
pub mod query;
pub mod run;
pub mod schema;
pub mod sections;
pub mod service;
#[cfg(test)]
mod snapshots;
pub mod status;
pub mod stop;
pub mod watch;

use std::io::Write;

use comfy_table::{Cell, Color, ContentArrangement, Table, presets};
use serde::Serialize;

pub use console::{Console, Prompt};

/// The format of stdout (`--output`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A table fitted to the terminal.
    Table,
    /// One JSON document.
    Json,
    /// Tab-separated values, one record per line.
    Text,
    /// JUnit XML (`check`), else JSON.
    Junit,
}

/// The resolved output settings.
#[derive(Debug, Clone, Copy)]
pub struct OutputContext {
    pub format: Format,
    /// Colour on stdout (a terminal, no --no-color, no NO_COLOR).
    pub color: bool,
    /// Header line in `text`.
    pub headers: bool,
    /// Progress and warnings on stderr.
    pub quiet: bool,
    pub verbose: u8,
    /// stderr is a terminal (progress bars only there).
    pub stderr_tty: bool,
    /// stdout is a terminal (`enis --watch` redraws there).
    pub stdout_tty: bool,
    /// `--query`: a JMESPath expression on the JSON document (checked before any call).
    pub query: Option<&'static str>,
    /// `--columns`: the `text` columns to print, in this order (checked before any call).
    pub columns: Option<&'static [String]>,
    /// Tables are fitted to this many columns.
    pub width: u16,
    /// `--wide`: every column of the tables, not only the ones that fit 100 columns.
    pub wide: bool,
}

impl OutputContext {
    /// A warning on stderr, unless --quiet.
    pub fn warn(&self, msg: &str) {
        if !self.quiet {
            eprintln!("{}", self.fitted(msg, "warning: "));
        }
    }

    /// A line of information on stderr, unless --quiet.
    pub fn note(&self, msg: &str) {
        if !self.quiet {
            eprintln!("{}", self.fitted(msg, ""));
        }
    }

    /// Lines that must be read (what a change will do, before asking): on stderr even with --quiet.
    pub fn say(&self, msg: &str) {
        eprintln!("{}", self.fitted(msg, ""));
    }

    /// A problem on stderr, always: `awsvpc: MSG`, then the fix when there is one (its commands
    /// whole, or continued with ` \`).
    pub fn problem(&self, msg: &str, fix: Option<&str>) {
        eprintln!("{}", self.fitted(msg, "awsvpc: "));
        if let Some(f) = fix {
            if self.stderr_tty {
                eprintln!("{}", layout::fix_lines(f, usize::from(self.width), 2).join("\n"));
            } else {
                eprintln!("  fix: {f}");
            }
        }
    }

    /// A sentence for stderr: wrapped at word boundaries to the terminal's width when stderr is
    /// a terminal (a log or a pipe keeps it on one line, for grep).
    fn fitted(&self, msg: &str, lead: &str) -> String {
        if !self.stderr_tty || msg.contains('\n') {
            return format!("{lead}{msg}");
        }
        layout::wrap(msg, usize::from(self.width), lead, 2).join("\n")
    }

    /// A note in its form: `note`, `warn` or `problem`.
    pub fn print_note(&self, n: &Note) {
        match n.level {
            Level::Info => self.note(&n.text),
            Level::Warning => self.warn(&n.text),
            Level::Problem => self.problem(&n.text, n.fix.as_deref()),
        }
    }

    /// With -v: the AWS call attempts per operation at the end of a run.
    pub fn call_summary(&self, counts: &std::collections::BTreeMap<String, u64>) {
        if self.verbose == 0 {
            return;
        }
        let total: u64 = counts.values().sum();
        let list: Vec<String> = counts.iter().map(|(k, v)| format!("{k}={v}")).collect();
        eprintln!("aws: {total} call attempts: {}", list.join(" "));
    }

    /// Plain settings for unit tests: a table at 100 columns, no colour, no terminal.
    #[cfg(test)]
    pub fn for_tests() -> OutputContext {
        OutputContext::quiet_plain()
    }

    /// Quiet, plain settings: a table at 100 columns, no colour, no terminal, no progress.
    pub fn quiet_plain() -> OutputContext {
        OutputContext {
            format: Format::Table,
            color: false,
            headers: false,
            quiet: true,
            verbose: 0,
            stderr_tty: false,
            stdout_tty: false,
            query: None,
            columns: None,
            width: 100,
            wide: false,
        }
    }

    /// Progress bars are drawn only for people: stderr a terminal, not quiet.
    pub fn progress_enabled(&self) -> bool {
        self.stderr_tty && !self.quiet
    }
}

/// What a command returns: data that can be shown in every format.
pub trait Render: Serialize {
    /// The table for people.
    fn table(&self, mode: &OutputContext) -> String;
    /// Column names of the `text` format, in their fixed order.
    fn text_columns(&self) -> &'static [&'static str];
    /// One record per line, values in `text_columns` order.
    fn text_rows(&self) -> Vec<Vec<String>>;
    /// JUnit XML, for reports that are test results (`check`); None for the others.
    fn junit(&self) -> Option<String> {
        None
    }
    /// The version of the JSON document's shape, its first field (None: a document of another
    /// format, such as an IAM policy).
    fn schema_version(&self) -> Option<u32> {
        Some(SCHEMA_VERSION)
    }
}

/// A command's report: its data (every format, `Render`), the exit code it stands for, and the
/// notes that go with it on stderr. Dispatch prints the notes, then the report, once.
pub trait Report: Render {
    fn exit_code(&self) -> i32;
    /// Notes for stderr (not part of the document).
    fn notes(&self) -> Vec<Note> {
        Vec::new()
    }
}

/// How much a note matters: information and warnings are left out with --quiet; problems are
/// always said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Problem,
}

/// A line for stderr beside a report: its level, its text and, for a problem, the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub level: Level,
    pub text: String,
    pub fix: Option<String>,
}

impl Note {
    pub fn warning(text: impl Into<String>) -> Note {
        Note { level: Level::Warning, text: text.into(), fix: None }
    }

    pub fn problem(text: impl Into<String>, fix: Option<String>) -> Note {
        Note { level: Level::Problem, text: text.into(), fix }
    }
}

/// The version of every JSON document's shape: raised when a field is renamed, removed or
/// changes meaning (adding fields keeps it).
pub const SCHEMA_VERSION: u32 = 1;

/// The report as one pretty JSON document, `schema_version` first.
fn json_document<R: Render>(report: &R) -> String {
    let mut out = Vec::new();
    write_json(report, &mut out).expect("reports serialize");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Writes the report as one pretty JSON document, `schema_version` first, as it is serialized.
fn write_json<R: Render, W: Write>(report: &R, mut w: W) -> std::io::Result<()> {
    #[derive(Serialize)]
    struct Versioned<'a, R> {
        schema_version: u32,
        #[serde(flatten)]
        report: &'a R,
    }
    match report.schema_version() {
        Some(v) => serde_json::to_writer_pretty(&mut w, &Versioned { schema_version: v, report })?,
        None => serde_json::to_writer_pretty(&mut w, report)?,
    }
    w.write_all(b"\n")?;
    w.flush()
}

/// Prints the report on stdout. JSON goes out as it is serialized, so that a document of
/// 20,000 tasks is never held in memory a second time; the other formats as `render` makes them.
pub fn emit<R: Render>(report: &R, mode: &OutputContext) -> std::io::Result<()> {
    if mode.query.is_some() || !matches!(mode.format, Format::Json) {
        return print_stdout(&render(report, mode));
    }
    let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match write_json(report, out) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Text escaped for XML attributes and content.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The report as the chosen format, ending in a newline.
pub fn render<R: Render>(report: &R, mode: &OutputContext) -> String {
    if let Some(q) = mode.query {
        return queried(report, mode, q);
    }
    match mode.format {
        Format::Json => json_document(report),
        Format::Text => {
            let all = report.text_columns();
            // --columns: the named columns in the given order (names checked before any call).
            let picked: Vec<usize> = match mode.columns {
                Some(names) => names.iter().filter_map(|n| all.iter().position(|c| c == n)).collect(),
                None => (0..all.len()).collect(),
            };
            let mut out = String::new();
            if mode.headers {
                out.push_str(&picked.iter().map(|&i| all[i]).collect::<Vec<_>>().join("\t"));
                out.push('\n');
            }
            for row in report.text_rows() {
                let fields: Vec<String> =
                    picked.iter().map(|&i| text_field(row.get(i).map(String::as_str).unwrap_or(""))).collect();
                out.push_str(&fields.join("\t"));
                out.push('\n');
            }
            out
        }
        Format::Table => trim_lines(&report.table(mode)),
        // Commands without JUnit output are refused before any call (lib.rs); JSON otherwise.
        Format::Junit => report.junit().unwrap_or_else(|| json_document(report)),
    }
}

/// The result of `--query` on the report's JSON document: JSON (json, table), or the AWS CLI's
/// text form (text).
fn queried<R: Render>(report: &R, mode: &OutputContext, q: &str) -> String {
    let document: serde_json::Value = serde_json::from_str(&json_document(report)).expect("reports are JSON");
    match query::apply(q, &document) {
        Ok(result) if mode.format == Format::Text => query::text(&result),
        Ok(result) => {
            let mut s = serde_json::to_string_pretty(&result).expect("JSON values serialize");
            s.push('\n');
            s
        }
        // Compiled before any call; a failure here is an evaluation error (a function given the
        // wrong type), said on stdout's behalf as JSON null and on stderr.
        Err(e) => {
            mode.problem(&format!("--query {q}: {e}"), None);
            "null\n".to_string()
        }
    }
}

/// Now, UTC, as RFC 3339 to the second (the civil-from-days algorithm, no time zone data).
pub fn utc_now() -> String {
    let secs =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    utc_text(secs)
}

/// Seconds since the epoch as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn utc_text(secs: i64) -> String {
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// A `text` field: never empty (a dash), never a tab or newline inside.
pub fn text_field(v: &str) -> String {
    if v.is_empty() {
        return "-".to_string();
    }
    v.chars().map(|c| if c == '\t' || c == '\n' || c == '\r' { ' ' } else { c }).collect()
}

/// Writes to stdout; a reader that went away (`| head`) ends the output quietly.
pub fn print_stdout(s: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Whether an answer to a yes/no question is yes.
pub fn is_yes(answer: &str) -> bool {
    matches!(answer.trim(), "y" | "Y" | "yes" | "YES" | "Yes")
}

/// Columns of prose: the only ones that wrap. Every other column (ids, names, numbers, states)
/// keeps its content whole, as `kubectl get` does.
const PROSE: &[&str] = &["FINDING", "EXPLANATION", "FIX", "WHAT IT CHECKS", "RESULT", "CALL", "NOTE", "EVENT"];

/// A table in the house style (columns separated by spaces under an underlined header, like
/// `kubectl get`), fitted to the width: the terminal's, else `COLUMNS`, else 100.
pub fn new_table(mode: &OutputContext, header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::NOTHING).set_content_arrangement(ContentArrangement::Dynamic);
    t.set_style(comfy_table::TableComponent::HeaderLines, '─');
    if mode.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    t.set_width(mode.width);
    t.set_header(header.iter().copied().map(Cell::new));
    let last = header.len().saturating_sub(1);
    for (i, (column, name)) in t.column_iter_mut().zip(header).enumerate() {
        if !PROSE.contains(name) {
            column.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
        }
        // Two spaces between columns and none at the edges, as `kubectl get` prints them.
        column.set_padding((0, if i == last { 0 } else { 2 }));
    }
    t
}

/// A finding's status as a cell: its symbol and word, coloured when colour is on.
pub fn finding_status_cell(mode: &OutputContext, s: crate::checks::Status) -> Cell {
    status_cell(mode, &format!("{} {}", status::symbol(s), s.as_str()), status::color(s))
}

/// A cell coloured by a status word, when colour is on.
pub fn status_cell(mode: &OutputContext, text: &str, color: Option<Color>) -> Cell {
    let cell = Cell::new(text);
    match (mode.color, color) {
        (true, Some(c)) => cell.fg(c),
        _ => cell,
    }
}

pub fn or_dash(v: Option<&str>) -> String {
    v.filter(|s| !s.is_empty()).unwrap_or("-").to_string()
}

/// Lines without the trailing blanks a table pads its last column with.
pub fn trim_lines(text: &str) -> String {
    let mut out: String = text.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// "1 task", "2 tasks": one convention for counts in sentences.
pub fn count(n: i64, one: &str, many: &str) -> String {
    crate::rules::count(n, one, many)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_text_is_rfc3339() {
        assert_eq!(utc_text(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc_text(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(utc_text(1_795_723_200), "2026-11-26T20:00:00Z");
    }

    #[derive(Serialize, schemars::JsonSchema)]
    struct R {
        rows: Vec<Vec<String>>,
    }

    impl Render for R {
        fn table(&self, _: &OutputContext) -> String {
            "T\n".into()
        }
        fn text_columns(&self) -> &'static [&'static str] {
            &["a", "b"]
        }
        fn text_rows(&self) -> Vec<Vec<String>> {
            self.rows.clone()
        }
    }

    fn mode(format: Format, headers: bool) -> OutputContext {
        OutputContext { format, headers, ..OutputContext::for_tests() }
    }

    #[test]
    fn text_is_tab_separated_with_dashes_and_no_inner_tabs() {
        let r = R { rows: vec![vec!["x\ty".into(), "".into()]] };
        assert_eq!(render(&r, &mode(Format::Text, false)), "x y\t-\n");
        assert_eq!(render(&r, &mode(Format::Text, true)), "a\tb\nx y\t-\n");
    }

    #[test]
    fn json_is_one_document() {
        let r = R { rows: vec![vec!["1".into()]] };
        let text = render(&r, &mode(Format::Json, false));
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["rows"][0][0], "1");
        assert!(text.starts_with("{\n  \"schema_version\": 1,\n"), "first field: {text}");
    }
}
