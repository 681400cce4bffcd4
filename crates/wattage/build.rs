//! Prepares the book for rustdoc: chapters from `book/` (the repository's
//! `docs/`) are copied to `OUT_DIR`, with each chart line
//! `![alt](img/NAME.svg)` replaced by the SVG itself, inline. A relative
//! image link would point next to the generated HTML page, where no image
//! is, on docs.rs as locally; inline SVG shows everywhere. The Markdown in
//! `docs/` keeps its links, which render on the repository's web view.

use std::error::Error;
use std::fs;
use std::path::Path;

fn main() -> Result<(), Box<dyn Error>> {
    let book = Path::new("book");
    let out = std::env::var("OUT_DIR")?;
    println!("cargo:rerun-if-changed=book");
    for entry in fs::read_dir(book)? {
        let path = entry?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if !name.ends_with(".md") {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path)?;
        let mut chapter = String::with_capacity(text.len());
        for line in text.lines() {
            match chart(line) {
                Some((alt, file)) => {
                    let svg = fs::read_to_string(book.join(file))?;
                    println!("cargo:rerun-if-changed={}", book.join(file).display());
                    // One HTML block: no blank lines inside, so Markdown leaves it be.
                    chapter.push_str(&format!(
                        "<div role=\"img\" aria-label=\"{}\" style=\"max-width:100%;overflow-x:auto\">",
                        alt.replace('"', "&quot;")
                    ));
                    chapter.push_str(
                        svg.trim()
                            .trim_start_matches("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
                    );
                    chapter.push_str("</div>\n");
                }
                None => {
                    chapter.push_str(line);
                    chapter.push('\n');
                }
            }
        }
        fs::write(Path::new(&out).join(name), chapter)?;
    }
    Ok(())
}

/// `(alt, "img/NAME.svg")` for a line that is only a chart image link.
fn chart(line: &str) -> Option<(&str, &str)> {
    let rest = line.trim().strip_prefix("![")?;
    let (alt, rest) = rest.split_once("](")?;
    let file = rest.strip_suffix(')')?;
    (file.starts_with("img/") && file.ends_with(".svg") && !file.contains(".."))
        .then_some((alt, file))
}
