//! Text laid out for people at a given width, as cargo and rustc lay out diagnostics: prose
//! wrapped at word boundaries, and shell commands never cut inside a word: one line, or continued
//! with ` \` at argument boundaries so that pasting the lines into a shell runs the command.

/// `text` wrapped to `width` columns, each line after `first` indented by `indent` spaces. A word
/// longer than the width stays whole on a line of its own.
pub fn wrap(text: &str, width: usize, first: &str, indent: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_string();
    let mut empty = true;
    for word in units(text) {
        let word = word.as_str();
        let fits = line.chars().count() + usize::from(!empty) + word.chars().count() <= width;
        // A lead (a head line's label) that leaves no room starts the next line with the word.
        let fits_next = indent + word.chars().count() <= width;
        if !fits && (!empty || (!line.trim().is_empty() && fits_next)) {
            lines.push(std::mem::take(&mut line).trim_end().to_string());
            line = " ".repeat(indent);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    if !empty || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The words of prose; a command quoted in backticks (`awsvpc check --cluster c`) is one unit,
/// never cut.
fn units(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for word in text.split_whitespace() {
        match out.last_mut() {
            Some(last) if open => {
                last.push(' ');
                last.push_str(word);
            }
            _ => out.push(word.to_string()),
        }
        if word.matches('`').count() % 2 == 1 {
            open = !open;
        }
    }
    out
}

/// A shell command's words, quotes kept with the word they belong to.
fn shell_words(cmd: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    for c in cmd.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => {
                quote = None;
                word.push(c);
            }
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                word.push(c);
            }
            (None, c) if c.is_whitespace() => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            (None, c) => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// A shell command on as few lines as the width allows: `first` starts the first line, every
/// further line is indented by `indent` spaces, and every line but the last ends in ` \`. An
/// option and its value stay together where they fit.
pub fn command(cmd: &str, width: usize, first: &str, indent: usize) -> Vec<String> {
    let words = shell_words(cmd);
    // Options keep their value on the same line: `--principal-arn ARN` is one unit.
    let mut units: Vec<String> = Vec::new();
    for w in words {
        match units.last_mut() {
            Some(last) if last.starts_with("--") && !last.contains(' ') && !w.starts_with("--") => {
                last.push(' ');
                last.push_str(&w);
            }
            _ => units.push(w),
        }
    }
    // A pair too long for a line of its own is two units again: the option, then its value.
    let units: Vec<String> = units
        .into_iter()
        .flat_map(|u| match u.split_once(' ') {
            Some((opt, value)) if indent + u.chars().count() + 2 > width => vec![opt.to_string(), value.to_string()],
            _ => vec![u],
        })
        .collect();
    let mut lines = Vec::new();
    let mut line = first.to_string();
    let mut empty = true;
    for u in units {
        // Room for the unit and, should another line follow, the ` \`.
        let fits = line.chars().count() + usize::from(!empty) + u.chars().count() + 2 <= width;
        if !empty && !fits {
            line.push_str(" \\");
            lines.push(std::mem::take(&mut line));
            line = " ".repeat(indent);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(&u);
        empty = false;
    }
    lines.push(line);
    lines
}

/// The commands a fix names, each whole: the text from `aws ` to the end of its step (a fix's
/// steps are separated by `; `, its alternatives by ` | `).
pub fn commands_in(fix: &str) -> Vec<String> {
    fix.split(" | ")
        .flat_map(|alt| alt.split("; "))
        .filter_map(|step| step.find("aws ").filter(|i| *i == 0 || step[..*i].ends_with(' ')).map(|i| &step[i..]))
        .map(|c| c.trim().to_string())
        .collect()
}

/// A fix laid out under a finding: `fix: ` then each step on lines of its own (prose wrapped, a
/// command whole or continued with ` \`); alternatives start with `or: `.
pub fn fix_lines(fix: &str, width: usize, indent: usize) -> Vec<String> {
    let pad = " ".repeat(indent);
    let mut out = Vec::new();
    for (a, alt) in fix.split(" | ").enumerate() {
        let label = if a == 0 { "fix: " } else { " or: " };
        for (s, step) in alt.split("; ").enumerate() {
            let lead = if s == 0 { format!("{pad}{label}") } else { " ".repeat(indent + label.len()) };
            out.extend(step_lines(step, width, &lead, indent + label.len()));
        }
    }
    out
}

/// One step of a fix or a way to make room: prose wrapped, an `aws ` command on lines of its own,
/// whole or continued with ` \`.
fn step_lines(step: &str, width: usize, lead: &str, indent: usize) -> Vec<String> {
    match step.find("aws ").filter(|i| *i == 0 || step[..*i].ends_with(' ')) {
        Some(0) => command(step, width, lead, indent + 4),
        Some(i) => {
            let mut out = wrap(step[..i].trim_end(), width, lead, indent);
            out.extend(command(&step[i..], width, &" ".repeat(indent), indent + 4));
            out
        }
        None => wrap(step, width, lead, indent),
    }
}

/// Items numbered `  1. `, each laid out as a fix's steps (prose wrapped, commands whole).
pub fn numbered(items: &[String], width: usize) -> Vec<String> {
    let mut out = Vec::new();
    for (k, item) in items.iter().enumerate() {
        let lead = format!("  {}. ", k + 1);
        let indent = lead.len();
        for (s, step) in item.split("; ").enumerate() {
            let first = if s == 0 { lead.clone() } else { " ".repeat(indent) };
            out.extend(step_lines(step, width, &first, indent));
        }
    }
    out
}

/// Lines joined back as a shell reads them: a ` \` line end continues the line.
pub fn unfold(text: &str) -> String {
    let mut out = String::new();
    let mut continued = false;
    for line in text.lines() {
        let piece = if continued { line.trim_start() } else { line };
        if continued {
            out.push(' ');
        }
        match piece.strip_suffix(" \\") {
            Some(head) => {
                out.push_str(head);
                continued = true;
            }
            None => {
                out.push_str(piece);
                out.push('\n');
                continued = false;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARN_FIX: &str = "aws ecs put-account-setting --name awsvpcTrunking --value enabled --principal-arn \
                           arn:aws:iam::123456789012:role/ecsInstanceRole";

    #[test]
    fn prose_wraps_at_words_and_long_words_stay_whole() {
        let lines = wrap("one two three four", 9, "", 2);
        assert_eq!(lines, vec!["one two", "  three", "  four"]);
        let quoted = wrap("run `awsvpc check --cluster demo` now", 20, "", 0);
        assert_eq!(quoted, vec!["run", "`awsvpc check --cluster demo`", "now"], "a quoted command stays whole");
        assert_eq!(wrap("arn:aws:iam::123456789012:role/x", 10, "- ", 2), vec!["- arn:aws:iam::123456789012:role/x"]);
    }

    #[test]
    fn a_command_is_continued_at_argument_boundaries_and_pastes_whole() {
        for width in [40, 60, 80, 100, 160] {
            let lines = command(ARN_FIX, width, "  fix: ", 11);
            for l in &lines[..lines.len() - 1] {
                assert!(l.ends_with(" \\"), "{l}");
            }
            assert!(lines.iter().all(|l| !l.contains("arn:aws:iam::12345678 ")), "never cut inside a word");
            let joined = unfold(&lines.join("\n"));
            assert_eq!(joined.trim_end(), format!("  fix: {ARN_FIX}"), "width {width}");
            if width >= 60 {
                assert!(lines.iter().all(|l| l.chars().count() <= width), "{lines:#?}");
            }
        }
        assert_eq!(command(ARN_FIX, 200, "", 4), vec![ARN_FIX.to_string()], "one line where it fits");
        let quoted = "aws ec2 modify-vpc-attribute --vpc-id vpc-1 --enable-dns-support '{\"Value\":true}'";
        assert_eq!(unfold(&command(quoted, 40, "", 4).join("\n")).trim_end(), quoted);
    }

    #[test]
    fn fixes_lay_out_steps_alternatives_and_embedded_commands() {
        let fix = format!("enable ENI trunking (+8 slots): {ARN_FIX}; replace: i-1, i-2 | add 2 instances");
        let lines = fix_lines(&fix, 80, 2);
        assert!(lines[0].starts_with("  fix: enable ENI trunking"), "{lines:#?}");
        assert!(lines.iter().any(|l| l.starts_with("   or: add 2 instances")), "{lines:#?}");
        assert!(unfold(&lines.join("\n")).contains(ARN_FIX), "{lines:#?}");
        assert_eq!(commands_in(&fix), vec![ARN_FIX.to_string()]);
        assert!(lines.iter().all(|l| l.chars().count() <= 80), "{lines:#?}");
    }
}
