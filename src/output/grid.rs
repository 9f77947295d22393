//! Tables of short values fitted to the width: when the columns do not fit, the lowest-priority
//! ones are dropped (and named, with `--wide` to show them) rather than any line folded or any
//! id broken; sentences go under the table as notes keyed by a short marker.

use comfy_table::{Cell, Color};

use super::{OutputContext, new_table};

/// A table being built: its header, the order in which columns give way, and its rows.
pub struct Grid {
    header: Vec<&'static str>,
    /// Column indices, the first to be dropped first. Columns not listed are never dropped.
    drop_order: Vec<usize>,
    rows: Vec<Vec<(String, Option<Color>)>>,
    notes: Vec<String>,
}

impl Grid {
    pub fn new(header: &[&'static str], drop_order: &[usize]) -> Grid {
        Grid { header: header.to_vec(), drop_order: drop_order.to_vec(), rows: Vec::new(), notes: Vec::new() }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells.into_iter().map(|c| (c, None)).collect());
    }

    /// A row whose cells may carry a colour (shown when colour is on).
    pub fn row_colored(&mut self, cells: Vec<(String, Option<Color>)>) {
        self.rows.push(cells);
    }

    /// A sentence for under the table: its marker (`[1]`), the same marker for the same sentence.
    pub fn note(&mut self, sentence: &str) -> String {
        let n = match self.notes.iter().position(|s| s == sentence) {
            Some(i) => i + 1,
            None => {
                self.notes.push(sentence.to_string());
                self.notes.len()
            }
        };
        format!("[{n}]")
    }

    /// The width of the table with the given columns (two spaces between columns).
    fn width_of(&self, columns: &[usize]) -> usize {
        let content: usize = columns
            .iter()
            .map(|&c| {
                let cells = self.rows.iter().map(|r| r.get(c).map_or(0, |(s, _)| s.chars().count()));
                cells.chain(std::iter::once(self.header[c].chars().count())).max().unwrap_or(0)
            })
            .sum();
        content + 2 * columns.len().saturating_sub(1)
    }

    /// The columns shown at the mode's width (every column with `--wide`), and those hidden.
    fn columns(&self, mode: &OutputContext) -> (Vec<usize>, Vec<&'static str>) {
        let mut shown: Vec<usize> = (0..self.header.len()).collect();
        let mut hidden = Vec::new();
        if mode.wide {
            return (shown, hidden);
        }
        for &c in &self.drop_order {
            if self.width_of(&shown) <= usize::from(mode.width) {
                break;
            }
            shown.retain(|&x| x != c);
            hidden.push(self.header[c]);
        }
        (shown, hidden)
    }

    /// The table, the line naming the hidden columns, and the notes.
    pub fn render(&self, mode: &OutputContext) -> String {
        let (shown, hidden) = self.columns(mode);
        let header: Vec<&str> = shown.iter().map(|&c| self.header[c]).collect();
        let mut t = new_table(mode, &header);
        // Never wider than the content: the table is already fitted, nothing may wrap.
        t.set_width(u16::try_from(self.width_of(&shown).max(usize::from(mode.width))).unwrap_or(u16::MAX));
        for r in &self.rows {
            t.add_row(shown.iter().map(|&c| {
                let (text, color) = r.get(c).cloned().unwrap_or_default();
                match (mode.color, color) {
                    (true, Some(col)) => Cell::new(text).fg(col),
                    _ => Cell::new(text),
                }
            }));
        }
        let mut out = if self.rows.is_empty() { String::new() } else { format!("{t}\n") };
        if !hidden.is_empty() {
            out.push_str(&format!("(not shown at {} columns: {}; --wide shows them)\n", mode.width, hidden.join(", ")));
        }
        let width = usize::from(mode.width);
        for (i, n) in self.notes.iter().enumerate() {
            let lead = format!("[{}] ", i + 1);
            let indent = lead.len();
            out.push_str(&super::layout::wrap(n, width, &lead, indent).join("\n"));
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(width: u16, wide: bool) -> OutputContext {
        OutputContext { width, wide, color: false, ..OutputContext::for_tests() }
    }

    #[test]
    fn columns_give_way_in_order_and_are_named() {
        let mut g = Grid::new(&["TASK", "STATUS", "ENI", "IP", "AZ"], &[4, 3]);
        g.row(vec![
            "3f5640f3-ddaf-41d3-83c7-5d5cdb0971a1".into(),
            "RUNNING".into(),
            "eni-814c39e3cf5925e6f".into(),
            "10.0.32.7".into(),
            "us-east-1b".into(),
        ]);
        let at = |w: u16| g.render(&mode(w, false));
        let wide = at(160);
        assert!(wide.contains("us-east-1b") && !wide.contains("not shown"), "{wide}");
        let narrow = at(80);
        assert!(!narrow.contains("us-east-1b") && narrow.contains("10.0.32.7"), "{narrow}");
        assert!(narrow.contains("(not shown at 80 columns: AZ; --wide shows them)"), "{narrow}");
        assert!(narrow.lines().all(|l| l.chars().count() <= 80), "{narrow}");
        assert!(g.render(&mode(60, true)).contains("us-east-1b"), "--wide shows every column");
    }

    #[test]
    fn notes_are_keyed_once() {
        let mut g = Grid::new(&["A"], &[]);
        assert_eq!(g.note("the same sentence"), "[1]");
        assert_eq!(g.note("another"), "[2]");
        assert_eq!(g.note("the same sentence"), "[1]");
        g.row(vec!["x [1]".into()]);
        assert!(g.render(&mode(100, false)).contains("[2] another"));
    }
}
