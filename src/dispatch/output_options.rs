//! The output options that depend on the command, checked before any configuration is loaded or
//! any call is made: `--query` must be JMESPath, `--columns` must name columns of the command's
//! `text` format (and needs it).

use anyhow::Result;

use crate::cli::{Cli, ColorWhen, Command, OutputArgs, OutputFormat};
use crate::env::Env;
use crate::error::{Failure, invalid};
use crate::output::{self, Format, OutputContext, query};

/// The `text` columns of a command's report, by name.
pub fn columns_of(command: &Command) -> Vec<&'static str> {
    use output::{capacity, check, diagnose, enis, explain, policy, stop};
    match command {
        Command::Enis(_) => enis::ENIS_REPORT_COLUMNS.to_vec(),
        Command::Check(a) if a.list => check::CHECK_LIST_COLUMNS.to_vec(),
        Command::Check(_) => check::CHECK_REPORT_COLUMNS.to_vec(),
        // The launched tasks' ENIs, or only their ARNs (--dry-run, --no-wait).
        Command::Run(_) => enis::ENIS_REPORT_COLUMNS.iter().copied().chain(["task_arn"]).collect(),
        Command::Stop(_) => stop::STOP_REPORT_COLUMNS.to_vec(),
        Command::Capacity(_) => capacity::CAPACITY_REPORT_COLUMNS.to_vec(),
        Command::Diagnose(a) if a.task.is_some() => diagnose::TASK_DIAGNOSIS_COLUMNS.to_vec(),
        Command::Diagnose(a) if a.service.is_some() => output::service::SERVICE_DIAGNOSIS_COLUMNS.to_vec(),
        Command::Diagnose(_) => diagnose::WINDOW_DIAGNOSIS_COLUMNS.to_vec(),
        Command::IamPolicy(_) => policy::POLICY_COLUMNS.to_vec(),
        Command::Explain(_) => explain::EXPLANATION_COLUMNS.to_vec(),
        Command::Completions(_) => vec![],
    }
}

pub fn check(cli: &Cli) -> Result<()> {
    let o = &cli.output;
    if let Some(q) = &o.query {
        if let Err(e) = query::check(q) {
            return Err(invalid("--query", q, &format!("a JMESPath expression ({e})")));
        }
        if o.output == Some(OutputFormat::Junit) {
            return Err(Failure::usage("--query selects from the JSON document: use --output json or text").into());
        }
    }
    if let Command::Enis(a) = &cli.command
        && a.watch.is_some()
        && (o.query.is_some() || !o.columns.is_empty() || o.output == Some(OutputFormat::Json))
    {
        return Err(Failure::usage(
            "--watch prints a table on a terminal, else a line per change: it has no JSON, --query or --columns form",
        )
        .into());
    }
    if o.columns.is_empty() {
        return Ok(());
    }
    if o.output != Some(OutputFormat::Text) {
        return Err(Failure::usage("--columns chooses the columns of --output text: add --output text").into());
    }
    if o.query.is_some() {
        return Err(Failure::usage("--columns and --query cannot be combined: a query chooses its own fields").into());
    }
    // An audit in parts (several regions or clusters) starts every row with its region and cluster.
    let known: Vec<&str> = output::parts::PART_COLUMNS.iter().copied().chain(columns_of(&cli.command)).collect();
    let mut seen = std::collections::BTreeSet::new();
    for c in &o.columns {
        if !known.contains(&c.as_str()) {
            return Err(invalid("--columns", c, &format!("a column of this command: {}", known.join(", "))));
        }
        if !seen.insert(c) {
            return Err(invalid("--columns", c, "each column once"));
        }
    }
    Ok(())
}

/// `--output`, else `AWSVPC_OUTPUT` (read once into `Env`), else table; a value of
/// AWSVPC_OUTPUT that is no format is a usage error naming the variable.
pub fn chosen_format(given: Option<OutputFormat>, env: &Env) -> Result<OutputFormat> {
    use clap::ValueEnum;
    if let Some(f) = given {
        return Ok(f);
    }
    let Some(v) = env.output.as_deref() else { return Ok(OutputFormat::Table) };
    OutputFormat::from_str(v.trim(), true).map_err(|_| invalid("AWSVPC_OUTPUT", v, "one of table, json, text, junit"))
}

/// The format clap parsed, as output takes it.
pub fn format(f: OutputFormat) -> Format {
    match f {
        OutputFormat::Table => Format::Table,
        OutputFormat::Json => Format::Json,
        OutputFormat::Text => Format::Text,
        OutputFormat::Junit => Format::Junit,
    }
}

/// Whether the table is coloured. `--color always|never` decides; `auto` follows the
/// conventions: NO_COLOR (no-color.org) turns colour off, CLICOLOR_FORCE (bixense.com/clicolors)
/// turns it on in a pipe, otherwise a terminal has colour. NO_COLOR wins over CLICOLOR_FORCE.
fn color_on(when: ColorWhen, stdout_tty: bool, no_color: bool, force: bool) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => !no_color && (force || stdout_tty),
    }
}

/// The output settings of the options and the environment (read once).
pub fn context(args: &OutputArgs, env: &Env) -> OutputContext {
    let when = if args.no_color { ColorWhen::Never } else { args.color };
    OutputContext {
        format: format(args.output.unwrap_or(OutputFormat::Table)),
        color: color_on(when, env.stdout_tty, env.no_color, env.clicolor_force),
        headers: args.headers,
        quiet: args.quiet,
        verbose: args.verbose,
        stderr_tty: env.stderr_tty,
        stdout_tty: env.stdout_tty,
        // Leaked once per run so that OutputContext stays a small Copy value.
        query: args.query.clone().map(|q| &*Box::leak(q.into_boxed_str())),
        columns: (!args.columns.is_empty()).then(|| &*Box::leak(args.columns.clone().into_boxed_slice())),
        width: env.table_width(),
        wide: args.wide,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_output_option_wins_over_awsvpc_output_which_wins_over_table() {
        let env = |v: Option<&str>| Env { output: v.map(str::to_string), ..Env::default() };
        assert_eq!(chosen_format(None, &env(None)).unwrap(), OutputFormat::Table);
        assert_eq!(chosen_format(None, &env(Some("json"))).unwrap(), OutputFormat::Json);
        assert_eq!(chosen_format(None, &env(Some("TEXT"))).unwrap(), OutputFormat::Text);
        assert_eq!(chosen_format(Some(OutputFormat::Table), &env(Some("json"))).unwrap(), OutputFormat::Table);
        let err = chosen_format(None, &env(Some("yaml"))).unwrap_err();
        assert_eq!(crate::error::exit_code_of(&err), crate::exit::USAGE);
        assert!(err.to_string().contains("AWSVPC_OUTPUT") && err.to_string().contains("yaml"), "{err}");
    }

    #[test]
    fn colour_follows_the_flag_then_no_color_then_clicolor_force_then_the_terminal() {
        use ColorWhen::*;
        // (when, stdout is a terminal, NO_COLOR, CLICOLOR_FORCE) -> colour
        let cases = [
            (Always, false, true, false, true),
            (Never, true, false, true, false),
            (Auto, true, false, false, true),
            (Auto, false, false, false, false),
            (Auto, true, true, false, false),
            (Auto, false, false, true, true),
            (Auto, false, true, true, false),
        ];
        for (when, tty, no, force, want) in cases {
            assert_eq!(color_on(when, tty, no, force), want, "{when:?} tty={tty} NO_COLOR={no} CLICOLOR_FORCE={force}");
        }
    }
}
